"""A Python-Markdown extension (not a MkDocs plugin, so it also runs under Zensical).

- `{{contact:KEY}}` in any page becomes the contact from contacts.yml;
- every table gets a caption (the nearest heading before it, when it has none) and
  `scope="col"` on its column heads, as KWCAG asks of data tables.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as etree

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
import re
from markdown.treeprocessors import Treeprocessor

from .config import load_contacts
from .findings import Report
from .render.text import expand_contacts

_cache: dict = {}


def contacts_for(root: str):
    path = Path(root).resolve() / "contacts.yml"
    key = (str(path), path.stat().st_mtime_ns if path.exists() else 0)
    if key not in _cache:
        from .engine import today
        _cache.clear()
        _cache[key] = load_contacts(path.parent, Report(), today(), 10**6)
    return _cache[key]


class ContactPreprocessor(Preprocessor):
    def __init__(self, md, root):
        super().__init__(md)
        self.root = root

    def run(self, lines):
        text = "\n".join(lines)
        if "{{" not in text:
            return lines
        return expand_contacts(text, contacts_for(self.root)).split("\n")


class TableTreeprocessor(Treeprocessor):
    HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

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
            else:
                self._walk(child)

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


class MarkdownAttrPostprocessor(Postprocessor):
    """md_in_html leaves markdown="1" on some elements it passes through raw (table
    parts, list items); it is not an HTML attribute, so it goes."""

    ATTR = re.compile(r'(<[a-z][a-z0-9]*\b[^>]*?)\s+markdown="(?:1|span|block)"')

    def run(self, text):
        return self.ATTR.sub(r"\1", text) if 'markdown="' in text else text


class CurriculumExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"root": [".", "repository root holding contacts.yml"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.preprocessors.register(ContactPreprocessor(md, self.getConfig("root")), "contacts", 35)
        md.treeprocessors.register(TableTreeprocessor(md), "table_a11y", 1)
        md.postprocessors.register(MarkdownAttrPostprocessor(md), "markdown_attr", 5)


def makeExtension(**kwargs):
    return CurriculumExtension(**kwargs)
