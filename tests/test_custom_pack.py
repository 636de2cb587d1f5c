"""A school's own pack (맞춤 꾸러미 만들기) made in a real browser (Debian's Chromium)
from the built site, and the editable letters (DOCX) it fills in."""

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from conftest import SITE_URL

SCHOOL = "해오름초등학교"
PHONE = "061-000-1234"
DEPARTMENT = "학생안전부"
LETTER_NO = "제2027-15호"
START = "2027. 3. 2."
# The placeholders of the fields filled in (docx.FIELDS), as a letter prints them.
BLANKS = re.compile(r"○○학교|○○부|학교 대표번호|제2026-00호|2026\.\s+\.\s+\.\s*부터")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def pack_data(site: Path) -> dict:
    html = (site / "custom-pack" / "index.html").read_text("utf-8")
    m = re.search(r'<script type="application/json" id="custom-pack-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


def docx_fields(data: bytes) -> dict[str, list[str]]:
    """Tag -> texts of the Word content controls of a DOCX."""
    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    out: dict[str, list[str]] = {}
    for sdt in root.iter(f"{W}sdt"):
        tag = sdt.find(f"{W}sdtPr/{W}tag").get(f"{W}val")
        out.setdefault(tag, []).append("".join(t.text or "" for t in sdt.iter(f"{W}t")))
    return out


def docx_text(data: bytes) -> str:
    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p"))


def words(text: str) -> set[str]:
    text = re.sub("[\u2060\u200b]", "", text)
    return {w for w in re.findall(r"[가-힣A-Za-z0-9]+", text) if re.search("[가-힣]", w)}


def pdf_text(data: bytes, tmp_path: Path) -> str:
    """The PDF's text as poppler copies it (what search and copy-paste get)."""
    import subprocess

    path = tmp_path / "letter.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def ink(data: bytes, page_no: int, box: list[float]) -> float:
    """Share of dark pixels inside a slot's box, above its underline (PyMuPDF at 150 dpi)."""
    import pymupdf

    page = pymupdf.open(stream=data, filetype="pdf")[page_no]
    x0, y0, x1, y1 = box
    h = page.rect.height
    clip = pymupdf.Rect(x0 + 0.5, h - y1, x1 - 0.5, h - y0 - 1.5)  # PDF y up, MuPDF y down
    pix = page.get_pixmap(clip=clip, dpi=150, colorspace=pymupdf.csGRAY)
    return sum(1 for v in pix.samples if v < 128) / max(1, len(pix.samples))


def tagged_slot_text(data: bytes, slots: list[dict]) -> None:
    """Each drawn value is marked content of its slot's structure element (PDF/UA)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    parents = {nums[i]: nums[i + 1] for i in range(0, len(nums), 2)}
    for s in slots:
        elem = reader.get_object(s["struct"])
        assert elem["/S"] == "/Span" and len(elem["/K"]) == 1, s
        page = reader.pages[s["page"]]
        mcid = elem["/K"][0]
        assert parents[page["/StructParents"]][mcid].idnum == s["struct"]
        assert f"/MCID {mcid}".encode() in page.get_contents().get_data()


def make_pack(page, address: str, level: str, lessons: list[str], classes: int,
              school: str = SCHOOL):
    page.goto(address + "custom-pack/")
    page.fill("#cp-school", school)
    page.fill("#cp-start", "2027-03-02")
    page.fill("#cp-phone", PHONE)
    page.fill("#cp-department", DEPARTMENT)
    page.fill("#cp-letterno", LETTER_NO)
    page.fill("#cp-classes", str(classes))
    page.check(f'.cp-all[data-track="{level}"]')
    for lesson in lessons:
        page.check(f'input[name=lesson][value="{lesson}"]')
    with page.expect_download() as download:
        page.click("#custom-pack button[type=submit]")
    name = download.value.suggested_filename
    return name, zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))


@pytest.mark.browser
def test_a_school_makes_its_own_pack_in_the_browser(browser, site_server, built_site, tmp_path):
    import page as pdf_rules  # page-validation: PDF/UA-1's machine-checkable rules

    data = pack_data(built_site)
    tracks = {t["key"]: t for t in data["tracks"]}
    level = "elementary-upper"  # a whole level, and one lesson of another with a letter
    other = next(l for l in tracks["middle"]["lessons"] if any(f.get("letter") for f in l["files"]))
    chosen = tracks[level]["lessons"] + [other]
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        name, z = make_pack(page, site_server, level, [other["id"]], classes=3)
        assert "다 만들었습니다" in page.text_content("#cp-status")
    finally:
        context.close()
    assert name == f"맞춤 꾸러미_{SCHOOL}.zip"
    # No request outside the site itself.
    assert all(u.startswith(site_server) or u.startswith("blob:") for u in requests), requests
    names = z.namelist()
    manifest = json.loads(z.read("목록.json"))
    assert manifest["학교"] == SCHOOL and manifest["학급 수"] == 3
    listed = [f["파일"] for f in manifest["파일"]]
    # The manifest names exactly the files in the ZIP; the chosen lessons only, all theirs.
    assert sorted(names) == sorted(listed + ["인쇄_주문서.csv", "인쇄_주문서.txt", "목록.csv",
                                             "목록.json"])
    expected = [f for l in chosen for f in l["files"]]
    assert len(listed) == len(expected)
    assert {f["수업"] for f in manifest["파일"]} == {l["title"] for l in chosen}
    letter_pdfs = []
    for listed_name, f in zip(listed, expected):
        assert listed_name.endswith(f["name"])
        if f.get("fill"):
            letter_pdfs.append((listed_name, f))
        elif not f.get("letter"):  # other PDFs are the site's own, byte for byte
            assert z.read(listed_name) == (built_site / f["path"]).read_bytes()
    # Every letter PDF carries the school's values as text, where its blanks were, drawn
    # in the slots, and stays a tagged document.
    assert len(letter_pdfs) >= 2
    for n, f in letter_pdfs:
        data = z.read(n)
        text = pdf_text(data, tmp_path)
        assert SCHOOL in text and PHONE in text and DEPARTMENT in text and LETTER_NO in text, n
        assert not BLANKS.search(text), (n, BLANKS.findall(text))
        slots = f["fill"]["slots"]
        fields = {s["field"] for s in slots}
        assert {"school", "phone", "issue-date"} <= fields, n
        if "start-date" in fields:
            assert START in text, n
        template = (built_site / f["fill"]["path"]).read_bytes()
        for s in slots:
            assert ink(data, s["page"], s["box"]) > 0.02, (n, s)
            assert ink(template, s["page"], s["box"]) == 0, (n, s)
        tagged_slot_text(data, slots)
        path = tmp_path / "filled.pdf"
        path.write_bytes(data)
        report = pdf_rules.validate_pdf(str(path), profile=pdf_rules.ValidationProfile.PDF_UA_1)
        assert sorted({x.rule_id for x in report.failures}) == [], n
    # The published letters keep their blanks, for schools that fill them in by hand.
    assert "○○학교" in pdf_text((built_site / letter_pdfs[0][1]["path"]).read_bytes(), tmp_path)
    # The order sheet: every PDF, copies from the number of classes (3 classes of 30).
    rows = list(csv.DictReader(io.StringIO(z.read("인쇄_주문서.csv").decode("utf-8-sig"))))
    assert list(rows[0]) == ["번호", "파일", "자료", "수업", "대상", "쪽수", "부수", "총 쪽수", "용지",
                             "인쇄"]
    per_class = {"student": 30, "teacher": 1, "poster": 2}
    pdfs = [f for f in expected if not f.get("letter")]
    assert len(rows) == len(pdfs)
    for row, f in zip(rows, pdfs):
        assert int(row["부수"]) == per_class[f["rule"]] * 3, row
        assert int(row["총 쪽수"]) == int(row["부수"]) * f["pages"]
        # Every sheet, letters too (filled in), is printed from its PDF; the DOCX is the
        # copy to edit.
        assert row["파일"] in names and row["파일"].endswith(f["name"]), row


@pytest.mark.browser
def test_a_name_the_letters_font_cannot_draw_keeps_the_pdf_blanks_and_says_so(
        browser, site_server, built_site):
    """똠 is not among KS X 1001's syllables (the font subset): the PDF letters stay as
    published, the page names the character, the order sheet sends the letter to the
    DOCX, which carries the name."""
    school = "똠방각하초등학교"
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    try:
        _, z = make_pack(page, site_server, "elementary-upper", [], classes=1, school=school)
        status = page.text_content("#cp-status")
    finally:
        context.close()
    assert "다 만들었습니다" in status and "똠" in status and "DOCX" in status
    letters = [f for t in pack_data(built_site)["tracks"] if t["key"] == "elementary-upper"
               for l in t["lessons"] for f in l["files"] if f.get("fill")]
    assert letters
    names = z.namelist()
    rows = list(csv.DictReader(io.StringIO(z.read("인쇄_주문서.csv").decode("utf-8-sig"))))
    for f in letters:
        pdf = next(n for n in names if n.endswith(f["name"]))
        assert z.read(pdf) == (built_site / f["path"]).read_bytes()
        docx = next(n for n in names if n.endswith(f["name"][:-4] + ".docx"))
        assert set(docx_fields(z.read(docx))["school"]) == {school}
        assert docx in [r["파일"] for r in rows] and pdf not in [r["파일"] for r in rows]


@pytest.mark.browser
def test_opened_from_disk_the_page_says_why_it_cannot_make_a_pack(browser, built_site):
    page = browser.new_page()
    try:
        page.goto((built_site / "custom-pack" / "index.html").as_uri())
        status = page.text_content("#cp-status")
        # Why, and where it works: the public address (from the canonical link), or the
        # ready-made packs.
        assert "file://" in status and "인쇄 꾸러미" in status
        assert SITE_URL + "custom-pack/" in status
        assert page.is_disabled("#custom-pack button[type=submit]")
    finally:
        page.close()


@pytest.mark.site
def test_every_letter_is_also_a_docx_with_fields_and_the_words_of_its_pdf(built_site):
    import pymupdf

    letters = sorted(built_site.glob("lessons/*/*/handouts/parent-letter.pdf"))
    assert len(letters) >= 5
    for pdf in letters:
        data = pdf.with_suffix(".docx").read_bytes()
        fields = docx_fields(data)
        assert fields["school"] and set(fields["school"]) == {"○○학교"}, pdf
        pdf_words = words("\n".join(p.get_text() for p in pymupdf.open(pdf)))
        doc_words = words(docx_text(data))
        assert doc_words - pdf_words <= {"학부모", "페이지"}, (pdf, doc_words - pdf_words)
        missing = pdf_words - doc_words
        # The PDF's header and footer (level, kind, edition) are the only words it adds.
        assert len(missing) <= 12, (pdf, sorted(missing))
        # The help block is in the letter.
        assert "112" in docx_text(data) or "117" in docx_text(data)


@pytest.mark.site
def test_catalogs_and_packs_page_link_to_the_custom_pack(built_site):
    for catalog in built_site.glob("lessons/*/index.html"):
        if catalog.parent.name in ("lessons",):
            continue
        assert "custom-pack/" in catalog.read_text("utf-8"), catalog
    assert 'href="../custom-pack/"' in (built_site / "packs" / "index.html").read_text("utf-8")
    page = (built_site / "custom-pack" / "index.html").read_text("utf-8")
    assert "<title>맞춤 꾸러미 만들기" in page
    for script in ("jszip/jszip.min.js", "pdf-lib/pdf-lib.min.js", "fontkit/fontkit.umd.min.js"):
        assert f"vendor/{script}" in page and (built_site / "assets" / "vendor" / script).is_file()
    # The minified pdf-lib and fontkit carry no licence header: their MIT licence is served
    # beside them.
    for lib in ("pdf-lib", "fontkit"):
        assert "MIT License" in (built_site / "assets" / "vendor" / lib / "LICENSE").read_text()
    # The font the letters are filled in with is the site's own.
    assert (built_site / pack_data(built_site)["font"]).stat().st_size < 600_000


def test_vendored_libraries_are_the_npm_files_their_readme_names():
    """Each vendored script is byte for byte the file of the npm release its README
    names (sha256), with the package's licence beside it."""
    import hashlib

    vendor = Path(__file__).resolve().parents[1] / "overrides" / "assets" / "vendor"
    libs = sorted(p for p in vendor.iterdir() if p.is_dir())
    assert [p.name for p in libs] == ["fontkit", "jszip", "pdf-lib"]
    for lib in libs:
        readme = (lib / "README.md").read_text("utf-8")
        sums = dict(re.findall(r"- `([\w.-]+\.js)` sha256: `([0-9a-f]{64})`", readme))
        assert sums, lib
        for name, digest in sums.items():
            assert hashlib.sha256((lib / name).read_bytes()).hexdigest() == digest, name
        assert any(p.name.startswith("LICENSE") for p in lib.iterdir()), lib
