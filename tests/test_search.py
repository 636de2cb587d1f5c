"""Korean search and the lesson finder, in a real browser (Debian's Chromium) on the
real built site: what a teacher on a school computer touches."""

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, check
from curriculum.searchindex import pieces, search, tokens

pytestmark = pytest.mark.site

EVAL = yaml.safe_load((Path(__file__).with_name("search_eval.yml")).read_text("utf-8"))
ASKERS = ("student", "parent")


@pytest.fixture(scope="module")
def search_page(browser, site_server):
    page = browser.new_page()
    page.goto(site_server + "search/")
    page.wait_for_function("window.curriculumSearch !== undefined")
    yield page
    page.close()


@pytest.fixture(scope="module")
def disk_search_page(browser, built_site):
    """The search page opened from disk (file://): no fetch, the index comes as a script."""
    page = browser.new_page()
    page.goto((built_site / "search" / "index.html").as_uri())
    page.wait_for_function("window.curriculumSearch !== undefined")
    yield page
    page.close()


@pytest.fixture(scope="module")
def loaded_cur():
    return check(ROOT).curriculum


def query(page, q, limit=10):
    return page.evaluate("([q, n]) => curriculumSearch.query(q, n)", [q, limit])


def hits(url, expect):
    """A result answers when it is an expected page; a question of a page (#…) also
    answers an expectation of the whole page."""
    return url in expect or ("#" in url and url.split("#", 1)[0] in expect)


def evaluate(page) -> dict:
    hit1 = hit3 = 0
    times, misses = [], []
    by_who: dict = {}
    for case in EVAL:
        r = query(page, case["q"], 3)
        urls = [x["url"] for x in r["results"]]
        times.append(r["ms"])
        who = case.get("who", "teacher")
        tally = by_who.setdefault(who, [0, 0])
        tally[1] += 1
        if urls[:1] and hits(urls[0], case["expect"]):
            hit1 += 1
        if any(hits(u, case["expect"]) for u in urls):
            hit3 += 1
            tally[0] += 1
        else:
            misses.append((case["q"], urls))
    n = len(EVAL)
    return {"queries": n, "hit@1": round(hit1 / n, 3), "hit@3": round(hit3 / n, 3),
            "hit@3_by_asker": {k: round(a / b, 3) for k, (a, b) in sorted(by_who.items())},
            "mean_ms": round(sum(times) / n, 2), "max_ms": round(max(times), 2),
            "misses": misses}


def test_evaluation_set_is_large_and_a_third_in_students_and_parents_words():
    assert len(EVAL) >= 100
    askers = [c for c in EVAL if c.get("who") in ASKERS]
    assert len(askers) * 3 >= len(EVAL)
    assert all(set(c) <= {"q", "expect", "who"} and c["expect"] for c in EVAL)


def test_evaluation_set_hits_its_target(search_page):
    report = evaluate(search_page)
    out = ROOT / ".build" / "search-eval.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print("\nsearch evaluation:", {k: v for k, v in report.items() if k != "misses"})
    assert report["hit@3"] >= 0.90, report["misses"]
    assert report["mean_ms"] < 50


def test_evaluation_set_hits_its_target_from_disk(disk_search_page):
    """The same queries on the site opened as files, as a school without a server has it."""
    report = evaluate(disk_search_page)
    assert report["hit@3"] >= 0.90, report["misses"]


def test_python_ranks_exactly_as_the_browser(search_page, built_site):
    """searchindex.search (what the tests and editors run) and search.js agree on every
    query of the set: the same pages in the same order, and the same count."""
    index = json.loads((built_site / "search" / "index.json").read_text("utf-8"))
    for case in EVAL:
        js = query(search_page, case["q"], 10)
        py = search(index, case["q"])
        assert [r["url"] for r in js["results"]] == [r["url"] for r in py[:10]], case["q"]
        assert js["total"] == len(py), case["q"]


def test_browser_and_index_normalise_words_the_same_way(search_page):
    words = sorted({w for case in EVAL for w in re.findall(r"\S+", case["q"])})
    words += ["딥페이크를", "학생에게", "신고하는", "「딥페이크」·“합성”", "피해학생에게", "Deepfakes"]
    for w in words:
        js = search_page.evaluate("w => curriculumSearch.tokenize(w)", w)
        assert js == tokens(w), w
        for t in js:
            assert search_page.evaluate("t => curriculumSearch.pieces(t)", t) == pieces(t)


@pytest.mark.browser
def test_particles_and_punctuation_do_not_hide_a_page(search_page):
    bare = [r["url"] for r in query(search_page, "딥페이크")["results"]]
    for q in ("딥페이크를", "딥페이크가", "「딥페이크」", "“딥페이크”는"):
        assert [r["url"] for r in query(search_page, q)["results"]][:3] == bare[:3], q
    deepfake_lessons = {l.url_dir for l in check(ROOT).curriculum.lessons
                        if "synthetic-media" in l.topics}
    assert deepfake_lessons & set(bare[:5])


