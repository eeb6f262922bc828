"""Entry points of the users module: its push consumers and HTTP routes."""
