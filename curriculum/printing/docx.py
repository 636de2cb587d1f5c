"""Every 가정통신문 (a handout of kind `parent-letter`) also as an editable Word file.

The words are the PDF's own: the same Markdown, macros (the help block) and print
rules, converted to HTML and walked into python-docx paragraphs, lists and tables.
The blanks a school fills in ("○○학교", "○○부", "(학교 대표번호)", "제2026-00호",
"2026.  .  .부터" and the date over the principal's name) are Word content controls
(plain-text fields) with a Korean title and an ASCII tag (FIELDS): Word shows them as
fields to click and type in, and the custom-pack page (overrides/assets/custom-pack.js)
fills them by tag, inside the DOCX's XML, in the browser. The reply slip's date and
name stay blank: the family writes them.

A letter's DOCX is cached (.build/docx/) by the hash of its HTML, this file and the
python-docx version, so an unchanged letter keeps the same bytes from build to build.
"""

from __future__ import annotations

import hashlib
import html as htmllib
import re
from dataclasses import dataclass
from pathlib import Path

from ..model import Curriculum, Handout, Lesson

# tag -> (title shown in Word, placeholder text as printed in the PDF)
FIELDS = {
    "school": ("학교명", "○○학교"),
    "department": ("담당 부서", "○○부"),
    "phone": ("연락처", "학교 대표번호"),
    "letter-no": ("문서 번호", "제2026-00호"),
    "start-date": ("교육 시작일", "2026.  .  ."),
    "issue-date": ("발행일", "2026.  .  ."),
}
FIELD = re.compile(r"(?P<school>○○학교)|(?P<department>○○부)|(?P<phone>학교 대표번호)"
                   r"|(?P<letterno>제2026-00호)|(?P<start>2026\.\s+\.\s+\.)(?=\s*부터)")
ISSUE_DATE = re.compile(r"^2026\.\s+\.\s+\.$")
TAGS = {"school": "school", "department": "department", "phone": "phone",
        "letterno": "letter-no", "start": "start-date"}
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT = "맑은 고딕"


def is_letter(handout: Handout) -> bool:
    return handout.kind == "parent-letter"


def docx_site_path(pdf_site_path: str) -> str:
    return pdf_site_path[: -len(".pdf")] + ".docx"


@dataclass
class Letter:
    pdf_site_path: str
    site_path: str
    path: Path  # the cached file


def segments(text: str) -> list[tuple[str, str | None]]:
    """A run of text split into plain text and fields: [(text, tag or None)]."""
    if ISSUE_DATE.match(text.strip()):
        return [(text.strip(), "issue-date")]
    out, pos = [], 0
    for m in FIELD.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], None))
        out.append((m.group(0), TAGS[m.lastgroup]))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], None))
    return out


def _content_control(tag: str, text: str, bold: bool):
    from docx.oxml import parse_xml

    title = FIELDS[tag][0]
    rpr = f'<w:rPr>{"<w:b/>" if bold else ""}</w:rPr>'
    return parse_xml(
        f'<w:sdt xmlns:w="{W_NS}"><w:sdtPr><w:alias w:val="{htmllib.escape(title)}"/>'
        f'<w:tag w:val="{tag}"/><w:text/></w:sdtPr><w:sdtContent><w:r>{rpr}'
        f'<w:t xml:space="preserve">{htmllib.escape(text)}</w:t></w:r></w:sdtContent></w:sdt>')


