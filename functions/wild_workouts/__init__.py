"""Wild Workouts: the gym's trainer, trainings and users modules."""
