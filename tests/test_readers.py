"""The handouts of the real site as their readers get them, built for a test address:

- page 1 of every kind of sheet drawn by MuPDF and by pdf.js (Firefox's viewer) holds
  about as much ink as poppler's drawing: a viewer that draws the Korean text blank
  fails;
- the text copied out of every PDF (MuPDF, pdftotext) has its words with the spaces
  between them;
- every QR code decodes, as a phone would, to the public address of the page it names,
  and the short link printed under it leads to the same page;
- no loopback or private address anywhere in the site or its PDFs.

`make test` installs poppler (Debian), pdf.js with Node 22 (npm) and the Python readers.
"""

import io
import json
import re
import subprocess
from html.parser import HTMLParser

import pytest

from conftest import ROOT, SITE_URL, check
from curriculum.printing.html import TEACHER_BAND, documents
from curriculum.printing.links import display, qr_target, short_path
from curriculum.siteurl import local_addresses

PDFJS = ROOT / ".build" / "tools" / "pdfjs"
DPI = 100  # below about 80 dpi, hairline table rules alone make the engines differ
INK = 0.85  # MuPDF and pdf.js must draw at least this share of poppler's ink


@pytest.fixture(scope="module")
def handouts(built_site):
    docs = documents(check(ROOT).curriculum, SITE_URL, ROOT / "fonts")
    pairs = [(d, built_site / d.site_path) for d in docs]
    assert pairs and all(p.exists() for _, p in pairs)
    return pairs


def grey_ink(image) -> int:
    hist = image.convert("L").histogram()
    return sum((255 - value) * n for value, n in enumerate(hist))


def poppler_ink(path) -> int:
    from PIL import Image

    out = subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-f", "1", "-l", "1", str(path)],
                         capture_output=True, check=True).stdout
    return grey_ink(Image.open(io.BytesIO(out)))


def mupdf_ink(path) -> int:
    import pymupdf
    from PIL import Image

    with pymupdf.open(path) as pdf:
        pix = pdf[0].get_pixmap(dpi=DPI, colorspace=pymupdf.csGRAY)
        return grey_ink(Image.frombytes("L", (pix.width, pix.height), pix.samples))


def pdfjs_inks(paths) -> dict[str, int]:
    nodes = sorted((PDFJS / "node_modules").glob("node-linux-*/bin/node"))
    assert nodes and (PDFJS / "node_modules" / "pdfjs-dist").is_dir(), \
        "pdf.js is missing: run `make test` (it installs pdfjs-dist and Node 22 from npm)"
    result = subprocess.run([str(nodes[0]), str(ROOT / "tests" / "pdfjs_ink.mjs"), str(PDFJS),
                             str(DPI), *map(str, paths)], capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    return {r["file"]: r["ink"] for r in map(json.loads, result.stdout.splitlines())}


def kind(doc) -> str:
    return f"{doc.handout.kind} ({doc.variant} copy, for {doc.handout.audience})"


def test_every_kind_of_sheet_draws_alike_in_poppler_mupdf_and_pdfjs(handouts, built_site):
    samples = {}
    for doc, path in handouts:
        samples.setdefault(kind(doc), path)
    samples["print pack"] = built_site / "packs" / "middle.pdf"
    assert len(samples) >= 6  # worksheets, teacher copies, letters, posters, cards, packs
    pdfjs = pdfjs_inks(samples.values())
    rows, bad = {}, []
    for name, path in samples.items():
        ref = poppler_ink(path)
        assert ref > 0.01 * 255 * 827 * 1170, f"{path}: poppler draws an almost empty page"
        mupdf, js = mupdf_ink(path) / ref, pdfjs[str(path)] / ref
        rows[name] = {"file": str(path.relative_to(built_site)), "mupdf": round(mupdf, 3),
                      "pdfjs": round(js, 3)}
        if mupdf < INK or js < INK:
            bad.append((name, rows[name]))
    (ROOT / ".build").mkdir(exist_ok=True)
    (ROOT / ".build" / "reader-ink.json").write_text(json.dumps(rows, ensure_ascii=False,
                                                                indent=2))
    assert bad == []


# --- text -----------------------------------------------------------------------------

BLOCKS = {"p", "li", "td", "th", "caption", "div", "blockquote", "header", "article", "dt",
          "dd", "h1", "h2", "h3", "h4", "h5", "h6", "br"}


class BlockText(HTMLParser):
    """The text of each block of a sheet, as one string per block."""

    def __init__(self):
        super().__init__()
        self.blocks, self.current = [], []

    def flush(self):
        text = "".join(self.current).strip()
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.flush()
        elif ("class", "blank") in attrs:  # a box to write in: a gap, not a character
            self.current.append(" ")

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.flush()

    def handle_data(self, data):
        self.current.append(data)


def squeeze(text: str) -> str:
    text = text.replace("\u200b", "").replace("\u2060", "").replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip()


def word_pairs(sheet_html: str) -> set[str]:
    """Every two Korean words that follow each other in a block of the sheet: "A B"."""
    parser = BlockText()
    parser.feed(sheet_html)
    parser.flush()
    pairs = set()
    for block in parser.blocks:
        words = squeeze(block).split(" ")
        for a, b in zip(words, words[1:]):
            if re.search("[가-힣]", a) and re.search("[가-힣]", b):
                pairs.add(f"{a} {b}")
    return pairs


def without_margins(page_text: str, doc) -> str:
    """A page's text without its footer and page number (drawn in the margin boxes) and
    the short link (placed under the QR code, drawn after the page's text)."""
    text = page_text.replace(doc.footer, " ").replace(display(doc.short_url), " ")
    text = text.replace(TEACHER_BAND, " ")  # a teacher copy's band across the top
    text = re.sub(r"\d+ / \d+쪽", " ", text)
    # List markers are drawn apart from their item's text and read out where they sit,
    # e.g. beside an item's second line: they are not words of the sheet.
    return re.sub(r"(?<!\S)(?:\d+[.)]|[•◦▪‣])(?!\S)", " ", text)


def test_copied_text_has_every_word_with_the_spaces_between(handouts):
    import pymupdf

    missing = {}
    for doc, path in handouts:
        pairs = word_pairs(doc.sheet)
        with pymupdf.open(path) as pdf:
            mu = squeeze(" ".join(without_margins(p.get_text(), doc) for p in pdf))
        raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                             capture_output=True, text=True, check=True).stdout
        pt = squeeze(" ".join(without_margins(p, doc) for p in raw.split("\f")))
        for reader, text in (("MuPDF", mu), ("pdftotext", pt)):
            lost = sorted(p for p in pairs if p not in text)
            if lost:
                missing[f"{doc.site_path} ({reader})"] = lost[:5]
        assert len(pairs) > 10, doc.site_path
    assert missing == {}


