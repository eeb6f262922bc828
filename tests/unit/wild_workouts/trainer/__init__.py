"""Unit tests of Wild Workouts trainer."""
