"""``make dev``'s extras: the record of the running stack, the demo grants, the welcome text, ``ops token``."""
