"""The users domain: attendee balances and the per-training ledger (pure Python)."""
