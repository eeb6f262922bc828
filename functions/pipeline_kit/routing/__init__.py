"""Routing push messages to handlers, with the outcome contract (ack / retry / park)."""
