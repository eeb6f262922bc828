"""Small middlewares, one per concern, composed by ``PushConsumer``."""
