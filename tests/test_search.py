"""Korean search and the lesson finder, in a real browser (Debian's Chromium) on the
real built site: what a teacher on a school computer touches."""

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, check
from curriculum.searchindex import pieces, tokens

pytestmark = pytest.mark.site

EVAL = yaml.safe_load((Path(__file__).with_name("search_eval.yml")).read_text("utf-8"))


@pytest.fixture(scope="module")
def search_page(browser, site_server):
    page = browser.new_page()
    page.goto(site_server + "search/")
    page.wait_for_function("window.curriculumSearch !== undefined")
    yield page
    page.close()


def query(page, q, limit=10):
    return page.evaluate("([q, n]) => curriculumSearch.query(q, n)", [q, limit])


@pytest.mark.browser
def test_evaluation_set_hits_its_target(search_page):
    assert len(EVAL) >= 60
    hit1 = hit3 = 0
    times, misses = [], []
    for case in EVAL:
        r = query(search_page, case["q"], 3)
        urls = [x["url"] for x in r["results"]]
        times.append(r["ms"])
        if urls[:1] and urls[0] in case["expect"]:
            hit1 += 1
        if any(u in case["expect"] for u in urls):
            hit3 += 1
        else:
            misses.append((case["q"], urls))
    n = len(EVAL)
    report = {"queries": n, "hit@1": round(hit1 / n, 3), "hit@3": round(hit3 / n, 3),
              "mean_ms": round(sum(times) / n, 2), "max_ms": round(max(times), 2),
              "misses": misses}
    out = ROOT / ".build" / "search-eval.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print("\nsearch evaluation:", {k: v for k, v in report.items() if k != "misses"})
    assert report["hit@3"] >= 0.90, misses
    assert report["mean_ms"] < 50


@pytest.mark.browser
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
