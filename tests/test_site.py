"""Build the real site into a temporary folder and check what teachers will get."""

import html
import re
from collections import Counter

import pytest

from conftest import REPO_URL, ROOT, check

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def built(built_site):
    return built_site


@pytest.fixture(scope="module")
def loaded():
    return check(ROOT)


def page(built, url_path):
    return (built / url_path / "index.html").read_text("utf-8")


def plain(text):
    return html.unescape(text)


def test_every_lesson_has_a_page_with_its_plan(built, loaded):
    cur = loaded.curriculum
    assert cur.lessons
    for lesson in cur.lessons:
        text = page(built, lesson.url_dir)
        assert '<html lang="ko"' in text
        assert f"<title>{lesson.title} - 디지털 성범죄 예방교육</title>" in plain(text)
        assert "<caption>수업 개요</caption>" in text
        assert re.search(r"<caption>교수·학습 과정 \(총 \d+분\)</caption>", text)
        assert '<th scope="row">도입</th>' in text or '<th scope="row">1차시 도입</th>' in text
        assert '<th scope="col">시간(분)</th>' in text
        assert 'id="도움-받을-곳"' in text and "help-block" in text
        words = plain(re.sub(r"<[^>]+>", "", text))  # a help number in it is a tel: link
        for objective in lesson.objectives:
            assert objective in words


def test_lesson_header_links_topics_and_edit_points_at_the_real_source(built, loaded):
    lesson = loaded.curriculum.lessons[0]
    text = page(built, lesson.url_dir)
    for t in lesson.topics:
        assert f'href="../../../topics/{t}/"' in text
    assert f'href="{REPO_URL}/edit/main/{lesson.path}"' in text
    guide = page(built, "guides/help")
    assert f'href="{REPO_URL}/edit/main/docs/guides/help.md"' in guide


def test_catalog_per_track_lists_every_published_lesson(built, loaded):
    cur = loaded.curriculum
    for key, track in cur.tracks.items():
        text = page(built, f"lessons/{key}")
        assert f"<caption>{track.name} 수업 목록</caption>" in text
        for lesson in cur.lessons_of(key, published_only=True):
            assert f'href="{lesson.slug}/"' in text
            minutes = track.minutes * lesson.periods
            assert f"{lesson.periods}{track.unit}({minutes}분)" in text


def test_topic_pages_and_coverage_matrix_agree_with_the_check(built, loaded):
    cur = loaded.curriculum
    text = page(built, "coverage")
    assert "<caption>학교급·대상 × 주제 충족 표</caption>" in text
    for track in cur.tracks.values():
        assert f">{track.name}</a></th>" in text
    shortfalls = [f for f in loaded.report.errors if f.code.startswith("coverage-")]
    assert ("부족한 곳" in text) == bool(shortfalls)
    assert text.count('class="cov-missing"') == sum(1 for f in shortfalls if f.code == "coverage-topic")
    for key in cur.topics:
        assert (built / "topics" / key / "index.html").exists()


def test_korean_heading_ids(built, loaded):
    lesson = loaded.curriculum.lessons[0]
    text = page(built, lesson.url_dir)
    assert re.search(r'<h2 id="도입-\d+분"', text)
    assert not re.search(r'id="_\d+"', text)


def test_skip_link_and_no_masthead(built):
    text = page(built, "")
    assert "본문 바로가기" in text
    assert "공식 전자정부 누리집" not in text


OFFSITE = re.compile(r"""<(script|link|img|iframe|source)\b[^>]*?\b(src|href)=["'](https?:)?//""",
                     re.I)


def test_no_request_leaves_the_site(built):
    for path in built.rglob("*.html"):
        text = path.read_text("utf-8")
        bad = [m.group(0) for m in OFFSITE.finditer(text)
               if "rel=\"canonical\"" not in m.group(0) and "rel=canonical" not in m.group(0)]
        assert not bad, f"{path}: {bad[:3]}"
    for css in built.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text("utf-8")), css
        assert "@import" not in css.read_text("utf-8") or "http" not in css.read_text("utf-8")
    fonts = list((built / "assets" / "fonts").glob("*.woff2"))
    assert len(fonts) == 2


def test_page_titles_are_unique(built):
    titles = Counter()
    for path in built.rglob("index.html"):
        m = re.search(r"<title>(.*?)</title>", path.read_text("utf-8"), re.S)
        titles[m.group(1).strip()] += 1
    assert [t for t, n in titles.items() if n > 1] == []


def test_navigation_stays_small(built, loaded):
    """Lessons are not in the navigation: a lesson page links to no other lesson page."""
    lesson = loaded.curriculum.lessons[0]
    text = page(built, lesson.url_dir)
    others = [l for l in loaded.curriculum.lessons if l.id != lesson.id]
    linked = [l for l in others if f"{l.track}/{l.slug}/\"" in text]
    assert linked == []


def test_data_tables_have_captions_and_column_scopes(built):
    for path in list(built.glob("guides/*/index.html")) + list(built.glob("lessons/*/*/index.html")):
        text = path.read_text("utf-8")
        for table in re.findall(r"<table\b.*?</table>", text, re.S):
            assert "<caption>" in table, path
            assert "<th>" not in table, path  # every header cell has a scope
            assert "markdown=" not in table, path


