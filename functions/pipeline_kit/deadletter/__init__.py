"""Parking poison messages in a consumer's dead-letter topic, with the reason attached."""
