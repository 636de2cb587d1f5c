"""Fill templates of the 가정통신문, for the custom pack's letters filled in the browser.

The published letter PDF keeps its blanks ("○○학교", "2026.  .  .부터"): schools that
print by hand fill them in with a pen. For the custom pack (맞춤 꾸러미 만들기) each
letter is also rendered as a *fill template*: the same sheet, where every blank that
the DOCX makes a field (docx.segments, so both files have the same fields) is an empty
slot that draws nothing, wide enough for a school's value and the text glued to the
blank (the "장" of "○○학교장"). Beside it, a sidecar JSON lists each
slot: its field tag, page, box and baseline in PDF points (origin bottom-left), font
size and weight, read from WeasyPrint's own layout, and the object number of the slot's
structure element (a /Span with no content yet), so the page's script
(overrides/assets/custom-pack.js) can draw the value as tagged text in that element.

Templates are cached with the handouts (pdf-cache/fill/), by the hash of their HTML and
the handouts' fingerprint plus this file: a warm build renders none.

The browser also needs a font with Korean glyphs: a subset of fonts/PretendardGOV-
Regular.ttf (printable ASCII, the 2,350 Hangul syllables of KS X 1001, a few marks)
made here with fontTools and cached, about 400 KB rather than the full 5.6 MB, and
renamed as the OFL asks of a modified font. (The site's own WOFF2 subset would cost
nothing to fetch, but pdf-lib embeds a WOFF2 font whole, about 240 KB in every letter.)
"""

from __future__ import annotations

import hashlib
import html as htmllib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .docx import FIELDS, is_letter, segments

# Slot widths (em of the text around it) for a typical value ("해오름초등학교", "학생안전부",
# "061-000-1234", "제2027-15호", "2027. 3. 2."); the script shrinks a longer one to fit.
SLOT_EM = {"school": 7, "department": 5, "phone": 6.5, "letter-no": 5.5,
           "start-date": 5, "issue-date": 5}
# The empty slot sits on the baseline (an empty inline-block's baseline is its bottom
# margin edge); with the negative margin its box spans a Korean glyph's height, from
# 0.25 em below the baseline to 0.75 em above it. It draws nothing: the filled letter
# looks typed, not like a form.
FILL_CSS = "\n.fill-slot { display: inline-block; height: 1em; margin-bottom: -0.25em; }\n"
TAG_OR_TEXT = re.compile(r"(<[^>]+>)")
GLUED_BEFORE = re.compile(r"\S+$")
GLUED_AFTER = re.compile(r"^\S+")
PX_TO_PT = 0.75  # WeasyPrint lays out in CSS px (1/96 in); PDF points are 1/72 in
# Our subset is a Modified Version under the SIL OFL 1.1, which forbids it the Reserved
# Font Name "Pretendard": it is named anew (the copyright and licence records stay).
FONT_FAMILY = "Jeonnam Letter Fill"
FONT_PS_NAME = "JeonnamLetterFill-Regular"
FONT_SITE_PATH = "assets/fonts/jeonnam-letter-fill.ttf"
MARKS = "·~○「」『』()（）〈〉-–—.,:;/&#"


def _em(text: str) -> float:
    """A rough width: a Hangul syllable is about 1 em, other characters about 0.6."""
    return sum(1.0 if "가" <= c <= "힣" else 0.6 for c in text)


def _slot(tag: str, before: str, after: str) -> str:
    esc = htmllib.escape
    return (f'<span class="fill-slot" data-field="{tag}" data-before="{esc(before)}" '
            f'data-after="{esc(after)}" style="width: {SLOT_EM[tag] + _em(before + after):g}em">'
            "</span>")