def test_search_index_holds_lessons(built, loaded):
    import json
    docs = json.loads((built / "search" / "index.json").read_text("utf-8"))["docs"]
    titles = {d[1] for d in docs}
    for lesson in loaded.curriculum.lessons:
        assert lesson.title in titles


def test_lesson_pages_offer_pdfs_that_say_type_and_size(built, loaded):
    for lesson in loaded.curriculum.lessons:
        text = plain(page(built, lesson.url_dir))
        for h in lesson.handout_files:
            if lesson.published:
                assert re.search(rf'href="handouts/{h.name}\.pdf">[^<]+ \(PDF, \d+ KB\)</a>', text)
                assert (built / lesson.url_dir / "handouts" / f"{h.name}.pdf").exists()
            assert f'href="handouts/{h.name}/"' in text  # the HTML view


def test_packs_page_lists_every_track_pack(built, loaded):
    text = plain(page(built, "packs"))
    for key, track in loaded.curriculum.tracks.items():
        if any(l.handout_files for l in loaded.curriculum.lessons_of(key, True)):
            assert re.search(rf'download="{track.name} 인쇄 꾸러미\.zip" href="{key}.zip">{track.name} 꾸러미 \(ZIP, [\d.]+ [KM]B\)', text)
            assert (built / "packs" / f"{key}.zip").exists() and (built / "packs" / f"{key}.pdf").exists()
    assert (built / "packs" / "all.zip").exists()


def test_every_guide_ends_with_the_help_block(built):
    for path in (ROOT / "docs" / "guides").glob("*.md"):
        text = page(built, f"guides/{path.stem}")
        assert 'id="도움-받을-곳"' in text and "help-block" in text, path.name
        assert 'href="../../contacts/"' in text


# --- facts said once (registries and macros) -------------------------------------------

PENALTY_WORDS = re.compile(r"\d+년 이(?:하|상)의 징역|무기징역|\d[\d,]*(?:억|천만|만) 원 이하의 (?:벌금|과태료)")
LAW_SPAN = re.compile(r'<span data-law="[^"]+">[^<]*</span>')


def _text_pages(built):
    for path in sorted(built.rglob("*.html")):
        yield path, path.read_text("utf-8")


def test_every_penalty_on_the_site_comes_from_the_law_registry(built):
    """Outside <span data-law> no page states a penalty: it was not typed by hand."""
    leaks = []
    for path, text in _text_pages(built):
        body = text.split('<article', 1)[-1]
        outside = LAW_SPAN.sub("", body)
        outside = re.sub(r"<code>.*?</code>", "", outside, flags=re.S)
        for m in PENALTY_WORDS.finditer(outside):
            leaks.append(f"{path.relative_to(built)}: {outside[max(0, m.start() - 40):m.end()]}")
    assert not leaks, "\n".join(leaks[:10])


def test_every_published_student_lesson_carries_the_same_disclosure_block(built, loaded):
    cur = loaded.curriculum
    seen: dict[str, set] = {}
    for lesson in cur.lessons:
        track = cur.tracks[lesson.track]
        if track.audience != "student" or not lesson.published:
            continue
        text = page(built, lesson.url_dir)
        blocks = re.findall(r'<div class="block" data-block="(disclosure/[^"]+)">(.*?)</div>',
                            text, re.S)
        assert blocks, f"{lesson.path} has no disclosure block"
        for key, inner in blocks:
            seen.setdefault(key, set()).add(re.sub(r"\s+", " ", inner).strip())
    for key, variants in seen.items():
        assert len(variants) == 1, f"{key} differs between lessons"


def test_law_guide_table_is_generated_from_the_registry(built, loaded):
    text = page(built, "guides/law")
    assert "law-table" in text
    for law in loaded.curriculum.reference.laws.values():
        assert f'data-law="{law.key}"' in text, law.key


def test_no_former_name_unmarked_on_the_site(built, loaded):
    from curriculum.macros import FORMER_MARK, former_names
    names = former_names(loaded.curriculum.reference)
    assert names
    for path, text in _text_pages(built):
        body = re.sub(r"<(pre|code)\b.*?</\1>", "", text.split('<article', 1)[-1], flags=re.S)
        body = html.unescape(re.sub(r"<[^>]+>", "", body))
        for old in names:
            for m in re.finditer(re.escape(old), body):
                assert FORMER_MARK.search(body[max(0, m.start() - 12):m.start()]), \
                    f"{path.relative_to(built)}: {body[max(0, m.start() - 30):m.end() + 10]}"


def test_finding_codes_page_explains_every_code(built):
    from curriculum.codes import CODES

    text = plain(page(built, "editors/finding-codes"))
    for c in CODES:
        assert f">{c.code}</code>" in text, c.code
    assert 'id="broken-link"' in text and "<caption>" in text
    assert 'href="../finding-codes/"' in page(built, "editors/lesson-format")
