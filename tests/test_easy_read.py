"""The easy-read edition (쉬운 글): the `easy_read` field validates, the lessons are
published at every school level, and the finder and search can pick them out."""

import re

import pytest

from conftest import edit, FIXTURES, ROOT, check
from curriculum.printing.html import inline_images

LESSON = "lessons/middle/fake-photos/index.md"




def test_easy_read_is_true_or_false(healthy):
    edit(healthy, LESSON, "handouts: [worksheet]", "handouts: [worksheet]\neasy_read: true")
    loaded = check(healthy)
    assert not [f for f in loaded.report.findings if f.path == LESSON]
    lesson = next(l for l in loaded.curriculum.lessons if l.path == LESSON)
    assert lesson.easy_read is True
    edit(healthy, LESSON, "easy_read: true", "easy_read: 네")
    found = [f for f in check(healthy).report.findings if f.path == LESSON]
    assert [f.code for f in found] == ["invalid-easy_read"]
    assert "easy_read: true" in found[0].hint


def test_easy_read_is_off_unless_said(healthy):
    assert not any(l.easy_read for l in check(healthy).curriculum.lessons)


def test_schema_knows_easy_read():
    import json
    schema = json.loads((ROOT / "schema" / "lesson.schema.json").read_text("utf-8"))
    assert schema["properties"]["easy_read"]["type"] == "boolean"


@pytest.fixture(scope="module")
def cur():
    loaded = check(ROOT)
    assert not [f for f in loaded.report.findings if f.severity == "error"]
    return loaded.curriculum


def test_at_least_three_easy_read_lessons_are_published_one_per_school_level(cur):
    easy = [l for l in cur.lessons if l.easy_read and l.published]
    assert len(easy) >= 3
    levels = {l.track.split("-")[0] for l in easy}
    assert {"elementary", "middle", "high"} <= levels


def test_easy_read_lessons_have_a_poster_a_worksheet_and_pictures_with_alt_text(cur):
    for l in (l for l in cur.lessons if l.easy_read):
        kinds = {h.kind for h in l.handout_files}
        assert {"poster", "worksheet"} <= kinds, l.id
        assert "{{block:disclosure/lesson}}" in l.body, l.id
        pictures = re.findall(r"!\[([^\]]*)\]\(images/([^)]+\.svg)\)", l.body)
        assert pictures, l.id
        for alt, name in pictures:
            assert alt.strip(), (l.id, name)
            svg = (ROOT / l.url_dir / "images" / name).read_text("utf-8")
            assert "<title" in svg and 'role="img"' in svg, (l.id, name)


def test_a_handout_picture_goes_into_the_pdf_html_as_a_data_uri(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "lock.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (tmp_path / "handouts").mkdir()
    html = '<p><img alt="그림: 자물쇠" src="../images/lock.svg"> <img alt="x" src="data:,"></p>'
    out = inline_images(html, tmp_path / "handouts")
    assert 'src="data:image/svg+xml;base64,' in out and 'src="data:,"' in out
    assert inline_images('<img alt="y" src="../images/none.svg">', tmp_path / "handouts") \
        == '<img alt="y" src="../images/none.svg">'


def test_search_labels_easy_read_lessons(cur):
    from curriculum.searchindex import lesson_docs
    from curriculum.paths import page_url

    docs = {d["url"]: d for d in lesson_docs(cur, page_url)}
    for l in cur.lessons:
        d = docs[page_url(l.path)]
        assert ("쉬운 글" in d["label"]) == l.easy_read
        assert ("쉬운 글" in d["fields"]["audience"]) == l.easy_read


# --- on the built site ------------------------------------------------------------------

def test_easy_read_lesson_page_shows_the_badge(built_site, cur):
    for l in (l for l in cur.lessons if l.easy_read):
        html = (built_site / l.url_dir / "index.html").read_text("utf-8")
        assert 'class="badge badge--easy-read">쉬운 글<' in html, l.id
    plain = next(l for l in cur.lessons if not l.easy_read and l.published)
    assert "badge--easy-read" not in (built_site / plain.url_dir / "index.html").read_text("utf-8")


@pytest.mark.browser
def test_finder_filters_easy_read_lessons(browser, site_server, cur):
    easy = sorted(l.title for l in cur.lessons if l.easy_read and l.published)
    page = browser.new_page()
    page.goto(site_server + "lessons/")
    total = page.locator("#finder-list > li").count()
    box = page.get_by_label("쉬운 글 수업만", exact=True)
    assert box.is_visible()
    box.check()
    shown = page.locator("#finder-list > li:not([hidden])")
    assert shown.count() == len(easy) and len(easy) < total
    assert sorted(shown.nth(i).locator("a").first.inner_text() for i in range(shown.count())) == easy
    for i in range(shown.count()):
        assert shown.nth(i).get_attribute("data-easy") == "1"
        assert "쉬운 글" in shown.nth(i).inner_text()
    assert "easy=1" in page.url
    assert page.inner_text("#finder-count") == f"조건에 맞는 수업 {len(easy)}개 (전체 {total}개)"
    # With a school level: "and" across groups.
    page.get_by_label("중학교", exact=True).check()
    assert all(shown.nth(i).get_attribute("data-track") == "middle" for i in range(shown.count()))
    assert shown.count() >= 1
    # The address alone gives the same list.
    other = browser.new_page()
    other.goto(site_server + "lessons/?easy=1")
    assert other.locator("#finder-list > li:not([hidden])").count() == len(easy)
    other.close()
    page.close()


@pytest.mark.browser
def test_search_finds_easy_read_lessons_by_the_words_쉬운_글(browser, site_server, cur):
    page = browser.new_page()
    page.goto(site_server + "search/")
    page.wait_for_function("window.curriculumSearch !== undefined")
    r = page.evaluate("q => curriculumSearch.query(q, 10)", "쉬운 글")
    urls = [x["url"] for x in r["results"]]
    easy = [l for l in cur.lessons if l.easy_read and l.published]
    found = [l for l in easy if any(l.url_dir in u for u in urls)]
    assert len(found) == len(easy), urls
    page.close()


def test_only_easy_read_sheets_get_the_easy_read_print_rules(cur):
    from curriculum.printing.html import documents

    docs = documents(cur, None, ROOT / "fonts")
    for d in docs:
        head = re.search(r'<article class="([^"]*)"', d.html).group(1).split()
        assert ("easy-read" in head) == d.lesson.easy_read, d.site_path
    assert any(d.lesson.easy_read and d.handout.kind == "poster" for d in docs)
