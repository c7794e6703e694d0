"""Passes over the whole book: ids unique across it, links between its articles."""
