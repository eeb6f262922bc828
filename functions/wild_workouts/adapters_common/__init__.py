"""Adapter pieces the three modules share (kit unit of work, clock)."""
