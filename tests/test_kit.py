"""The lesson kit ("내일 수업 준비"): a one-page A4 summary and 16:9 slides generated from
the plan, a ZIP with the handouts, and teacher copies that cannot be mistaken for
student sheets. The site tests read the session's real site build (built_site)."""

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, ROOT, SITE_URL, check, edit
from curriculum.printing import kit, slides
from curriculum.printing.html import TEACHER_BAND, documents

A4 = (595.28, 841.89)
VERAPDF = Path("/work/shared/tools/verapdf/run.sh")


@pytest.fixture(scope="module")
def real():
    return check(ROOT).curriculum


def words(html):
    """The text of generated HTML: no tags, joiners or zero-width spaces."""
    import html as htmllib

    text = htmllib.unescape(re.sub(r"<[^>]+>", "", html))
    return re.sub(r"\s+", " ", text.replace("\u2060", "").replace("\u200b", ""))


def published(cur):
    return [l for t in cur.tracks for l in cur.lessons_of(t, published_only=True)]


# --- without rendering -------------------------------------------------------------------

def test_safe_names_for_windows():
    assert kit.safe_name('가짜 사진: "진짜" 피해? <1/2>*|\\') == "가짜 사진 - '진짜' 피해 _1_2____"
    assert kit.zip_name(check(ROOT).curriculum.lessons[0]).startswith("수업 준비 꾸러미 - ")
    for lesson in published(check(ROOT).curriculum):
        assert not re.search(r'[/\\:*?"<>|]', kit.zip_name(lesson))
        assert not re.search(r'[/\\:*?"<>|]', kit.pptx_name(lesson))


def test_marked_slides_and_ground_rules_come_from_the_plan(real):
    lesson = next(l for l in real.lessons if l.id == "middle-deepfake-harm")
    marked = kit.marked_slides(lesson)
    assert ("장난일까?", "62.2% 장난? / 89.4% 범죄!") in marked
    assert [t for t, _ in marked][:2] == ["장난일까?", "딥페이크란?"]
    assert kit.ground_rules(lesson, real)[0] == "실제 사람 이름은 말하지 않기"
    # Every word of a slide is in the plan (or the registries): nothing is made up.
    doc = slides.slides_document(real, lesson, ROOT / "fonts")
    assert "모둠 질문: 지우의 하루" in words(doc.html) and "도움 받을 곳" in words(doc.html)


def test_a_plan_without_marks_gets_slides_from_its_activities(real):
    lesson = next(l for l in published(real) if not kit.marked_slides(l)
                  and any(p.name == "전개" for p in l.phases))
    doc = slides.slides_document(real, lesson, ROOT / "fonts")
    activities = [s.title for p in kit.phase_texts(lesson) if p.label.endswith("전개")
                  for s in p.sections if s.title]
    assert activities
    text = words(doc.html)
    for title in activities:
        assert kit.plain(kit.MINUTES_SUFFIX.sub("", title), real) in text


def test_marked_slides_keep_their_lists_tables_and_bold(real):
    """A `!!! slide` box becomes blocks, not HTML: its list, table and bold words reach
    both the PDF and the PPTX."""
    by_id = {l.id: l for l in real.lessons}
    deck = slides.deck(real, by_id["middle-deepfake-harm"])
    group = next(s for s in deck if s.title == "모둠 질문: 지우의 하루")
    assert [b.kind for b in group.blocks] == ["ul"] and len(group.blocks[0].items) == 3
    table = next(s for s in slides.deck(real, by_id["middle-consent-online"])
                 if s.title.startswith("동의 ="))
    [b] = table.blocks
    assert b.kind == "table" and b.head == 1 and len(b.rows) == 5
    assert slides.run_text(b.rows[0][0]) == "조건"
    joke = slides.deck(real, by_id["elementary-upper-deepfake-is-not-a-joke"])
    what = next(s for s in joke if s.title == "딥페이크란 무엇일까?")
    assert what.blocks[0].items[0][0] == ("딥페이크", "strong")
    # Every slide of the PDF is one Slide of the deck, in order.
    for lesson in published(real)[::5]:
        doc = slides.slides_document(real, lesson, ROOT / "fonts")
        titles = re.findall(r"<h[12]>(.*?)</h[12]>", doc.html)
        assert len(titles) == len(slides.deck(real, lesson)), lesson.id


