"""Firestore adapters of the users module (collections: users_accounts, users_ledger)."""
