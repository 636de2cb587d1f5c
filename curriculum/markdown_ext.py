"""A Python-Markdown extension (not a MkDocs plugin, so it also runs under Zensical).

- every macro ({{contact:…}}, {{law:…}}, {{org:…}}, {{block:…}}, the law table) in any
  page becomes its text, through the one expansion path (curriculum.macros) and from the
  registries the engine loaded (passed in as `reference`, never loaded again here);
- every table gets a caption (the nearest heading before it, when it has none) and
  `scope="col"` on its column heads, as KWCAG asks of data tables;
- on the site (`wrap_tables: true` in mkdocs.yml; not in the PDFs) every table sits in
  its own box (`div.table-wrap`) that scrolls sideways when the table is wider than a
  phone, and a table written in Markdown gets the class `md-table`, so all tables are
  styled by the site's CSS alike (Material styles and wraps only class-less tables);
- on the site (`phone_links: true`) every help number of the registry standing in text,
  the contact macro's among them, becomes a `tel:` (or `sms:`) link made by
  render.text.phone_href; printed sheets keep plain numbers.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as etree

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .macros import LAW_TABLE, expand
from .render.text import phone_href


class MacroPreprocessor(Preprocessor):
    def __init__(self, md, reference):
        super().__init__(md)
        self.reference = reference

    def run(self, lines):
        text = "\n".join(lines)
        if "{{" not in text and LAW_TABLE not in text:
            return lines
        if self.reference is None:
            # MkDocs builds the extension once to validate its config, before the
            # adapter hands over the registries; a page converted without them is a bug.
            raise ValueError("curriculum.markdown_ext needs reference=<the loaded "
                             "registries>; the MkDocs adapter (curriculum.mkdocs_hooks) "
                             "passes it")
        return expand(text, self.reference).split("\n")


class TableTreeprocessor(Treeprocessor):
    HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self, md, wrap: bool = False):
        super().__init__(md)
        self.wrap = wrap

    def run(self, root):
        self.last = ""
        self.count = 0
        self._walk(root)

    def _walk(self, el):
        for child in list(el):
            if child.tag in self.HEADINGS:
                # The heading's own words, without the permalink anchor the toc adds.
                self.last = (child.text or "").strip() + "".join(
                    (sub.text or "") + (sub.tail or "") for sub in child
                    if "headerlink" not in sub.get("class", "")).strip()
            elif child.tag == "table":
                self._fix(child)
                if self.wrap:
                    self._wrap(el, child)
            else:
                self._walk(child)

    @staticmethod
    def _wrap(parent, table):
        box = etree.Element("div", {"class": "table-wrap"})
        parent.insert(list(parent).index(table), box)
        parent.remove(table)
        box.append(table)
        box.tail, table.tail = table.tail, None
        if not table.get("class"):
            table.set("class", "md-table")

    def _fix(self, table):
        self.count += 1
        given = table.attrib.pop("data-caption", None)
        if table.find("caption") is None:
            caption = etree.Element("caption")
            caption.text = given or (f"{self.last} 표" if self.last else f"표 {self.count}")
            table.insert(0, caption)
        for el in table.iter():  # md_in_html leaves markdown="1" on some table parts
            el.attrib.pop("markdown", None)
        head = table.find("thead")
        for th in (head.iter("th") if head is not None else []):
            th.set("scope", "col")


class PhoneLinkTreeprocessor(Treeprocessor):
    """A help number of the registry written in text ("수사기관(112)에 신고") becomes a
    `tel:` (or `sms:`) link, so every number on the site is one tap, wherever it was
    written. Only the registry's numbers (the check rejects any other), never inside
    links, code or headings, never a number that is part of a longer one, a date
    or an amount ("1377년", "112.5", "제117조"); a particle may follow ("1366으로")."""

    SKIP = {"a", "code", "pre", "kbd", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6"}
    UNIT = "년|월|일|명|건|원|분|초|호|조|번|개|쪽|차|회|세|살|학년|시간|만|억|천|%"

    def __init__(self, md, numbers):
        super().__init__(md)
        numbers = sorted({n for n in numbers if n}, key=len, reverse=True)
        self.pattern = re.compile(
            r"(?<![\w.,/:#-])(?<!제 )(" + "|".join(map(re.escape, numbers)) + r")"
            r"(?![0-9A-Za-z_-]|[.,]\d|\s?(?:" + self.UNIT + "))") if numbers else None

    def run(self, root):
        if self.pattern is None:
            return
        self.depth = 0  # inside a link or code written as raw HTML (<a …>…</a>)
        self._walk(root)

    def _walk(self, el):
        if el.tag in self.SKIP:
            return
        if el.text:
            el.text = self._link(el.text)
        for child in el:
            self._walk(child)
            if child.tail:
                child.tail = self._link(child.tail)

    def _link(self, text: str) -> str:
        """Numbers outside raw-HTML links become links, stored as raw HTML (the stash
        places them after serialising, like any inline HTML)."""
        out = []
        for i, part in enumerate(STASHED.split(text)):
            if i % 2:  # a placeholder of raw HTML: follow <a>/<code> nesting
                raw = self.md.htmlStash.rawHtmlBlocks[int(part)]
                raw = raw if isinstance(raw, str) else ""
                opened = len(OPEN_SKIP.findall(raw)) - len(CLOSE_SKIP.findall(raw))
                self.depth = max(0, self.depth + opened)
                out.append(f"\x02wzxhzdk:{part}\x03")
            elif self.depth or not part:
                out.append(part)
            else:
                out.append(self.pattern.sub(self._anchor, part))
        return "".join(out)

    def _anchor(self, m) -> str:
        number = m.group(1)
        return self.md.htmlStash.store(f'<a href="{phone_href(number)}">{number}</a>')


STASHED = re.compile("\x02wzxhzdk:(\\d+)\x03")
OPEN_SKIP = re.compile(r"<(?:a|code)\b", re.I)
CLOSE_SKIP = re.compile(r"</(?:a|code)\s*>", re.I)


class MarkdownAttrPostprocessor(Postprocessor):
    """md_in_html leaves markdown="1" on some elements it passes through raw (table
    parts, list items); it is not an HTML attribute, so it goes."""

    ATTR = re.compile(r'(<[a-z][a-z0-9]*\b[^>]*?)\s+markdown="(?:1|span|block)"')

    def run(self, text):
        return self.ATTR.sub(r"\1", text) if 'markdown="' in text else text


class CurriculumExtension(Extension):
    def __init__(self, **kwargs):
        # Not None as the default: Markdown would turn a None-default option into a bool.
        self.config = {"reference": ["", "the registries (curriculum.model.Reference) the "
                                           "engine loaded"],
                       "wrap_tables": [False, "each table in a box that scrolls sideways "
                                              "(the site; not the PDFs)"],
                       "registries": ["", "a repository root to load the registries from "
                                          "when `reference` is not given (a staged site "
                                          "built without the MkDocs adapter)"],
                       "phone_links": [False, "help numbers in text become tel:/sms: links "
                                              "(the site; printed sheets keep plain numbers)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        reference = self.getConfig("reference") or None
        if reference is None and self.getConfig("registries"):
            reference = _registries(str(self.getConfig("registries")))
        md.preprocessors.register(MacroPreprocessor(md, reference), "curriculum_macros", 35)
        md.treeprocessors.register(TableTreeprocessor(md, bool(self.getConfig("wrap_tables"))),
                                   "table_a11y", 1)
        if reference is not None and self.getConfig("phone_links"):
            numbers = [n for c in reference.contacts.values() for n in c.phone + [c.text]]
            # After the inline patterns (20): text nodes hold the page's words by then.
            md.treeprocessors.register(PhoneLinkTreeprocessor(md, numbers), "phone_links", 2)
        md.postprocessors.register(MarkdownAttrPostprocessor(md), "markdown_attr", 5)


_LOADED: dict = {}


def _registries(root: str):
    """The registries of the repository at `root`, loaded once per process (findings are
    the check's business, not the build's)."""
    if root not in _LOADED:
        from pathlib import Path

        from .engine import load_reference, today
        from .findings import Report

        _LOADED[root] = load_reference(Path(root), Report(), today(), 10**6)
    return _LOADED[root]


def makeExtension(**kwargs):
    return CurriculumExtension(**kwargs)
