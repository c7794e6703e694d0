"""Shared rendering: Jinja2 templates and CSS used by both the EPUB and the PDF backend."""
