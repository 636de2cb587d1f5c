"""Checks that look across files: coverage, links, contacts, wording, personal data."""