class _Writer:
    def __init__(self, document):
        self.doc = document

    def inline(self, paragraph, el, bold=False, italic=False):
        """Text and inline children of `el` into `paragraph`, fields as content controls."""
        def put(text):
            if not text:
                return
            text = text.replace("\u2060", "").replace("\u200b", "")
            for part, tag in segments(text):
                if tag:
                    paragraph._p.append(_content_control(tag, part, bold))
                else:
                    run = paragraph.add_run(part)
                    run.bold, run.italic = bold or None, italic or None
        put(el.text)
        for child in el:
            name = child.tag if isinstance(child.tag, str) else ""
            if name == "br":
                paragraph.add_run().add_break()
            elif name == "img":
                put(child.get("alt", ""))
            else:
                self.inline(paragraph, child, bold or name in ("strong", "b"),
                            italic or name in ("em", "i"))
            put(child.tail)

    def block(self, el, list_style=None):
        name = el.tag if isinstance(el.tag, str) else ""
        cls = el.get("class", "")
        if re.fullmatch(r"h[1-6]", name):
            level = min(int(name[1]), 3)
            self.inline(self.doc.add_heading(level=level), el)
        elif name == "p":
            if "admonition-title" in cls:
                p = self.doc.add_paragraph()
                self.inline(p, el, bold=True)
            else:
                self.inline(self.doc.add_paragraph(style=list_style), el)
        elif name in ("ul", "ol"):
            style = "List Number" if name == "ol" else "List Bullet"
            for li in el:
                if not isinstance(li.tag, str) or li.tag != "li":
                    continue
                blocks = [c for c in li if isinstance(c.tag, str)
                          and c.tag in ("p", "ul", "ol", "table", "div")]
                if not blocks:
                    self.inline(self.doc.add_paragraph(style=style), li)
                else:
                    for c in li:
                        self.block(c, style if c.tag == "p" else None)
        elif name == "table":
            self.table(el)
        elif name == "div" and "write-line" in cls:
            self.doc.add_paragraph("_" * 40)
        elif name == "hr":
            self.doc.add_paragraph("-" * 40)
        elif name in ("div", "blockquote", "section", "article", "main", "body", "html"):
            if el.text and el.text.strip():
                self.inline(self.doc.add_paragraph(), el)
            for child in el:
                self.block(child)
                if child.tail and child.tail.strip():
                    self.doc.add_paragraph(child.tail.strip())
        elif name:
            self.inline(self.doc.add_paragraph(), el)

    def table(self, el):
        rows = el.xpath(".//tr")
        cols = max((len(r.xpath("./th|./td")) for r in rows), default=0)
        if not rows or not cols:
            return
        caption = el.xpath("./caption")
        if caption:
            self.inline(self.doc.add_paragraph(), caption[0], bold=True)
        table = self.doc.add_table(rows=len(rows), cols=cols)
        table.style = "Table Grid"
        for i, tr in enumerate(rows):
            for j, cell in enumerate(tr.xpath("./th|./td")):
                p = table.cell(i, j).paragraphs[0]
                self.inline(p, cell, bold=cell.tag == "th")


def letter_html(cur: Curriculum, lesson: Lesson, handout: Handout) -> str:
    """The letter's body as the student (family) copy of its PDF prints it."""
    import markdown

    from ..macros import expand
    from ..markdown_ext import CurriculumExtension
    from .source import for_print, heading_levels, nest_markdown_headings, strip_teacher

    md = markdown.Markdown(extensions=[
        "tables", "admonition", "attr_list", "md_in_html", "def_list",
        CurriculumExtension(reference=cur.reference)])
    body_md = for_print(expand(strip_teacher(handout.body), cur.reference))
    has_h1 = 1 in heading_levels(body_md)
    body = md.convert(nest_markdown_headings(body_md, 1 if has_h1 else 2))
    title = "" if has_h1 else f"<h1>{htmllib.escape(handout.title)}</h1>"
    return f"<div>{title}{body}</div>"


def make_docx(html: str, title: str, url: str | None, out: Path) -> None:
    import datetime as dt

    import docx
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt
    from lxml import html as lxml_html

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(18))
    for style in ["Normal", "Heading 1", "Heading 2", "Heading 3", "List Bullet",
                  "List Number", "Table Grid"]:
        s = document.styles[style]
        s.font.name = FONT
        rpr = s.element.get_or_add_rPr()
        rpr.get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
        if style.startswith("Heading"):
            s.font.color.rgb = None
    document.styles["Normal"].font.size = Pt(11)
    props = document.core_properties
    props.title, props.author, props.language = title, "전라남도교육청", "ko-KR"
    # Fixed dates: the same letter gives the same bytes (the pack ZIP's stamp).
    props.created = props.modified = dt.datetime(2026, 1, 1)
    props.last_modified_by, props.revision = "전라남도교육청", 1
    _Writer(document).block(lxml_html.fragment_fromstring(html))
    if url:
        document.add_paragraph(f"학부모 안내 페이지: {url}")
    tmp = out.with_suffix(".tmp")
    document.save(str(tmp))
    tmp.replace(out)


def build_letters(cur: Curriculum, docs, cache_dir: Path) -> list[Letter]:
    """The DOCX of every letter among `docs` (HandoutDoc, student copies only)."""
    import docx

    cache_dir.mkdir(parents=True, exist_ok=True)
    code = hashlib.sha256(Path(__file__).read_bytes()
                          + getattr(docx, "__version__", "").encode()).hexdigest()
    letters, keep = [], set()
    for d in docs:
        if not is_letter(d.handout) or d.variant != "student":
            continue
        html = letter_html(cur, d.lesson, d.handout)
        key = hashlib.sha256((code + d.title + (d.url or "") + html).encode()).hexdigest()
        out = cache_dir / f"{key}.docx"
        if not out.exists():
            make_docx(html, d.title, d.url, out)
        keep.add(out.name)
        letters.append(Letter(d.site_path, docx_site_path(d.site_path), out))
    for f in cache_dir.glob("*.docx"):
        if f.name not in keep:
            f.unlink(missing_ok=True)
    return letters
