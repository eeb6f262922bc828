"""The transactional outbox: events stored with their state change, published after commit."""
