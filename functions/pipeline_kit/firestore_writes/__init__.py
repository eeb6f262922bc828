"""Firestore ``Write`` protobufs built directly (below the unit of work and the outbox, which both commit)."""
