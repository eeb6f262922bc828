"""The trainings module: bookings, cancellations, reschedules; the saga is described in
``domain/training.py``."""
