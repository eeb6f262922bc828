"""HTTP glue: request context for HTTP triggers, command execution, and the Flask push endpoint."""
