"""Printable handouts: real PDFs rendered by WeasyPrint, opened and read back."""

import json
import re
import shutil
import zipfile

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, ROOT, check
from curriculum.printing.build import build_print
from curriculum.printing.html import documents, lesson_url, qr_data_uri
from curriculum.printing.pdf import render_all
from curriculum.printing.source import strip_teacher

SITE = "https://example.org/site/"
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
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                for d in font.get("/DescendantFonts", [font]):
                    desc = d.get_object()["/FontDescriptor"]
                    assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(desc), font


@pytest.mark.pdf
def test_text_is_selectable_and_carries_title_body_and_provenance(printed):
    student = by_variant(printed)["student"]
    text = text_of(student.path)
    assert "가짜 사진, 진짜 피해 활동지" in text
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
def test_qr_code_points_at_the_lesson_page(printed):
    doc = by_variant(printed)["student"].doc
    assert doc.url == "https://example.org/site/lessons/middle/fake-photos/"
    assert doc.url == lesson_url(SITE, doc.lesson)
    assert qr_data_uri(doc.url) in doc.html


@pytest.mark.pdf
def test_warm_rebuild_renders_nothing_and_one_change_renders_one(repo, printed):
    again = build_print(check(repo), SITE, repo / ".build")
    assert again.stats.rendered == 0 and again.stats.reused == 2
    sheet = repo / "lessons/middle/fake-photos/handouts/worksheet.md"
    original = sheet.read_text()
    try:
        sheet.write_text(original.replace("______________________________",
                                          "______________________________\n\n### 2. 더 생각해 봐요\n"))
        changed = build_print(check(repo), SITE, repo / ".build")
        assert changed.stats.rendered == 2  # the sheet and its teacher copy, nothing else
    finally:
        sheet.write_text(original)


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
def test_pack_has_pdfs_in_order_manifest_and_merged_pdf(repo):
    printed = build_print(check(repo), SITE, repo / ".build")
    packs = {p.key: p for p in printed.packs}
    assert set(packs) == {"middle", "all"}
    pack = packs["middle"]
    with zipfile.ZipFile(pack.zip_path) as z:
        names = z.namelist()
        manifest = json.loads(z.read("manifest.json"))
    assert names[:2] == ["001-worksheet-fake-photos.pdf", "002-worksheet-teacher-fake-photos.pdf"]
    assert [m["sha256"] for m in manifest] == [r.sha256 for r in printed.rendered]
    assert manifest[0]["copies_per_class_of_30"] == 30 and manifest[1]["copies_per_class_of_30"] == 1
    merged = PdfReader(str(pack.pdf_path))
    assert len(merged.pages) == sum(r.pages for r in printed.rendered) == pack.pages


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
    for r in list(printed.rendered) + rendered:
        report = page.validate_pdf(str(r.path), profile=page.ValidationProfile.PDF_UA_1)
        assert sorted({f.rule_id for f in report.failures}) == [], r.doc.site_path
