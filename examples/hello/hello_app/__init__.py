"""Hello: the smallest app on the pipeline kit (an event, a command, a push consumer)."""
