"""The curriculum engine: load lesson bundles, check them, render generated pages.

Nothing here imports MkDocs; `curriculum.mkdocs_hooks` is the one thin adapter.
"""

__version__ = "0.1.0"
