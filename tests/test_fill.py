"""The letters' fill templates (curriculum/printing/fill.py): which blanks become slots,
and where WeasyPrint put them (the boxes the custom pack draws a school's values in)."""

import json
import re
from pathlib import Path

import pytest

from curriculum.printing.docx import segments
from curriculum.printing.fill import FILL_CSS, mark_fields, subset_chars

LETTER = """<h2>안내</h2>
<p>○○학교</p>
<p>가정통신문 제2026-00호</p>
<table><tr><td>일시</td><td>2026.  .  .부터 3차시</td></tr>
<tr><td>기간</td><td>2026.  .  . ~ 2026.  .  .</td></tr>
<tr><td>문의</td><td>○○학교 ○○부 (학교 대표번호) &amp; 담임</td></tr></table>
<p><strong>2026.  .  .</strong></p>
<p><strong>○○학교장</strong></p>
<p>날짜: 2026.  .  .    보호자 서명 (            )</p>"""


def slot_tags(html: str) -> list[str]:
    return re.findall(r'<span class="fill-slot" data-field="([a-z-]+)"', html)


def test_the_slots_are_the_docx_fields_and_nothing_else():
    html = mark_fields(LETTER)
    # The same fields, in the same order, as the DOCX makes content controls of.
    docx_tags = [tag for text in re.split(r"<[^>]+>", LETTER) for _, tag in segments(text) if tag]
    assert slot_tags(html) == docx_tags == [
        "school", "letter-no", "start-date", "school", "department", "phone", "issue-date",
        "school"]
    assert "○○" not in html and "대표번호" not in html and "제2026-00호" not in html
    # A date range and the family's reply slip are not fields: their blanks stay.
    assert "2026.  .  . ~ 2026.  .  ." in html and "날짜: 2026.  .  ." in html
    # Text glued to a blank goes into its slot, to be drawn with the value ("해오름초등학교장",
    # "(061-000-1234)", "2027. 3. 2.부터"); the other words stay, escaped as they were.
    assert 'data-field="school" data-before="" data-after="장"' in html
    assert 'data-field="phone" data-before="(" data-after=")"' in html
    assert 'data-field="start-date" data-before="" data-after="부터"' in html
    assert "</span> 3차시" in html and "&amp; 담임" in html and "</span></strong>" in html


def test_a_letter_without_blanks_is_unchanged():
    html = "<p>학부모님, 안녕하십니까? 2026년 3월 &lt;안내&gt;</p><style>p { x: 1 }</style>"
    assert mark_fields(html) == html


def test_the_browser_font_draws_school_names():
    chars = set(subset_chars())
    assert set("해오름초등학교전남고등학교제호부0123456789-.()") <= chars
    assert len([c for c in chars if "가" <= c <= "힣"]) == 2350  # KS X 1001


@pytest.mark.pdf
def test_the_browser_font_is_a_renamed_subset_with_its_licence(tmp_path):
    """A subset is a Modified Version under the SIL OFL 1.1: it may not be called by the
    Reserved Font Name "Pretendard", and keeps the copyright and the licence."""
    from fontTools.ttLib import TTFont

    from conftest import ROOT
    from curriculum.printing.fill import build_fill_font

    path = build_fill_font(ROOT / "fonts", tmp_path)
    assert build_fill_font(ROOT / "fonts", tmp_path) == path  # cached
    font = TTFont(str(path))
    names = {r.nameID: str(r) for r in font["name"].names if r.platformID == 3}
    assert all("Pretendard" not in names[i] for i in (1, 3, 4, 6, 16))
    assert "Kil Hyung-jin" in names[0] and "Open Font License" in names[13]
    assert set(font.getBestCmap()) == {ord(c) for c in subset_chars()}
    assert path.stat().st_size < 500_000


