"""Unit tests of Wild Workouts trainings."""