def test_bad_slide_markdown_gives_blocks_not_a_traceback(real):
    odd = "# 제목\n\n> 인용\n\n```\n코드\n```\n\n---\n\n![그림](x.png)\n\n| a |\n|---|\n\n\x0b"
    blocks = slides.md_blocks(odd, real)
    assert all(b.kind in ("p", "ul", "ol", "table", "sub") for b in blocks)
    assert slides.md_blocks("", real) == () and slides.md_blocks("   \n", real) == ()


def test_pptx_bytes_are_the_same_for_the_same_slides(real, tmp_path):
    from curriculum.printing import pptx

    lesson = next(l for l in real.lessons if l.id == "middle-consent-online")
    deck = slides.deck(real, lesson)
    # A control character pasted into a plan is dropped, not a crash.
    S, B, w = slides.Slide, slides.Block, slides.words
    deck.append(S("marked", "이상한 글자", (B("p", (w("a\x0bb\x00c"),)),)))
    # Text, a table and text again, in that order; a title-only slide.
    table = B("table", rows=((w("가"), w("나")), (w("다"),)), head=1)
    deck += [S("marked", "섞인 상자", (B("p", (w("위"),)), table, B("ol", (w("아래"),)))),
             S("activity", "제목만")]
    a, b = tmp_path / "a.pptx", tmp_path / "b.pptx"
    pptx.make_pptx(deck, "t\x01", "f\x0b", lesson.reviewed, a)
    pptx.make_pptx(deck, "t\x01", "f\x0b", lesson.reviewed, b)
    assert a.read_bytes() == b.read_bytes()
    assert not list(tmp_path.glob("*.part"))
    from pptx import Presentation

    mixed, bare = list(Presentation(str(a)).slides)[-2:]
    tops = [(sh.top, sh.has_table or sh.text_frame.text) for sh in mixed.shapes
            if sh.has_table or sh.name not in ("바닥글", "쪽 번호", "제목 밑줄")]
    assert [t for _, t in sorted(tops)] == ["섞인 상자", "위", True, "아래"]
    assert [sh.name for sh in bare.shapes if sh.is_placeholder] == [bare.shapes.title.name]


def test_summary_minutes_are_the_plans_for_every_lesson(real):
    for lesson in published(real):
        for level in range(kit.LEVELS):
            doc = kit.summary_document(real, lesson, ROOT / "fonts", level)
            assert doc.minutes == [p.minutes for p in lesson.phases], lesson.id
            assert re.findall(r'<td class="min">(\d+)</td>', doc.html) == \
                [str(p.minutes) for p in lesson.phases]
            assert "자세한 내용은 수업안" in words(doc.html)


# --- the real site -----------------------------------------------------------------------

def kit_dir(site, lesson):
    return site / lesson.url_dir / "kit"


def text_pages(path):
    import pymupdf

    with pymupdf.open(path) as pdf:
        return [p.get_text() for p in pdf]


def test_every_published_lesson_has_a_summary_slides_and_a_kit(built_site, real):
    for lesson in published(real):
        d = kit_dir(built_site, lesson)
        summary, slides = PdfReader(str(d / "summary.pdf")), PdfReader(str(d / "slides.pdf"))
        assert len(summary.pages) == 1, lesson.id
        box = summary.pages[0].mediabox
        assert abs(float(box.width) - A4[0]) < 1 and abs(float(box.height) - A4[1]) < 1
        assert len(slides.pages) >= 3
        for page in slides.pages:
            assert abs(float(page.mediabox.width) / float(page.mediabox.height) - 16 / 9) < 0.01
        for reader, what in ((summary, "수업 요약"), (slides, "수업 슬라이드")):
            root = reader.trailer["/Root"]
            assert root["/Lang"] == "ko" and root["/MarkInfo"]["/Marked"]
            assert "/StructTreeRoot" in root
            assert reader.metadata.title == f"{what}: {lesson.title}"
        # The summary's minutes, as printed, are the plan's.
        text = text_pages(d / "summary.pdf")[0]
        assert f"총 {sum(p.minutes for p in lesson.phases)}분" in text
        with zipfile.ZipFile(d / "kit.zip") as z:
            names = z.namelist()
        assert names[0].startswith("1 수업 요약") and names[1].startswith("2 슬라이드")
        assert all(not re.search(r'[/\\:*?"<>|]', n) for n in names)
        assert names[2] == f"2 슬라이드 (16대9) 편집용 - {kit.safe_name(lesson.title)}.pptx"
        assert names[2] == "2 " + kit.pptx_name(lesson)
        assert len(names) >= 3 + len(lesson.handout_files)
        page = (built_site / lesson.url_dir / "index.html").read_text("utf-8")
        assert "내일 수업 준비" in page and 'href="kit/summary.pdf"' in page
        assert f'download="{kit.pptx_name(lesson)}" href="kit/slides.pptx"' in page
        assert f'download="{kit.zip_name(lesson)}"' in page


