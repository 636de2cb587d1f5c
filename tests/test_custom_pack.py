"""A school's own pack (맞춤 꾸러미 만들기) made in a real browser (Debian's Chromium)
from the built site, and the editable letters (DOCX) it fills in."""

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

SCHOOL = "해오름초등학교"
PHONE = "061-000-1234"
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


def make_pack(page, address: str, level: str, lessons: list[str], classes: int):
    page.goto(address + "custom-pack/")
    page.fill("#cp-school", SCHOOL)
    page.fill("#cp-start", "2027-03-02")
    page.fill("#cp-phone", PHONE)
    page.fill("#cp-classes", str(classes))
    page.check(f'.cp-all[data-track="{level}"]')
    for lesson in lessons:
        page.check(f'input[name=lesson][value="{lesson}"]')
    with page.expect_download() as download:
        page.click("#custom-pack button[type=submit]")
    name = download.value.suggested_filename
    return name, zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))


@pytest.mark.browser
def test_a_school_makes_its_own_pack_in_the_browser(browser, site_server, built_site):
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
    for listed_name, f in zip(listed, expected):
        assert listed_name.endswith(f["name"])
        if not f.get("letter"):  # PDFs are the site's own, byte for byte
            assert z.read(listed_name) == (built_site / f["path"]).read_bytes()
    # Every letter carries the school's name, contact and dates in its fields.
    letters = [n for n in names if n.endswith(".docx")]
    assert len(letters) == sum(1 for f in expected if f.get("letter")) >= 2
    for n in letters:
        fields = docx_fields(z.read(n))
        assert fields["school"] and set(fields["school"]) == {SCHOOL}, n
        assert set(fields.get("phone", [PHONE])) == {PHONE}
        assert set(fields.get("start-date", ["2027. 3. 2."])) == {"2027. 3. 2."}
        assert "○○학교" not in docx_text(z.read(n))
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
        # A letter is printed from its filled-in DOCX, not from the PDF with blanks.
        assert row["파일"] in names
        assert row["파일"].endswith(".docx" if "가정통신문" in f["name"] else ".pdf"), row


@pytest.mark.browser
def test_opened_from_disk_the_page_says_why_it_cannot_make_a_pack(browser, built_site):
    page = browser.new_page()
    try:
        page.goto((built_site / "custom-pack" / "index.html").as_uri())
        assert "file://" in page.text_content("#cp-status")
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
    assert "<title>맞춤 꾸러미 만들기" in page and "vendor/jszip/jszip.min.js" in page
