"""Builder independence: the staged site (`curriculum stage`) built by Zensical has the
same pages, the same lesson content and the same search index as the project's build,
and search and the lesson finder work in it."""

from __future__ import annotations

import functools
import html
import http.server
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT, SITE_URL

pytestmark = pytest.mark.site


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory, built_site):
    """The real site staged and built by Zensical (PDFs from the build's cache)."""
    from curriculum.stage import stage

    out = tmp_path_factory.mktemp("stage")
    stage(ROOT, out, SITE_URL)
    zensical = Path(sys.executable).with_name("zensical")
    result = subprocess.run([str(zensical), "build", "--strict", "-f", str(out / "mkdocs.yml")],
                            cwd=out, capture_output=True, text=True)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return out / "site"


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


ARTICLE = re.compile(r"<article[^>]*>(.*?)</article>", re.S)


def article_text(path: Path) -> str:
    """The words of a page's article: what a reader reads (no markup, no edit button)."""
    m = ARTICLE.search(path.read_text(encoding="utf-8"))
    assert m, path
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", m.group(1), flags=re.S)
    body = re.sub(r'<a [^>]*class="md-content__button[^>]*>.*?</a>', " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_same_pages(built_site, zensical_site):
    assert pages(zensical_site) == pages(built_site)


def test_same_pdfs_and_search_index(built_site, zensical_site):
    pdfs = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.pdf")}
    assert pdfs and pdfs == {p.relative_to(zensical_site).as_posix()
                             for p in zensical_site.rglob("*.pdf")}
    for name in ("search/index.json", "search/index.js"):
        assert (zensical_site / name).read_bytes() == (built_site / name).read_bytes()


def test_same_lesson_content(built_site, zensical_site):
    lessons = sorted(p for p in pages(built_site)
                     if p.startswith("lessons/") and p.count("/") == 3)
    assert len(lessons) > 20
    for rel in lessons:
        assert article_text(zensical_site / rel) == article_text(built_site / rel), rel
    page = (zensical_site / "lessons/middle/deepfake-harm/index.html").read_text("utf-8")
    assert "{{" not in page and "curriculum:" not in page  # macros, directives expanded
    assert 'href="tel:' in page


@pytest.fixture(scope="module")
def zensical_server(zensical_site):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(zensical_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.browser
def test_search_and_finder_work_in_the_zensical_site(browser, zensical_server, site_server):
    def results(base):
        page = browser.new_page()
        page.goto(base + "search/")
        page.wait_for_function("window.curriculumSearch !== undefined")
        r = page.evaluate("curriculumSearch.query('딥페이크 신고', 5)")
        page.close()
        return [x["url"] for x in r["results"]]

    found = results(zensical_server)
    assert found and found == results(site_server)
    page = browser.new_page()
    page.goto(zensical_server + "lessons/")
    total = page.locator("#finder-list > li").count()
    page.get_by_label("중학교", exact=True).check()
    shown = page.locator("#finder-list > li:not([hidden])")
    assert 0 < shown.count() < total
    assert all(shown.nth(i).get_attribute("data-track") == "middle"
               for i in range(shown.count()))
    page.close()


def test_the_list_of_every_lesson_stays_out_of_a_builders_own_search_index():
    """Zensical refuses a page whose text is over its search limit: the finder lists
    every lesson (1,000 of them in the bench), so it says `search: exclude`; each lesson
    is found on its own page, and the site's own index keeps the finder by its title."""
    import yaml

    from conftest import check
    from curriculum.render.pages import lessons_home
    page = lessons_home(check(ROOT).curriculum)
    meta = yaml.safe_load(page.markdown.split("---\n")[1])
    assert meta["search"] == {"exclude": True} and meta["title"] == "수업 찾기"
