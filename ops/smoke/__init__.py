"""The smoke test run against a deployed API (Cloud Build's last step). Standard library only."""
