"""Firestore adapters of the trainings module (collections: trainings, attendee_trainings)."""