def pdf_page_words(path):
    """Each page's words as poppler's pdftotext reads them (list marks • and "1." too)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    pages = out.replace("\u2060", "").replace("\u200b", "").split("\f")
    return [p.split() for p in pages if p.strip()]


def pptx_slide_words(slide):
    """A slide's words as the audience sees them: every text frame and table cell, with
    the marks PowerPoint draws (• and 1., 2., ...) and the slide-number field's value."""
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    words = []
    for shape in slide.shapes:
        frames = ([shape.text_frame] if shape.has_text_frame else []) + \
            ([c.text_frame for r in shape.table.rows for c in r.cells] if shape.has_table else [])
        for frame in frames:
            n = 0
            for p in frame.paragraphs:
                ppr = p._p.pPr
                if ppr is not None and ppr.find(a + "buAutoNum") is not None:
                    n += 1
                    words.append(f"{n}.")
                elif ppr is not None and ppr.find(a + "buChar") is not None:
                    words.append(ppr.find(a + "buChar").get("char"))
                    n = 0
                else:
                    n = 0  # a paragraph between two numbered lists: the next starts at 1
                words += p.text.split()
    return words


def test_every_lesson_has_a_pptx_saying_what_its_slides_pdf_says(built_site, real):
    """The PPTX beside the slides PDF: 16:9, one slide per PDF page with the same words,
    titles in title placeholders, 맑은 고딕 and ko-KR on every run, large type."""
    from pptx import Presentation
    from pptx.enum.shapes import PP_PLACEHOLDER

    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for lesson in published(real):
        d = kit_dir(built_site, lesson)
        prs = Presentation(str(d / "slides.pptx"))
        assert (prs.slide_width, prs.slide_height) == (12192000, 6858000), lesson.id  # 16:9
        pages = pdf_page_words(d / "slides.pdf")
        assert len(prs.slides) == len(pages) >= 3, lesson.id
        deck = slides.deck(real, lesson)
        for n, (slide, page, data) in enumerate(zip(prs.slides, pages, deck), 1):
            where = f"{lesson.id} slide {n}"
            # The same words in the same order (a table row by row, as poppler reads it).
            assert pptx_slide_words(slide) == page, where
            title = slide.shapes.title
            assert title is not None and title.text == data.title, where
            assert title.placeholder_format.type in (PP_PLACEHOLDER.TITLE,
                                                     PP_PLACEHOLDER.CENTER_TITLE)
            for shape in slide.shapes:
                for rpr in shape._element.iter(a + "rPr", a + "endParaRPr"):
                    assert rpr.get("lang") == "ko-KR", where
                    assert rpr.find(a + "latin").get("typeface") == "맑은 고딕", where
                    assert rpr.find(a + "ea").get("typeface") == "맑은 고딕", where
                    size = int(rpr.get("sz")) / 100
                    if shape == title:
                        assert size >= 40, where
                    elif shape.name not in ("바닥글", "쪽 번호"):
                        assert size >= 28, where
        with zipfile.ZipFile(d / "kit.zip") as z:
            [name] = [n for n in z.namelist() if n.endswith(".pptx")]
            assert z.read(name) == (d / "slides.pptx").read_bytes()
        assert prs.core_properties.language == "ko-KR"
        assert prs.core_properties.title == f"수업 슬라이드: {lesson.title}"


