"""The trainings domain: the Training aggregate, its saga state and rules (pure Python)."""
