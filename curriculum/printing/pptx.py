"""The lesson's slides as an editable PowerPoint file (python-pptx), drawn from the same
deck as the slides PDF (slides.deck): the same slides in the same order with the same
words, footer and page numbers; nothing is said here that the deck does not say.

Made for the back of a classroom and for every school PC: 13.333 × 7.5 in (16:9), the
PDF's layout scaled by 4/3 (titles 40-58 pt, text 32-36 pt, tables 28 pt), black on
white, no pictures; every run in 맑은 고딕 (Latin, East Asian and complex script) and
marked ko-KR, so PowerPoint checks Korean spelling and keeps a Korean word whole at a
line end. Slide titles are real title placeholders (the outline, screen readers); the
plan's place of a slide ("전개 (33분) · 활동 1 …") is its speaker note.

A deck's PPTX is cached by the hash of its slides, this file and the python-pptx
version, and its bytes are fixed for fixed slides (core properties dated the lesson's
review date, ZIP entries dated 1980), so a warm build writes nothing new.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
import re
import uuid
import zipfile
from pathlib import Path

from .slides import Block, Slide, Text, run_text

FONT = "맑은 고딕"
LANG = "ko-KR"
WIDTH_IN, HEIGHT_IN = 12192000 / 914400, 7.5  # PowerPoint's own 16:9 (13.333 in)
SIDE, TOP, BOTTOM = 0.79, 0.55, 0.7  # the PDF's 15 / 11 / 13 mm margins, × 4/3
# point sizes: (title, text) of a slide, its dense (longer) form, the title slide
SIZES = {"normal": (44, 36), "dense": (40, 32), "title": (58, 32)}
SUB_PT, TABLE_PT, FOOTER_PT = 32, 28, 12
GRID_STYLE = "{5940675A-B579-460E-94D1-54222C63F5DA}"  # PowerPoint's "No Style, Table Grid"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("python-pptx")
    except Exception:  # noqa: BLE001 - only a cache key
        return ""


def cache_key(slides: list[Slide], title: str, footer: str, when: dt.date | None) -> str:
    h = hashlib.sha256(Path(__file__).read_bytes() + _version().encode())
    h.update(repr((slides, title, footer, str(when))).encode("utf-8"))
    return h.hexdigest()


# --- text --------------------------------------------------------------------------------

def est_lines(text: str, pt: float, width_in: float) -> int:
    """Lines `text` takes at `pt` in a box `width_in` wide, for placing shapes: a Hangul
    syllable about 0.95 em in 맑은 고딕 (a little over), a space or a stop 0.3, other
    characters 0.6."""
    ems = sum(0.95 if ord(c) > 0x2E80 else 0.3 if c in " .,:;!?'\"()·" else 0.6
              for c in text)
    return max(1, math.ceil(ems * pt / 72 / max(width_in, 0.5)))


def _font(rpr, size: float | None = None, bold: bool | None = None) -> None:
    """Korean, 맑은 고딕 for every script, black: on one a:rPr (or a:endParaRPr)."""
    from lxml import etree

    rpr.set("lang", LANG)
    rpr.set("altLang", "en-US")
    if size:
        rpr.set("sz", str(int(size * 100)))
    if bold is not None:
        rpr.set("b", "1" if bold else "0")
    for old in rpr.findall(f"{{{A}}}solidFill") + rpr.findall(f"{{{A}}}latin") \
            + rpr.findall(f"{{{A}}}ea") + rpr.findall(f"{{{A}}}cs"):
        rpr.remove(old)
    fill = etree.SubElement(rpr, f"{{{A}}}solidFill")
    etree.SubElement(fill, f"{{{A}}}srgbClr", val="000000")
    # Order (CT_TextCharacterProperties): ln, fill, ..., latin, ea, cs, sym, hlink...
    anchor = rpr.find(f"{{{A}}}ln")
    if anchor is not None:
        anchor.addnext(fill)
    else:
        rpr.insert(0, fill)
    prev = fill
    for tag in ("latin", "ea", "cs"):
        el = etree.Element(f"{{{A}}}{tag}", typeface=FONT)
        prev.addnext(el)
        prev = el


def _para(p, bullet: str = "", level_in: float = 0.55, space_after: float = 8) -> None:
    """Paragraph properties: no bullet, a "•" or a number (hanging), and line breaking
    that keeps a Korean word whole (PowerPoint's "한글 단어 잘림 허용" is latinLnBrk)."""
    from lxml import etree
    from pptx.util import Emu, Inches, Pt

    p.space_after = Pt(space_after)
    p.line_spacing = 1.0
    ppr = p._p.get_or_add_pPr()
    ppr.set("latinLnBrk", "0")
    ppr.set("eaLnBrk", "1")
    for tag in ("buNone", "buAutoNum", "buChar", "buFont"):
        for el in ppr.findall(f"{{{A}}}{tag}"):
            ppr.remove(el)
    if bullet:
        ppr.set("marL", str(Inches(level_in)))
        ppr.set("indent", str(Emu(-Inches(level_in))))
        if bullet == "number":
            etree.SubElement(ppr, f"{{{A}}}buAutoNum", type="arabicPeriod")
        else:
            etree.SubElement(ppr, f"{{{A}}}buFont", typeface="Arial")
            etree.SubElement(ppr, f"{{{A}}}buChar", char="•")
    else:
        ppr.set("marL", "0")
        ppr.set("indent", "0")
        etree.SubElement(ppr, f"{{{A}}}buNone")


NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\u2060\u200b]")


