"""Helpers for the CI-facing tests: run the CLI as a CI job does, validate build reports."""
