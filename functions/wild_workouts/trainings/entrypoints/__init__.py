"""Entry points of the trainings module: its push consumers and HTTP routes."""
