"""Printable handouts: HTML for print, PDFs (WeasyPrint) with a cache, print packs."""
