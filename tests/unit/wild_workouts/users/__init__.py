"""Unit tests of Wild Workouts users."""
