"""axe-core (the copy bundled in axe-playwright-python) on one page of every kind the
site builds (each hand-written page, the finder, the topic list and a topic, track
lists, lessons of a student and an adult track, handouts, search), on a desktop and on
a phone (390 px: tables as cards, the drawer closed), and on the states scripts make
(search results, no result, the finder filtered, a handout's answers shown): no WCAG
2.2 A/AA violation that axe can detect. (axe costs about a second a page: every page
of a kind is built from the same template, and test_mobile.py walks them all.)"""

import pytest

from conftest import ROOT, check

pytestmark = [pytest.mark.browser, pytest.mark.site]

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pages():
    loaded = check(ROOT)
    cur = loaded.curriculum
    middle = cur.lessons_of("middle", published_only=True)
    lower = cur.lessons_of("elementary-lower", published_only=True)
    staff = cur.lessons_of("staff", published_only=True)
    docs = sorted(("" if d.site_path == "index.md" else d.site_path[: -len(".md")] + "/")
                  for d in loaded.docs)
    handout = f"{middle[0].url_dir}handouts/{middle[0].handout_files[0].name}/"
    parents = next(l for l in middle if any(h.audience == "parent" for h in l.handout_files))
    return docs + [
        "lessons/", "lessons/middle/", "lessons/staff/", "topics/", "topics/law/", "custom-pack/",
        middle[0].url_dir, middle[1].url_dir, lower[0].url_dir, staff[0].url_dir,
        handout, f"{lower[0].url_dir}handouts/{lower[0].handout_files[-1].name}/",
        f"{staff[0].url_dir}handouts/{staff[0].handout_files[0].name}/",
        "search/?q=딥페이크 신고", "search/?q=쀍쀍쀍", "lessons/?track=middle&topic=law",
        handout + "#answers", f"{parents.url_dir}parents/"]


PHONE_PAGES = ["", "lessons/", "lessons/middle/", "contacts/", "guides/help/", "custom-pack/",
               "search/?q=몰카"]


def violations(page, axe):
    page.wait_for_load_state("networkidle")
    if page.url.endswith("#answers"):
        page.get_by_label("교사용: 예시 답안 보기").check()
    result = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    return [(v["id"], v["impact"], [n["html"][:120] for n in v["nodes"][:3]])
            for v in result.response["violations"]]


@pytest.mark.parametrize("width", [1280, 390])
def test_no_axe_violations(browser, site_server, width):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = browser.new_page(viewport={"width": width, "height": 844})
    found = {}
    for url in (pages() if width > 390 else PHONE_PAGES):
        page.goto(site_server + url)
        v = violations(page, axe)
        if v:
            found[url] = v
    page.close()
    assert found == {}
