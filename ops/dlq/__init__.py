"""Dead letters: list the dead-letter subscriptions, show why messages failed, redrive, purge."""