@pytest.mark.pdf
def test_slot_boxes_are_where_weasyprint_drew_them(tmp_path):
    """The sidecar's box is the slot's underline as drawn, its baseline the text's."""
    import pymupdf
    import pypdf

    from curriculum.printing.fill import _render
    from curriculum.printing.pdf import Job

    font = (Path(__file__).resolve().parents[1] / "fonts" / "PretendardGOV-Regular.ttf").as_uri()
    # The slots draw nothing; painted black here, so the test sees where WeasyPrint put them.
    html = f"""<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>t</title>
<style>@font-face {{ font-family: T; src: url("{font}"); }}
@page {{ size: A4; margin: 20mm; }} html {{ font-family: T; font-size: 12pt; }}
{FILL_CSS} .fill-slot {{ background: #000; }}</style></head><body><main>
<p>첫 줄</p><p style="margin-top: 30mm">학교: {mark_fields("○○학교")} 끝</p>
<p style="break-before: page; font-size: 16pt"><strong>{mark_fields("2026.  .  .")}</strong></p>
<p>{mark_fields("○○학교장")}</p>
</main></body></html>"""
    out = tmp_path / "t.pdf"
    assert _render(Job("t", html, str(out)))[1] == 2
    slots = json.loads(out.with_suffix(".slots.json").read_text("utf-8"))["slots"]
    assert [(s["field"], s["page"], s["size"], s["bold"], s["after"]) for s in slots] == [
        ("school", 0, 12.0, False, ""), ("issue-date", 1, 16.0, True, ""),
        ("school", 1, 12.0, False, "장")]
    doc = pymupdf.open(out)
    for s, em in zip(slots, (7, 5, 8)):  # SLOT_EM, plus 1 em for the glued "장"
        page = doc[s["page"]]
        h = page.rect.height
        x0, y0, x1, y1 = s["box"]
        assert x1 - x0 == pytest.approx(em * s["size"], abs=0.1)
        # The box WeasyPrint painted (MuPDF: origin top-left) is the sidecar's box.
        painted = [d["rect"] for d in page.get_drawings() if d.get("fill") == (0.0, 0.0, 0.0)]
        assert any(abs(r.x0 - x0) < 0.3 and abs(r.x1 - x1) < 0.3 and abs((h - r.y1) - y0) < 0.3
                   and abs((h - r.y0) - y1) < 0.3 for r in painted), (painted, s)
        # It spans a glyph: from a quarter em below the baseline to 0.75 em above it.
        assert s["baseline"] - y0 == pytest.approx(0.25 * s["size"], abs=0.2)
    # The baseline is the line's: the word before the slot sits on it.
    spans = [sp for b in doc[0].get_text("dict")["blocks"] for li in b.get("lines", [])
             for sp in li["spans"] if "학교" in sp["text"]]
    assert spans and abs((doc[0].rect.height - spans[0]["origin"][1]) - slots[0]["baseline"]) < 0.3
    # Each slot names its own structure element: an empty /Span for the drawn text.
    reader = pypdf.PdfReader(out)
    for s in slots:
        elem = reader.get_object(s["struct"])
        assert elem["/S"] == "/Span" and list(elem["/K"]) == []
        assert elem["/Pg"].get_object() == reader.pages[s["page"]].get_object()


def test_the_text_glued_to_real_blanks_is_in_the_browser_font():
    """The words drawn around a value, and a placeholder drawn back when a field is left
    empty, must be in the subset the page embeds."""
    from conftest import ROOT, check
    from curriculum.printing.docx import FIELDS, letter_html

    cur = check(ROOT).curriculum
    chars = set(subset_chars())
    letters = [(l, h) for l in cur.lessons for h in l.handout_files if h.kind == "parent-letter"]
    assert len(letters) >= 5
    glued = set()
    for lesson, handout in letters:
        html = mark_fields(letter_html(cur, lesson, handout))
        glued |= set(re.findall(r'data-(?:before|after)="([^"]*)"', html))
        assert 'data-field="school"' in html, handout.path
    assert "장" in glued and "부터" in glued
    drawn = "".join(glued) + "".join(p for _, p in FIELDS.values())
    assert set(drawn) - {" "} <= chars, set(drawn) - chars


@pytest.mark.pdf
def test_fill_templates_are_cached_and_a_warm_build_renders_none(tmp_path):
    from conftest import ROOT, SITE_URL, check
    from curriculum.printing.fill import build_fill_templates
    from curriculum.printing.html import documents

    cur = check(ROOT).curriculum
    docs = documents(cur, SITE_URL, ROOT / "fonts")
    letters = [d for d in docs if d.handout.kind == "parent-letter" and d.variant == "student"]
    cache = tmp_path / "fill"
    made, rendered = build_fill_templates(cur, docs, SITE_URL, ROOT / "fonts", cache, workers=1)
    assert rendered == len(made) == len(letters) >= 5
    assert all(m.path.is_file() and m.slots() for m in made)
    again, rendered = build_fill_templates(cur, docs, SITE_URL, ROOT / "fonts", cache, workers=1)
    assert rendered == 0 and [m.path for m in again] == [m.path for m in made]
    # Each template is its letter's sheet, within the letter's page budget (the slots are
    # wider than the blanks).
    import pypdf

    for m, d in zip(made, letters):
        assert m.pdf_site_path == d.site_path
        assert len(pypdf.PdfReader(m.path).pages) <= d.handout.pages
