"""Unit tests of Wild Workouts saga."""