def _write(p, text: Text, size: float, bold: bool = False) -> None:
    for s, style in text:
        r = p.add_run()
        # A control character XML cannot hold (a stray paste) is dropped, never a crash.
        r.text = NOT_XML.sub("", s)
        _font(r._r.get_or_add_rPr(), size, bold or style == "strong")
        if style == "em":
            r.font.italic = True
    _font(p._p.get_or_add_endParaRPr(), size)


def _fill(frame, paragraphs: list[tuple[Text, float, str, bool]]) -> None:
    """A text frame's paragraphs: (text, size, bullet, bold), left-aligned as in the PDF
    (the template centres titles), top-anchored, word-wrapped."""
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

    frame.clear()
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for i, (text, size, bullet, bold) in enumerate(paragraphs):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        _para(p, bullet)
        p.alignment = PP_ALIGN.LEFT
        _write(p, text, size, bold)


# --- one slide -------------------------------------------------------------------------

def _text_paragraphs(blocks: list[Block], size: float, sub: float):
    out = []
    for b in blocks:
        bullet = {"ul": "bullet", "ol": "number"}.get(b.kind, "")
        for t in b.items:
            out.append((t, sub if b.kind == "sub" else size, bullet, False))
    return out


def _height(paragraphs, width_in: float) -> float:
    return sum(est_lines(run_text(t), pt, width_in - (0.55 if bullet else 0)) * pt * 1.3 / 72
               + 8 / 72 for t, pt, bullet, _ in paragraphs)


def _col_widths(b: Block, width: float) -> list[float]:
    """Columns as wide as their longest cell asks, damped so no column starves."""
    cols = max(len(r) for r in b.rows)
    need = [max(4.0, max((len(run_text(r[j])) for r in b.rows if j < len(r)), default=0) ** 0.8)
            for j in range(cols)]
    return [width * n / sum(need) for n in need]


def _table_height(b: Block, width: float) -> float:
    widths = _col_widths(b, width)
    return sum(max(est_lines(run_text(c), TABLE_PT, w - 0.16) for c, w in zip(r, widths))
               * TABLE_PT * 1.25 / 72 + 0.12 for r in b.rows)


def _table(slide, b: Block, left: float, top: float, width: float) -> float:
    """A table shape (header row bold and marked as such); returns its estimated height."""
    from pptx.util import Inches, Pt

    widths = _col_widths(b, width)
    height = _table_height(b, width)
    shape = slide.shapes.add_table(len(b.rows), len(widths), Inches(left), Inches(top),
                                   Inches(width), Inches(height))
    table = shape.table
    # Plain black grid, no colour bands: high contrast on a projector.
    shape._element.graphic.graphicData.tbl.tblPr.find(f"{{{A}}}tableStyleId").text = GRID_STYLE
    table.first_row = b.head > 0
    table.horz_banding = False
    for j, col in enumerate(table.columns):
        col.width = Inches(widths[j])
    for i, row in enumerate(b.rows):
        table.rows[i].height = Inches(TABLE_PT * 1.25 / 72 + 0.12)
        for j in range(len(widths)):
            cell = table.cell(i, j)
            cell.margin_left = cell.margin_right = Inches(0.08)
            cell.margin_top = cell.margin_bottom = Inches(0.06)
            _fill(cell.text_frame, [(row[j] if j < len(row) else (), TABLE_PT, "", i < b.head)])
            for p in cell.text_frame.paragraphs:
                p.space_after = Pt(0)
    return height