def slot_text(text: str) -> str:
    """One text node (HTML-escaped) with its fields as slots. The text glued to a field
    ("○○학교장", "(학교 대표번호)", "2026.  .  .부터") goes into the slot and is drawn with
    the value, so a school's name of any length reads "해오름초등학교장", not with a gap."""
    parts = [[t, tag] for t, tag in segments(text)]
    glued = [["", ""] for _ in parts]
    for i, (t, tag) in enumerate(parts):
        if not tag:
            continue
        if i + 1 < len(parts) and not parts[i + 1][1]:
            m = GLUED_AFTER.search(parts[i + 1][0])
            if m:
                glued[i][1] = m.group(0)
                parts[i + 1][0] = parts[i + 1][0][m.end():]
        if i > 0 and not parts[i - 1][1]:
            m = GLUED_BEFORE.search(parts[i - 1][0])
            if m:
                glued[i][0] = m.group(0)
                parts[i - 1][0] = parts[i - 1][0][:m.start()]
    return "".join(_slot(tag, *(htmllib.unescape(g) for g in glued[i])) if tag else t
                   for i, (t, tag) in enumerate(parts))


def mark_fields(html: str) -> str:
    """The letter's body HTML with each field (as the DOCX finds them) an empty slot."""
    parts = TAG_OR_TEXT.split(html)
    skip = False
    for i, part in enumerate(parts):
        if part.startswith("<"):
            name = part[1:].split()[0].rstrip(">").lower() if len(part) > 2 else ""
            skip = name in ("style", "script") or (skip and name not in ("/style", "/script"))
            continue
        if skip or not part.strip():
            continue
        # The placeholders hold no character HTML escapes, so the escaped text is matched
        # as is and the text around a field stays escaped.
        parts[i] = slot_text(part)
    return "".join(parts)


def _mark_slot(box, element) -> None:
    """Remember, on a slot's box, the structure element WeasyPrint makes for it (its
    object number goes into the sidecar); a box without `data-field` is left alone."""
    el = getattr(box, "element", None)
    if (el is not None and el.get("data-field") and getattr(box, "element_tag", "") == "span"
            and element.get("S") == "/Span"):
        box.fill_struct = element.number


def slots(document) -> list[dict]:
    """Every slot of a rendered document (weasyprint Document, after write_pdf): field,
    page, box [x0, y0, x1, y1] and baseline in PDF points (origin bottom-left), font
    size (pt), bold, the text glued to it, and the object number of its structure
    element."""
    from weasyprint.formatting_structure import boxes

    out = []
    for n, page in enumerate(document.pages):
        height = page.height
        for box in page._page_box.descendants():
            el = getattr(box, "element", None)
            # The slot's own box: its anonymous line boxes carry the same element.
            if not isinstance(box, boxes.InlineBlockBox) or el is None:
                continue
            tag = el.get("data-field")
            if tag not in FIELDS:
                continue
            x0, top = box.border_box_x(), box.border_box_y()
            bottom = top + box.border_height()
            baseline = box.position_y + box.margin_height()  # its bottom margin edge
            out.append({"field": tag, "page": n,
                        "box": [round(x0 * PX_TO_PT, 2), round((height - bottom) * PX_TO_PT, 2),
                                round((x0 + box.border_width()) * PX_TO_PT, 2),
                                round((height - top) * PX_TO_PT, 2)],
                        "baseline": round((height - baseline) * PX_TO_PT, 2),
                        "size": round(box.style["font_size"] * PX_TO_PT, 2),
                        "bold": box.style["font_weight"] >= 600,
                        "before": el.get("data-before", ""), "after": el.get("data-after", ""),
                        "struct": getattr(box, "fill_struct", None)})
    return out


@dataclass
class FillTemplate:
    pdf_site_path: str  # the published letter this is the template of
    site_path: str  # lessons/.../handouts/parent-letter.fill.pdf
    path: Path  # the cached PDF
    slots_path: Path  # its sidecar (cached)

    def slots(self) -> list[dict]:
        return json.loads(self.slots_path.read_text("utf-8"))["slots"]


def fill_site_path(pdf_site_path: str) -> str:
    return pdf_site_path[: -len(".pdf")] + ".fill.pdf"


def _render(job) -> tuple[str, int]:
    """Worker (pdf.render_missing): the template PDF and its sidecar, from one render."""
    import weasyprint

    from . import tagging

    tagging.add_hook(_mark_slot)
    tagging.install()
    document = weasyprint.HTML(string=job.html, base_url=str(Path(job.out).parent)).render(
        pdf_variant="pdf/ua-1")
    tmp = job.out + ".tmp"
    document.write_pdf(tmp, pdf_variant="pdf/ua-1")
    found = slots(document)
    sidecar = Path(job.out).with_suffix(".slots.json")
    sidecar.write_text(json.dumps({"slots": found}, ensure_ascii=False), "utf-8")
    os.replace(tmp, job.out)
    return job.key, len(document.pages)


