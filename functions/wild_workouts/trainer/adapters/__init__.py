"""Firestore adapters of the trainer module (collections: trainer_hours,
trainer_training_reservations, trainer_calendar)."""
