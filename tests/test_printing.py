"""Printable handouts: real PDFs rendered by WeasyPrint, opened and read back."""

import json
import re
import shutil
import zipfile

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, ROOT, check
from curriculum.printing.build import build_print
from curriculum.printing.html import documents, keep_korean_words, lesson_url, qr_data_uri
from curriculum.printing.links import display, short_codes
from curriculum.printing.pdf import FONT_FILES, render_all
from curriculum.printing.source import strip_teacher

SITE = "https://example.test/site/"
A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    dst = tmp_path_factory.mktemp("print") / "repo"
    shutil.copytree(FIXTURES / "healthy", dst)
    shutil.copytree(ROOT / "fonts", dst / "fonts")
    return dst


@pytest.fixture(scope="module")
def printed(repo):
    return build_print(check(repo), SITE, repo / ".build")


def text_of(path):
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


def by_variant(printed):
    return {r.doc.variant: r for r in printed.rendered}


def fonts_of(reader):
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for d in font.get("/DescendantFonts", [font]):
                yield d.get_object()


@pytest.mark.pdf
def test_pdfs_open_are_a4_tagged_korean_with_fonts_embedded(printed):
    assert len(printed.rendered) == 2  # the worksheet and its teacher copy
    for r in printed.rendered:
        reader = PdfReader(str(r.path))
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "ko" and root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
        assert reader.metadata.title == r.doc.title and reader.metadata.subject
        for page in reader.pages:
            box = page.mediabox
            assert abs(float(box.width) - A4[0]) < 1 and abs(float(box.height) - A4[1]) < 1
        for font in fonts_of(reader):
            # TrueType outlines (FontFile2) from fonts/ only: no CFF, no machine fallback.
            assert "/FontFile2" in font["/FontDescriptor"], font
            assert font["/BaseFont"].split("+")[-1].startswith("Handout-"), font["/BaseFont"]


@pytest.mark.pdf
def test_every_character_of_every_real_handout_is_in_the_project_fonts():
    from fontTools.ttLib import TTFont

    covered = set()
    for name in FONT_FILES:
        with TTFont(str(ROOT / "fonts" / name), lazy=True) as font:
            covered |= set(font.getBestCmap())
    docs = documents(check(ROOT).curriculum, SITE, ROOT / "fonts")
    text = "".join(re.sub(r"<[^>]+>", "", d.sheet) + d.footer + d.title for d in docs)
    missing = sorted({c for c in text if ord(c) not in covered and c not in "\n\t"})
    assert missing == []


def struct_elements(reader, kind):
    """Every structure element of type `kind` (/TH, /Document...) in the tag tree."""
    found, todo = [], [reader.trailer["/Root"]["/StructTreeRoot"]]
    while todo:
        node = todo.pop().get_object()
        if not isinstance(node, dict):
            continue
        if node.get("/S") == kind:
            found.append(node)
        kids = node.get("/K")
        kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
        todo += [k for k in kids if hasattr(k, "get_object")]
    return found


@pytest.mark.pdf
def test_table_headers_carry_scope_in_the_pdf():
    docs = [d for d in documents(check(ROOT).curriculum, SITE, ROOT / "fonts")
            if '<th scope="row"' in d.html or d.handout.kind == "parent-letter"][:2]
    rendered, _ = render_all(docs, ROOT / ".build" / "pdf-cache", ROOT / "fonts")
    for r in rendered:
        heads = struct_elements(PdfReader(str(r.path)), "/TH")
        want = re.findall(r"<th[\s>]", r.doc.html)
        assert len(heads) >= len(want) > 0
        assert all(h["/A"]["/Scope"] in ("/Column", "/Row") for h in heads)


def test_words_keep_together_and_the_spaces_between_them_are_drawn():
    out = keep_korean_words("<p>자녀가 <strong>할 수 있는 일</strong>을 배웁니다.</p>"
                            "<td>성폭력처벌법\xa0제14조의2</td>")
    # A space between two spans would be a box of spaces alone, which is not drawn.
    assert '<span class="w">자녀가</span> \u200b<strong>' in out
    # A word cut by markup is joined across it; a no-break space keeps its two words.
    assert '</strong><span class="w">\u2060을</span>' in out
    assert '<span class="w">성폭력처벌법\xa0제14조의2</span>' in out


@pytest.mark.pdf
def test_text_is_selectable_and_carries_title_body_and_provenance(printed):
    student = by_variant(printed)["student"]
    text = text_of(student.path)
    assert "가짜 사진, 진짜 피해 활동지" in text  # with the spaces between the words
    assert "합성 사진이 왜 피해를 줄까요?" in text
    assert f"판 {student.doc.edition}" in text and "2026. 11. 1." in text
    assert "1 / 1쪽" in text