def test_teacher_copies_carry_the_band_on_every_page(built_site, real):
    copies = [d for d in documents(real, SITE_URL, ROOT / "fonts")
              if d.variant == "teacher" and d.handout.audience != "teacher"]
    assert copies
    for d in copies:
        for n, text in enumerate(text_pages(built_site / d.site_path), 1):
            # Across the top and at the start of the footer.
            assert text.count(TEACHER_BAND) >= 2, f"{d.site_path} page {n}"
    students = [d for d in documents(real, SITE_URL, ROOT / "fonts") if d.variant == "student"]
    assert all(TEACHER_BAND not in "".join(text_pages(built_site / d.site_path))
               for d in students[:10])


def test_kit_pdfs_are_drawn_not_blank_by_mupdf(built_site, real):
    import pymupdf

    for lesson in published(real)[::6]:
        for name in ("summary.pdf", "slides.pdf"):
            with pymupdf.open(kit_dir(built_site, lesson) / name) as pdf:
                for page in list(pdf)[:2]:
                    pix = page.get_pixmap(dpi=40, colorspace=pymupdf.csGRAY)
                    dark = sum(1 for b in pix.samples if b < 128)
                    assert dark > 0.005 * len(pix.samples), (lesson.id, name, page.number)


def test_kit_pdfs_pass_the_machine_checkable_pdf_ua_rules(built_site, real):
    import page

    lesson = next(l for l in real.lessons if l.id == "middle-deepfake-harm")
    teacher = next(d for d in documents(real, SITE_URL, ROOT / "fonts")
                   if d.lesson.id == lesson.id and d.variant == "teacher")
    paths = [kit_dir(built_site, lesson) / "summary.pdf", kit_dir(built_site, lesson) / "slides.pdf",
             built_site / teacher.site_path]
    for path in paths:
        report = page.validate_pdf(str(path), profile=page.ValidationProfile.PDF_UA_1)
        assert sorted({f.rule_id for f in report.failures}) == [], path
    if VERAPDF.exists() and shutil.which("java"):
        out = subprocess.run([str(VERAPDF), *map(str, paths)], capture_output=True, text=True,
                             timeout=600).stdout
        assert out.count("compliant=true") == len(paths), out[-2000:]


# --- the cache -----------------------------------------------------------------------------

@pytest.mark.pdf
def test_warm_rebuild_renders_no_kit_pdf(tmp_path):
    from curriculum.printing.build import build_print

    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "healthy", repo)
    shutil.copytree(ROOT / "fonts", repo / "fonts")
    first = build_print(check(repo), SITE_URL, repo / ".build", workers=1)
    assert first.kits and first.kit_stats.rendered >= 2 * len(first.kits)
    stamps = {k.pptx: k.pptx.stat().st_mtime_ns for k in first.kits.values()}
    again = build_print(check(repo), SITE_URL, repo / ".build", workers=1)
    assert again.kit_stats.rendered == 0 and again.stats.rendered == 0
    for k in again.kits.values():
        assert k.summary_pages == 1 and k.zip_path.exists()
        # The PPTX is not written again either.
        assert stamps[k.pptx] == k.pptx.stat().st_mtime_ns
    # Both builds (MkDocs and the staging for Zensical) take the one list of files.
    from curriculum.render.outputs import generated_files

    paths = {f.site_path for f in generated_files(check(repo), again)}
    assert all(k.site_dir + "slides.pptx" in paths for k in again.kits.values())
    assert not [f for f in again.report.findings if f.code == "kit-slide-overflow"]
    # A marked slide too long for one 16:9 page is reported (its PDF runs a page over).
    long = "\n".join(f"    - 아주 긴 슬라이드의 {n}번째 줄은 교실 뒤에서도 읽히도록 크게 쓰지만 이렇게 많으면 넘칩니다"
                     for n in range(1, 15))
    edit(repo, "lessons/middle/fake-photos/index.md", "- ◈ 활동지 1번\n",
         f"- ◈ 활동지 1번\n\n!!! slide \"너무 긴 슬라이드\"\n{long}\n")
    over = build_print(check(repo), SITE_URL, repo / ".build", workers=1)
    [f] = [f for f in over.report.findings if f.code == "kit-slide-overflow"]
    assert f.path == "lessons/middle/fake-photos/index.md" and f.severity == "warning"
