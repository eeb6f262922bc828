"""Firestore access for the kit: the lazily created client and the optimistic unit of work."""
