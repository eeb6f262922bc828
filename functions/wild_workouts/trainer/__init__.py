"""The trainer module: the trainer's hours and their availability."""