@pytest.mark.browser
def test_results_show_track_and_grades(search_page, site_server):
    search_page.goto(site_server + "search/?q=" + "초등 3학년 개인정보 수업")
    search_page.wait_for_selector("#search-results li")
    first = search_page.locator("#search-results li").first
    assert "초등학교 3~4학년" in first.inner_text() and "3·4학년" in first.inner_text()
    assert "검색 결과" in search_page.inner_text("#search-status")


@pytest.mark.browser
def test_header_search_box_leads_to_results(browser, site_server):
    page = browser.new_page()
    page.goto(site_server)
    page.get_by_label("사이트 검색").fill("딥페이크를")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-results li")
    assert "/search/" in page.url
    page.close()


@pytest.mark.browser
def test_no_request_leaves_the_site(browser, site_server):
    page = browser.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith(site_server) and not r.url.startswith("data:") else None)
    for path in ("", "lessons/", "search/?q=신고", "lessons/middle/deepfake-harm/", "packs/"):
        page.goto(site_server + path)
        page.wait_for_load_state("networkidle")
    assert outside == []
    page.close()


@pytest.mark.browser
def test_finder_narrows_to_middle_school_45_minutes_law_in_two_clicks(browser, site_server):
    page = browser.new_page()
    page.goto(site_server + "lessons/")
    items = page.locator("#finder-list > li")
    total = items.count()
    assert page.inner_text("#finder-count") == f"전체 수업 {total}개"
    page.get_by_label("중학교", exact=True).check()
    page.get_by_label("디지털 성범죄와 법", exact=True).check()
    visible = page.locator("#finder-list > li:not([hidden])")
    n = visible.count()
    assert 0 < n < total
    for i in range(n):
        li = visible.nth(i)
        assert li.get_attribute("data-track") == "middle"
        assert li.get_attribute("data-minutes") == "45"
        assert "law" in li.get_attribute("data-topic").split()
    assert page.inner_text("#finder-count") == f"조건에 맞는 수업 {n}개 (전체 {total}개)"
    assert page.get_attribute("#finder-count", "role") == "status"
    page.get_by_role("button", name="조건 모두 지우기").click()
    page.wait_for_function(f"document.querySelectorAll('#finder-list > li:not([hidden])').length === {total}")
    page.close()


@pytest.mark.browser
def test_finder_works_by_keyboard(browser, site_server):
    page = browser.new_page()
    page.goto(site_server + "lessons/")
    box = page.get_by_label("학부모", exact=True)
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    shown = page.locator("#finder-list > li:not([hidden])")
    assert all(shown.nth(i).get_attribute("data-track") == "parents" for i in range(shown.count()))
    page.close()


def test_without_javascript_every_lesson_is_listed(built_site):
    html = (built_site / "lessons" / "index.html").read_text("utf-8")
    published = [l for l in check(ROOT).curriculum.lessons if l.published]
    assert len(re.findall(r'<li [^>]*data-track="', html)) == len(published)
    assert '<form id="lesson-finder" class="finder" hidden' in html  # shown by the script only


# --- what an asker sees ----------------------------------------------------------------

def open_search(page, base, q):
    page.goto(base + "search/?q=" + q)
    page.wait_for_function("document.getElementById('search-status').textContent !== ''")


def test_counts_are_honest_and_more_results_can_be_shown(browser, site_server, built_site):
    index = json.loads((built_site / "search" / "index.json").read_text("utf-8"))
    q = "딥페이크"
    total = len(search(index, q))
    assert total > 10
    page = browser.new_page()
    open_search(page, site_server, q)
    status = page.inner_text("#search-status")
    assert f"{total}건" in status and "10건" in status
    assert page.locator("#search-results > li").count() == 10
    page.get_by_role("button", name=re.compile("더 보기")).click()
    assert page.locator("#search-results > li").count() == min(20, total)
    assert page.evaluate("document.activeElement.closest('li') !== null")  # focus on result 11
    page.close()


def test_no_result_gives_help_numbers_and_ways_to_browse(browser, site_server):
    page = browser.new_page()
    open_search(page, site_server, "쀍쀍쀍")
    assert "결과가 없습니다" in page.inner_text("#search-status")
    none = page.locator("#search-none")
    assert none.is_visible()
    assert none.locator('a[href^="tel:"]').count() >= 3
    for name in ("수업 찾기", "연락처 모음", "도움이 필요할 때"):
        assert page.get_by_role("link", name=re.compile(name)).first.is_visible()
    assert not page.locator("#search-more").is_visible()
    page.close()


def test_a_students_question_lands_on_help_and_an_action_word_on_the_guides(search_page):
    first = [r["url"] for r in query(search_page, "친구가 내 사진을 합성했어요", 3)["results"]]
    assert "guides/help/" in first
    first = [r["url"] for r in query(search_page, "딥페이크 신고", 3)["results"]]
    assert all(u.startswith(("guides/", "contacts/")) for u in first), first
    assert query(search_page, "몰카")["results"], "a colloquial word finds the pages' word"


