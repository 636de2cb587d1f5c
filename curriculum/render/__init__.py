"""Rendering: the Markdown of generated pages (plain strings, no MkDocs)."""