def _title(shape, text: str, size: float, left: float, top: float, width: float) -> float:
    """The title placeholder at (left, top), as tall as its lines; returns its bottom.
    Anchored at the bottom: if the estimate is a line too many, the spare room is above
    the title, not between it and the rule."""
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Inches

    lines = est_lines(text, size, width - 0.2)
    height = lines * size * 1.25 / 72 + 0.15
    shape.left, shape.top = Inches(left), Inches(top)
    shape.width, shape.height = Inches(width), Inches(height)
    _fill(shape.text_frame, [(((text, ""),), size, "", True)])
    shape.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    return top + height


def _footer(slide, footer: str, n: int, total: int) -> None:
    """The PDF's footer: "제목 · 트랙 · 판 …" left, "n / total쪽" right (n a slide-number
    field, so it stays right when a teacher adds a slide)."""
    from lxml import etree
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches

    y, h = HEIGHT_IN - 0.55, 0.4
    left = slide.shapes.add_textbox(Inches(SIDE), Inches(y), Inches(9.3), Inches(h))
    left.name = "바닥글"
    _fill(left.text_frame, [(((footer, ""),), FOOTER_PT, "", False)])
    right = slide.shapes.add_textbox(Inches(WIDTH_IN - SIDE - 2.0), Inches(y), Inches(2.0),
                                     Inches(h))
    right.name = "쪽 번호"
    _fill(right.text_frame, [(((f" / {total}쪽", ""),), FOOTER_PT, "", False)])
    p = right.text_frame.paragraphs[0]
    p.alignment = PP_ALIGN.RIGHT
    fld = etree.Element(f"{{{A}}}fld", type="slidenum",
                        id="{" + str(uuid.UUID(int=n)).upper() + "}")
    rpr = etree.SubElement(fld, f"{{{A}}}rPr")
    _font(rpr, FOOTER_PT)
    etree.SubElement(fld, f"{{{A}}}t").text = str(n)
    p._p.insert(list(p._p).index(p._p.find(f"{{{A}}}r")), fld)
    for frame in (left.text_frame, right.text_frame):
        frame.margin_left = frame.margin_right = 0


def _body(slide, body, blocks: list[Block], size: float, top: float, width: float) -> None:
    """The blocks in their order, top to bottom: the first text in the body placeholder
    (the outline pane shows it), a table as a table, later text in text boxes."""
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Inches

    groups: list[list[Block]] = []
    for b in blocks:
        if b.kind == "table" or not groups or groups[-1][0].kind == "table":
            groups.append([b])
        else:
            groups[-1].append(b)
    only_text = all(b.kind != "table" for b in blocks)
    placeholder = body
    for group in groups:
        if group[0].kind == "table":
            top += _table(slide, group[0], SIDE, top, width) + 0.15
            continue
        paragraphs = _text_paragraphs(group, size, SUB_PT)
        room = HEIGHT_IN - BOTTOM - 0.1 - top
        height = room if only_text else min(_height(paragraphs, width), room)
        box = placeholder or slide.shapes.add_textbox(0, 0, 0, 0)
        placeholder = None
        box.left, box.top, box.width, box.height = (Inches(SIDE), Inches(top), Inches(width),
                                                    Inches(max(height, 0.5)))
        _fill(box.text_frame, paragraphs)
        box.text_frame.margin_left = box.text_frame.margin_right = 0
        # Should 맑은 고딕 run longer than estimated, PowerPoint may shrink it to fit.
        box.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        top += height + 0.1
    if placeholder is not None:  # a slide of only a table, or of nothing but its title:
        placeholder._element.getparent().remove(placeholder._element)  # no empty box


