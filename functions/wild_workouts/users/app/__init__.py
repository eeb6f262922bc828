"""The users module's use cases: grants, balance query, and the saga event handlers."""
