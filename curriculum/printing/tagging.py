"""Table header scope in the PDF's structure tree.

WeasyPrint 70 tags `<th>` as TH and links every TD to its headers (/Headers), choosing
row or column headers from the HTML `scope` attribute, but it writes no /Scope on the
TH itself (PDF/UA, Matterhorn 15-003 asks for it). This wraps the one function that
builds the tags and adds /Scope from that same attribute: /Row for `scope="row"`,
/Column otherwise, exactly as WeasyPrint decided for /Headers. Reading the decision
back from a finished PDF would mean guessing it from the layout.

It is private WeasyPrint code: `weasyprint` is pinned (pyproject.toml), this file is
part of the PDF cache key, and tests/test_printing.py checks that every TH of a real
handout carries /Scope, so an upgrade that changes the function shows at once.
"""

from __future__ import annotations

import functools


def _th_scope(box, element) -> None:
    attrs = element.get("A")
    if (element.get("S") == "/TH" and attrs is not None
            and getattr(box, "element", None) is not None
            and getattr(box, "element_tag", None) == "th"
            and getattr(box, "mark", None) is element):
        scope = box.element.attrib.get("scope")
        attrs["Scope"] = "/Row" if scope == "row" else "/Column"


# What is done to each structure element as WeasyPrint makes it: (box, element) -> None.
# One wrapper for all of them (fill.py adds the letters' slots).
HOOKS = [_th_scope]


def add_hook(hook) -> None:
    if hook not in HOOKS:
        HOOKS.append(hook)


def install() -> None:
    """Idempotent: wrap weasyprint.pdf.tags._build_box_tree once per process."""
    from weasyprint.pdf import tags

    original = tags._build_box_tree
    if getattr(original, "_runs_hooks", False):
        return

    @functools.wraps(original)
    def build_box_tree(box, *args, **kwargs):
        for element in original(box, *args, **kwargs):
            if hasattr(element, "get"):
                for hook in HOOKS:
                    hook(box, element)
            yield element

    build_box_tree._runs_hooks = True
    tags._build_box_tree = build_box_tree
