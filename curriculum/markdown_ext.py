"""A Python-Markdown extension (not a MkDocs plugin, so it also runs under Zensical).

- every macro ({{contact:…}}, {{law:…}}, {{org:…}}, {{block:…}}, the law table) in any
  page becomes its text, through the one expansion path (curriculum.macros) and from the
  registries the engine loaded (passed in as `reference`, never loaded again here);
- every table gets a caption (the nearest heading before it, when it has none) and
  `scope="col"` on its column heads, as KWCAG asks of data tables.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as etree

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .macros import LAW_TABLE, expand


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
        # Not None as the default: Markdown would turn a None-default option into a bool.
        self.config = {"reference": ["", "the registries (curriculum.model.Reference) the "
                                           "engine loaded"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        reference = self.getConfig("reference") or None
        md.preprocessors.register(MacroPreprocessor(md, reference), "curriculum_macros", 35)
        md.treeprocessors.register(TableTreeprocessor(md), "table_a11y", 1)
        md.postprocessors.register(MarkdownAttrPostprocessor(md), "markdown_attr", 5)


def makeExtension(**kwargs):
    return CurriculumExtension(**kwargs)