@pytest.mark.pdf
def test_teacher_content_never_reaches_student_sheets(printed):
    v = by_variant(printed)
    answer = "사진은 가짜여도 피해는 진짜이기 때문이다."
    assert answer not in text_of(v["student"].path).replace("\n", "")
    assert answer in text_of(v["teacher"].path).replace("\n", "")
    assert v["teacher"].doc.site_path.endswith("handouts/worksheet-teacher.pdf")


@pytest.mark.pdf
def test_qr_code_points_at_the_lesson_page_with_a_short_link_under_it(printed):
    doc = by_variant(printed)["student"].doc
    assert doc.url == "https://example.test/site/lessons/middle/fake-photos/"
    assert doc.url == lesson_url(SITE, doc.lesson)
    assert qr_data_uri(doc.url) in doc.html
    code = short_codes([doc.lesson.url_dir])[doc.lesson.url_dir]
    assert doc.short_url == f"{SITE}q/{code}/" and len(code) == 4
    assert display(doc.short_url) in text_of(by_variant(printed)["student"].path)


def test_without_a_public_address_handouts_have_no_qr_code_and_no_address(repo, tmp_path):
    import pymupdf

    out = build_print(check(repo), None, tmp_path / "build", packs=False)
    assert out.report.findings == []
    for r in out.rendered:
        assert r.doc.url is None and r.doc.short_url is None
        assert "<img" not in r.doc.html and 'class="qr-box"' in r.doc.html  # same room
        with pymupdf.open(r.path) as pdf:
            assert all(not p.get_images() and not p.get_links() for p in pdf)
            assert "http" not in " ".join(p.get_text() for p in pdf)
    # Same layout as with an address: the page budget checked without one is the real one.
    with_url = build_print(check(repo), SITE, tmp_path / "build", packs=False)
    assert [r.pages for r in out.rendered] == [r.pages for r in with_url.rendered]


def test_a_loopback_or_private_site_url_is_a_finding_and_never_printed(repo, tmp_path):
    out = build_print(check(repo), "http://127.0.0.1:8000/", tmp_path / "build", packs=False)
    assert [f.code for f in out.report.findings] == ["site-url-not-public"]
    assert all(r.doc.url is None and "127.0.0.1" not in r.doc.html for r in out.rendered)


@pytest.mark.pdf
def test_warm_rebuild_renders_nothing_and_one_change_renders_one(repo, printed):
    again = build_print(check(repo), SITE, repo / ".build")
    # Two sheets and two pack PDFs (the track's and the whole curriculum's), all reused.
    assert again.stats.rendered == 0 and again.stats.reused == 4
    sheet = repo / "lessons/middle/fake-photos/handouts/worksheet.md"
    original = sheet.read_text()
    try:
        sheet.write_text(original.replace("______________________________",
                                          "______________________________\n\n### 2. 더 생각해 봐요\n"))
        changed = build_print(check(repo), SITE, repo / ".build")
        # The sheet, its teacher copy and the two packs they are in; nothing else.
        assert changed.stats.rendered == 4
    finally:
        sheet.write_text(original)
        # The changed build pruned the original PDFs that `printed` (shared by the
        # other tests of this module) points at: put them back.
        build_print(check(repo), SITE, repo / ".build")


@pytest.mark.pdf
def test_page_budget_overflow_is_a_finding(repo):
    sheet = repo / "lessons/middle/fake-photos/handouts/worksheet.md"
    original = sheet.read_text()
    try:
        sheet.write_text(original + "\n" + "\n".join(f"### {n}. 질문\n\n______\n\n______\n"
                                                     for n in range(2, 40)))
        out = build_print(check(repo), SITE, repo / ".build", packs=False)
        found = [(f.path, f.line, f.code) for f in out.report.findings]
        assert found == [("lessons/middle/fake-photos/handouts/worksheet.md", 5,
                          "handout-over-budget")]
    finally:
        sheet.write_text(original)