def test_catalogs_topics_questions_and_handouts_are_found(built_site, loaded_cur):
    index = json.loads((built_site / "search" / "index.json").read_text("utf-8"))
    urls = {d[0] for d in index["docs"]}
    cur = loaded_cur
    assert {f"lessons/{t}/" for t in cur.tracks} <= urls
    assert {f"topics/{t}/" for t in cur.topics} <= urls
    for lesson in cur.lessons:
        if lesson.published:
            assert {f"{lesson.url_dir}handouts/{h.name}/" for h in lesson.handout_files} <= urls
    questions = [u for u in urls if u.startswith("guides/faq/#")]
    assert len(questions) >= 10
    faq = (built_site / "guides" / "faq" / "index.html").read_text("utf-8")
    for u in questions:  # every deep link opens at its question
        assert f'id="{u.split("#", 1)[1]}"' in faq, u


def test_snippets_are_words_of_the_page_never_front_matter(built_site):
    index = json.loads((built_site / "search" / "index.json").read_text("utf-8"))
    for url, title, label, summary in index["docs"]:
        assert summary.strip(), url
        assert not re.search(r"^\s*(title|description|keywords|search)\s*:|^---|\{\{", summary), url


def test_answers_are_not_in_the_index(built_site, loaded_cur):
    """A handout is found by its words, not by its answers (teacher blocks)."""
    from curriculum.printing.source import TEACHER_START
    index = json.loads((built_site / "search" / "index.json").read_text("utf-8"))
    lesson = next(l for l in loaded_cur.lessons if l.published and any(
        TEACHER_START.match(x) for h in l.handout_files for x in h.body.split("\n")))
    h = next(h for h in lesson.handout_files if "!!! teacher" in h.body)
    answer = re.search(r'!!! teacher.*\n\s+(\S[^\n]{6,})', h.body).group(1)
    words = [w for w in re.findall(r"[가-힣]{4,}", answer)]
    assert words
    doc = [i for i, d in enumerate(index["docs"]) if d[0].endswith(f"handouts/{h.name}/")
           and d[0].startswith(lesson.url_dir)][0]
    own = {t for t, post in index["terms"].items() if doc in post[::2]}
    assert not all(tokens(w)[0] in own for w in words)


def test_search_words_table_is_checked(healthy):
    (healthy / "search.yml").write_text(
        "synonyms:\n  - ask: [을]\n    find: [불법 촬영]\n"
        "intents:\n  - id: act\n    ask: [신고]\n    pages: [guides/nowhere/]\n"
        "  - id: Bad Id\n    ask: [x]\n    pages: [guides/]\n"
        "sections: [guides/missing.md]\n", "utf-8")
    codes = {(f.code, f.line) for f in check(healthy).report.findings if f.path == "search.yml"}
    assert ("search-word-empty", 2) in codes
    assert ("search-page-unknown", 7) in codes
    assert ("search-page-unknown", 11) in codes
    assert any(code.startswith("spec") for code, line in codes if line == 8), codes


def test_search_works_from_disk(browser, built_site):
    page = browser.new_page()
    page.goto((built_site / "search" / "index.html").as_uri() + "?q=몰카")
    page.wait_for_selector("#search-results li a")
    href = page.get_attribute("#search-results li a", "href")
    assert href.startswith("file://") and "/index.html" in href
    page.click("#search-results li a")
    page.wait_for_load_state()
    assert page.url.startswith("file://") and "<h1" in page.content()
    page.close()


# --- the finder ---------------------------------------------------------------------------

def test_finder_keeps_its_filters_in_the_address_and_back_restores_them(browser, site_server):
    page = browser.new_page()
    page.goto(site_server + "lessons/")
    total = page.locator("#finder-list > li").count()
    page.get_by_label("중학교", exact=True).check()
    page.get_by_label("디지털 성범죄와 법", exact=True).check()
    assert "track=middle" in page.url and "topic=law" in page.url
    filtered = page.inner_text("#finder-count")
    assert filtered.startswith("조건에 맞는 수업")
    page.locator("#finder-list > li:not([hidden]) a").first.click()
    page.wait_for_load_state()
    page.go_back()
    page.wait_for_function("document.getElementById('finder-count').textContent.startsWith('조건')")
    assert page.inner_text("#finder-count") == filtered
    assert page.get_by_label("중학교", exact=True).is_checked()
    shown = page.locator("#finder-list > li:not([hidden])").count()
    assert 0 < shown < total
    # The address alone gives the same list (a bookmark, a shared link).
    other = browser.new_page()
    other.goto(page.url)
    assert other.inner_text("#finder-count") == filtered
    other.close()
    page.close()


def test_finder_says_what_to_do_when_nothing_matches(browser, site_server):
    page = browser.new_page()
    page.goto(site_server + "lessons/?track=elementary-lower&minutes=50")
    assert page.inner_text("#finder-count").startswith("조건에 맞는 수업 0개")
    assert page.locator("#finder-none").is_visible()
    page.close()


def test_finder_works_from_disk(browser, built_site):
    page = browser.new_page()
    page.goto((built_site / "lessons" / "index.html").as_uri())
    page.get_by_label("고등학교", exact=True).check()
    assert page.inner_text("#finder-count").startswith("조건에 맞는 수업")
    page.close()
