"""Typed, versioned events: the envelope, the registry of payload types, and upcasting."""
