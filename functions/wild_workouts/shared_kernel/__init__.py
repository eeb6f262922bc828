"""Pure types every Wild Workouts module shares: clock, caller, roles, UTC hours, error taxonomy."""
