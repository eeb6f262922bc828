"""The trainer's domain: hours, the hour policy, per-training reservations (pure Python)."""
