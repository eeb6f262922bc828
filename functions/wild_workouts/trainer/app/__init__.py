"""The trainer's use cases: commands, saga event handlers, calendar projection and query."""
