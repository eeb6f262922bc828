"""The reusable serverless pipeline kit (never imports wild_workouts)."""
