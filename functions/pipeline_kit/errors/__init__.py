"""Error families shared by the kit: the handler's own choice (transient, permanent) and the
Google API errors that may pass on a retry."""
