"""The trainings module's use cases: commands, saga answer handlers, read model and queries."""
