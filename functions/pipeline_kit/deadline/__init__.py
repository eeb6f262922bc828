"""The push delivery's time budget and the calls bounded by what remains of it."""
