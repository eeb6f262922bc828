"""The scripted scenario the README's main command runs."""
