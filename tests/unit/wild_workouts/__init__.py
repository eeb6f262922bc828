"""Unit tests of the Wild Workouts domain and application layer (pure, with fakes)."""
