"""Hostile and broken input: clear errors, nothing lost, nothing fetched, nothing executed."""
