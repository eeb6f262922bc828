"""Entry points of the trainer module: its push consumers and HTTP routes."""