@pytest.mark.pdf
def test_pack_has_korean_names_an_order_sheet_and_every_document_on_a_front_side(repo):
    from curriculum.printing.packs import MANIFEST_CSV, MANIFEST_JSON, ORDER_CSV, page_plan

    printed = build_print(check(repo), SITE, repo / ".build")
    packs = {p.key: p for p in printed.packs}
    assert set(packs) == {"middle", "all"}
    pack = packs["middle"]
    with zipfile.ZipFile(pack.zip_path) as z:
        names = z.namelist()
        manifest = json.loads(z.read(MANIFEST_JSON))
        order = z.read(ORDER_CSV).decode("utf-8-sig").splitlines()
        manifest_csv = z.read(MANIFEST_CSV).decode("utf-8-sig").splitlines()
    # The manifest names exactly the files in the ZIP, in Korean, in lesson order.
    assert names[0] == ORDER_CSV
    assert sorted(names) == sorted([m["파일"] for m in manifest]
                                   + [ORDER_CSV, MANIFEST_CSV, MANIFEST_JSON])
    assert [m["파일"] for m in manifest] == ["001_가짜 사진, 진짜 피해_활동지_학생용.pdf",
                                           "002_가짜 사진, 진짜 피해_활동지_교사용.pdf"]
    assert manifest_csv[0].startswith("번호,파일,자료,수업,종류,대상,쪽수,한 반 부수,인쇄")
    assert order[0] == "번호,자료,수업,대상,쪽,쪽수,한 반 부수,용지,인쇄"
    assert [m["SHA-256"] for m in manifest] == [r.sha256 for r in printed.rendered]
    assert manifest[0]["한 반 부수"] == 30 and manifest[1]["한 반 부수"] == 1
    merged = PdfReader(str(pack.pdf_path))
    # The order sheet, then each sheet on a front (odd) page: a blank back after the
    # order sheet and after every sheet that ends on a front side.
    order_pages, ranges = page_plan(printed.rendered)
    assert all(a % 2 == 1 for a, _ in ranges)
    assert len(merged.pages) == ranges[-1][1] == pack.pages
    first = merged.pages[0].extract_text()
    assert "인쇄 주문서" in first and "한 반 부수" in first and "단면" in first
    # One tagged document (not PDFs glued together): language, title, tags, bookmarks.
    root = merged.trailer["/Root"]
    assert root["/Lang"] == "ko" and root["/MarkInfo"]["/Marked"]
    assert merged.metadata.title == "중학교 인쇄 꾸러미"
    assert len(struct_elements(merged, "/Art")) == 2  # one article per sheet
    assert [o.title for o in merged.outline if not isinstance(o, list)] == \
        ["중학교 인쇄 꾸러미: 인쇄 주문서"] + [r.doc.title for r in printed.rendered]
    # Each sheet keeps its own footer and page count; the blank backs carry no footer.
    for (a, _), r in zip(ranges, printed.rendered):
        text = merged.pages[a - 1].extract_text()
        assert r.doc.edition in text and "1 / 1쪽" in text
        assert "비워 둔 쪽" in merged.pages[a].extract_text() if a < len(merged.pages) else True


def test_strip_teacher_keeps_what_follows_the_block():
    md = "가\n\n!!! teacher \"예시 답안\"\n    답입니다.\n\n    둘째 줄.\n\n나\n"
    assert strip_teacher(md) == "가\n\n나\n"


def hangul_words(text):
    return set(re.findall(r"[가-힣]+", text))


@pytest.mark.pdf
def test_no_korean_word_is_broken_across_lines_in_real_handouts():
    loaded = check(ROOT)
    docs = [d for d in documents(loaded.curriculum, SITE, ROOT / "fonts")
            if d.variant == "student"][:6]
    rendered, _ = render_all(docs, ROOT / ".build" / "pdf-cache", ROOT / "fonts")
    for r in rendered:
        words = hangul_words(r.doc.handout.body + r.doc.handout.title + r.doc.lesson.title)
        lines = [l.strip() for l in text_of(r.path).split("\n") if l.strip()]
        for a, b in zip(lines, lines[1:]):
            ta, tb = re.findall(r"[가-힣]+$", a), re.findall(r"^[가-힣]+", b)
            if ta and tb and ta[0] not in words and tb[0] not in words:
                assert ta[0] + tb[0] not in words, f"{r.doc.site_path}: {ta[0]}|{tb[0]}"


def test_answer_lines_and_cut_lines_print_as_lines():
    from curriculum.printing.source import for_print
    out = for_print("1. ______\n\n________\n\n\\- - - - ✂ 절취선 - - - -\n(    )학년")
    assert out.count('class="write-line"') == 2
    assert out.startswith('1. <span class="write-line"></span>')
    assert '<div class="cut-line">✂ 절취선</div>' in out
    assert '(<span class="blank"' in out


@pytest.mark.pdf
def test_pdfs_pass_the_machine_checkable_pdf_ua_rules(printed):
    import page

    loaded = check(ROOT)
    docs = documents(loaded.curriculum, SITE, ROOT / "fonts")
    sample = [d for d in docs if d.handout.kind in ("worksheet", "parent-letter")][:6] + \
        [d for d in docs if d.handout.kind in ("teacher-card", "poster")][:3]
    rendered, _ = render_all(sample, ROOT / ".build" / "pdf-cache", ROOT / "fonts")
    packs = [p.pdf_path for p in printed.packs]
    for path in [r.path for r in list(printed.rendered) + rendered] + packs:
        report = page.validate_pdf(str(path), profile=page.ValidationProfile.PDF_UA_1)
        assert sorted({f.rule_id for f in report.failures}) == [], path