def template_html(html: str) -> str:
    """A letter's complete print HTML (HandoutDoc.html of a document made with fields
    marked) with the slots' style."""
    return html.replace("</style>", FILL_CSS + "</style>", 1)


def build_fill_templates(cur, docs, site_url, font_dir: Path, cache_dir: Path,
                         workers: int | None = None) -> tuple[list[FillTemplate], int]:
    """The fill template of every letter among `docs` (student copies of the Korean
    letters, as the custom pack offers them), and how many were rendered."""
    from .html import handout_document
    from .pdf import Job, fingerprint, render_missing

    cache_dir.mkdir(parents=True, exist_ok=True)
    fp = fingerprint(font_dir) + hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    jobs, made = [], []
    for d in docs:
        if not is_letter(d.handout) or d.variant != "student":
            continue
        doc = handout_document(cur, d.lesson, d.handout, d.variant, site_url, font_dir,
                               fields=True)
        html = template_html(doc.html)
        key = hashlib.sha256((fp + html).encode("utf-8")).hexdigest()
        out = cache_dir / f"{key}.pdf"
        jobs.append(Job(key, html, str(out)))
        made.append(FillTemplate(d.site_path, fill_site_path(d.site_path), out,
                                 out.with_suffix(".slots.json")))
    n = render_missing(jobs, cache_dir, workers, render=_render)
    keep = {j.key for j in jobs}
    for f in cache_dir.glob("*"):
        if f.name.split(".", 1)[0] not in keep and f.suffix in (".pdf", ".json"):
            f.unlink(missing_ok=True)
    return made, n


def subset_chars() -> str:
    """What the browser's font draws: printable ASCII, KS X 1001's Hangul syllables
    (those EUC-KR encodes: school and place names), and the marks of dates and numbers."""
    hangul = "".join(c for c in map(chr, range(0xAC00, 0xD7A4))
                     if len(c.encode("euc-kr", "ignore")) == 2)
    return "".join(map(chr, range(0x20, 0x7F))) + hangul + MARKS


def build_fill_font(font_dir: Path, cache_dir: Path) -> Path:
    """The subset of Pretendard GOV Regular the custom pack embeds (cached)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    src = font_dir / "PretendardGOV-Regular.ttf"
    key = hashlib.sha256(src.read_bytes() + subset_chars().encode()
                         + FONT_PS_NAME.encode()).hexdigest()[:16]
    out = cache_dir / f"font-{key}.ttf"
    if out.exists():
        return out
    cache_dir.mkdir(parents=True, exist_ok=True)
    opts = subset.Options()
    # Glyph outlines and metrics only: precomposed Hangul needs no shaping, and the
    # names keep the licence (SIL OFL 1.1, fonts/LICENSE.txt).
    opts.layout_features, opts.hinting, opts.name_IDs = [], False, ["*"]
    font = TTFont(str(src))
    sub = subset.Subsetter(opts)
    sub.populate(text=subset_chars())
    sub.subset(font)
    names = {1: FONT_FAMILY, 3: f"{FONT_PS_NAME};{key}", 4: f"{FONT_FAMILY} Regular",
             6: FONT_PS_NAME, 16: FONT_FAMILY, 17: "Regular",
             10: "A subset of Pretendard GOV Regular (SIL OFL 1.1), renamed: the letters "
                 "of the custom pack are filled in with it"}
    table = font["name"]
    table.names = [r for r in table.names if r.nameID not in names and r.nameID < 256]
    for name_id, text in names.items():
        table.setName(text, name_id, 3, 1, 0x409)
    for old in cache_dir.glob("font-*.ttf"):
        old.unlink(missing_ok=True)
    tmp = out.with_suffix(".tmp")
    font.save(str(tmp))
    tmp.replace(out)
    return out