def _slide(prs, s: Slide, footer: str, n: int, total: int) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_CONNECTOR
    from pptx.util import Inches, Pt

    width = WIDTH_IN - 2 * SIDE
    if s.kind == "title":
        slide = prs.slides.add_slide(prs.slide_layouts[0])  # Title Slide
        title, sub = slide.placeholders[0], slide.placeholders[1]
        size, text = SIZES["title"]
        bottom = _title(title, s.title, size, SIDE, 1.6, width)
        sub.left, sub.top = Inches(SIDE), Inches(bottom + 0.3)
        sub.width, sub.height = Inches(width), Inches(1.6)
        _fill(sub.text_frame, _text_paragraphs(list(s.blocks), text, SUB_PT))
    else:
        slide = prs.slides.add_slide(prs.slide_layouts[1])  # Title and Content
        title, body = slide.placeholders[0], slide.placeholders[1]
        size, text = SIZES["dense" if s.dense else "normal"]
        bottom = _title(title, s.title, size, SIDE, TOP, width)
        # The PDF's rule under the title.
        line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Inches(SIDE), Inches(bottom + 0.05),
                                          Inches(SIDE + width), Inches(bottom + 0.05))
        line.line.width, line.name = Pt(2), "제목 밑줄"
        line.line.color.rgb = RGBColor(0, 0, 0)
        _body(slide, body, list(s.blocks), text, bottom + 0.25, width)
    _footer(slide, footer, n, total)
    if s.cue:
        notes = slide.notes_slide.notes_text_frame
        _fill(notes, [(((s.cue, ""),), 14, "", False)])


def _korean_defaults(prs) -> None:
    """Text a teacher adds later is Korean in 맑은 고딕 too: the theme's fonts (Calibri in
    python-pptx's template) and the presentation's default text style."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme = prs.slide_master.part.part_related_by(RT.THEME)
    xml = re.sub(r'(<a:(?:major|minor)Font><a:latin typeface=")[^"]*("/><a:ea typeface=")'
                 r'[^"]*("/><a:cs typeface=")[^"]*(")',
                 rf"\g<1>{FONT}\g<2>{FONT}\g<3>{FONT}\g<4>", theme.blob.decode("utf-8"))
    theme._blob = xml.encode("utf-8")
    for rpr in prs.part._element.iter(f"{{{A}}}defRPr"):
        rpr.set("lang", LANG)
        rpr.set("altLang", "en-US")


def make_pptx(slides: list[Slide], title: str, footer: str, when: dt.date | None,
              out: Path) -> None:
    """Write the deck to `out` (through a temporary file, so a failure leaves none)."""
    from pptx import Presentation
    from pptx.util import Emu, Inches

    prs = Presentation()
    old_w = prs.slide_width
    prs.slide_width, prs.slide_height = Emu(12192000), Inches(HEIGHT_IN)
    # The template's layouts are 4:3: widen their shapes so a slide a teacher adds fits.
    scale = prs.slide_width / old_w
    for shapes in [prs.slide_master.shapes] + [l.shapes for l in prs.slide_layouts]:
        for sh in shapes:
            if sh.left is not None and sh.width is not None:
                sh.left, sh.width = int(sh.left * scale), int(sh.width * scale)
    _korean_defaults(prs)
    for n, s in enumerate(slides, 1):
        _slide(prs, s, footer, n, len(slides))
    props = prs.core_properties
    stamp = dt.datetime.combine(when or dt.date(2026, 1, 1), dt.time())
    props.title, props.author, props.language = NOT_XML.sub("", title), "전라남도교육청", LANG
    props.last_modified_by, props.revision = "전라남도교육청", 1
    props.subject = NOT_XML.sub("", footer)
    props.created = props.modified = stamp
    props.last_printed = stamp
    props.comments = props.keywords = props.category = ""
    for part in prs.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":  # the template's says 4:3, 0 slides
            xml = part.blob.decode("utf-8")
            xml = re.sub(r"<PresentationFormat>[^<]*<", "<PresentationFormat>Widescreen<", xml)
            part._blob = re.sub(r"<Slides>\d+<", f"<Slides>{len(slides)}<", xml).encode("utf-8")
    buf = io.BytesIO()
    prs.save(buf)
    tmp = out.with_suffix(".pptx.part")
    _fixed_zip(buf.getvalue(), tmp)
    tmp.replace(out)


def _fixed_zip(data: bytes, out: Path) -> None:
    """The same package with every entry dated 1980: python-pptx dates them now."""
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))


def build_pptx(slides: list[Slide], title: str, footer: str, when: dt.date | None,
               cache_dir: Path) -> Path:
    """The cached PPTX of a deck (written only when its slides or this code changed)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    out = cache_dir / f"{cache_key(slides, title, footer, when)}.pptx"
    if not out.exists():
        make_pptx(slides, title, footer, when, out)
    return out