# --- QR codes and short links ------------------------------------------------------------

def test_every_qr_code_leads_to_the_public_address_of_its_page(handouts, built_site):
    import pymupdf
    import zxingcpp
    from PIL import Image

    for doc, path in handouts:
        target = qr_target(doc.lesson, doc.handout)
        assert doc.url == SITE_URL + target
        assert (built_site / target / "index.html").exists(), target
        if doc.handout.audience == "parent":
            assert target.endswith("/parents/"), "a sheet for parents leads to their page"
        with pymupdf.open(path) as pdf:
            page = pdf[0]
            # (A teacher copy's header starts lower, under its band.)
            top_right = pymupdf.Rect(page.rect.width - 200, 0, page.rect.width, 175)
            pix = page.get_pixmap(dpi=200, clip=top_right, colorspace=pymupdf.csGRAY)
            image = Image.frombytes("L", (pix.width, pix.height), pix.samples)
            decoded = [b.text for b in zxingcpp.read_barcodes(image)]
            assert decoded == [doc.url], path
            # The short link under it: printed to type, a link to click, over no text.
            lines = [(pymupdf.Rect(line["bbox"]), "".join(s["text"] for s in line["spans"]))
                     for block in page.get_text("dict")["blocks"]
                     for line in block.get("lines", [])]
            link = [box for box, text in lines if display(doc.short_url) in text]
            assert len(link) == 1, path
            assert not [text for box, text in lines if text.strip() and box != link[0]
                        and (box & link[0]).get_area() > 0.5], path
            assert doc.short_url in [link.get("uri") for link in page.get_links()]
        code = doc.short_url.rstrip("/").rsplit("/", 1)[1]
        assert re.fullmatch("[a-hjkmnp-z]{4,}", code)
        redirect = (built_site / short_path(code) / "index.html").read_text("utf-8")
        to = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', redirect).group(1)
        assert to == "../../" + target


def test_the_page_for_parents_is_written_for_parents(built_site):
    cur = check(ROOT).curriculum
    lesson = next(l for l in cur.lessons_of("middle", published_only=True)
                  if any(h.kind == "parent-letter" for h in l.handout_files))
    text = (built_site / lesson.url_dir / "parents" / "index.html").read_text("utf-8")
    assert f"<title>학부모님께: {lesson.title} - 디지털 성범죄 예방교육</title>" in text
    assert lesson.summary in text and all(o in text for o in lesson.objectives)
    assert "가정에서" in text and 'id="도움-받을-곳"' in text  # what to do at home, help
    assert "○○" not in text.split("<table")[0]  # the letterhead blanks are for paper
    assert "절취선" not in text and "보호자 서명" not in text  # so is the reply slip
    assert "T:" not in text  # no classroom script of the teacher's plan


# --- addresses -----------------------------------------------------------------------------

TEXT_FILES = {".html", ".xml", ".json", ".js", ".css", ".txt", ".svg", ".webmanifest"}


def test_no_loopback_or_private_address_in_the_site_or_its_pdfs(built_site):
    import sys

    import pymupdf

    sys.path.insert(0, str(ROOT / "scripts"))
    from check_site_url import pdf_text

    found = []
    for path in built_site.rglob("*"):
        if path.suffix in TEXT_FILES:
            found += [(path, a) for a in local_addresses(path.read_text("utf-8", "replace"))]
        elif path.suffix == ".pdf":
            with pymupdf.open(path) as pdf:
                shown = " ".join(p.get_text() for p in pdf)
                uris = " ".join(l.get("uri") or "" for p in pdf for l in p.get_links())
            found += [(path, a) for a in local_addresses(shown + " " + uris, bare=True)]
            found += [(path, a) for a in local_addresses(pdf_text(path.read_bytes()))]
    assert found == []
    sitemap = (built_site / "sitemap.xml").read_text("utf-8")
    assert "<loc>" + SITE_URL in sitemap
    assert f'<link rel="canonical" href="{SITE_URL}">' in (built_site / "index.html").read_text()


def test_a_build_without_site_url_has_no_canonical_links_no_sitemap_no_local_address(tmp_path):
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env["CURRICULUM_NO_PDF"] = "1"  # the handouts without an address: test_printing.py
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                             str(out)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert not (out / "sitemap.xml").exists()
    for path in out.rglob("*"):
        if path.suffix in TEXT_FILES:
            text = path.read_text("utf-8", "replace")
            assert 'rel="canonical"' not in text, path
            assert local_addresses(text) == [], path
