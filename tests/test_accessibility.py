"""axe-core (the copy bundled in axe-playwright-python) on the pages teachers use most:
no WCAG 2.2 A/AA violation that axe can detect."""

import pytest

from conftest import ROOT, check

pytestmark = [pytest.mark.browser, pytest.mark.site]

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pages():
    cur = check(ROOT).curriculum
    lesson = cur.lessons_of("middle", published_only=True)[0]
    first = cur.lessons_of("elementary-lower", published_only=True)[0]
    parents = next(l for l in cur.lessons_of("middle", published_only=True)
                   if any(h.audience == "parent" for h in l.handout_files))
    return ["", "lessons/", "lessons/middle/", lesson.url_dir, first.url_dir,
            f"{lesson.url_dir}handouts/{lesson.handout_files[0].name}/",
            f"{parents.url_dir}parents/", "topics/",
            "coverage/", "contacts/", "packs/", "search/?q=딥페이크 신고", "guides/incident-response/",
            "guides/help/", "editors/lesson-format/", "editors/finding-codes/"]


@pytest.mark.parametrize("path", pages())
def test_no_axe_violations(browser, site_server, path):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    page.goto(site_server + path)
    page.wait_for_load_state("networkidle")
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    violations = [(v["id"], v["impact"], [n["html"][:120] for n in v["nodes"][:3]])
                  for v in result.response["violations"]]
    page.close()
    assert violations == []
