"""Wiring of the application's HTTP triggers and push consumers (the code deployed to Cloud Run)."""
