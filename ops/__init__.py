"""Operations tooling: the local stack, the demo scenario and the ops CLI (not deployed)."""
