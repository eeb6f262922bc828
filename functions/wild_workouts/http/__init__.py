"""The HTTP layer below the modules (routes, OpenAPI checks, the Flask app): imports no module."""
