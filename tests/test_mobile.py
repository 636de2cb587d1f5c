"""The site on a teacher's phone (390 × 844), in a real browser (Debian's Chromium):
every built page fits the screen, help is one tap, a lesson's printables are at the
top, answers stay hidden on a student's sheet, the menu works by keyboard, and the
whole site works opened from disk."""

import re
import zipfile

import pytest

from conftest import ROOT, check

PHONE = {"width": 390, "height": 844}

# Sideways scroll of the page, and table cells narrower than 44 px that hold text and
# are not inside a box that scrolls sideways (a table wider than the screen may scroll
# in its own box; a table that does not scroll must fit).
LAYOUT = """() => {
  const out = {scroll: document.documentElement.scrollWidth - window.innerWidth, narrow: []};
  for (const cell of document.querySelectorAll('article td, article th')) {
    if (!cell.textContent.trim() || !cell.getClientRects().length) continue;
    let el = cell.parentElement, boxed = false;
    while (el && el !== document.body) {
      const s = getComputedStyle(el);
      if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
        boxed = true; break;
      }
      el = el.parentElement;
    }
    const w = cell.getBoundingClientRect().width;
    if (!boxed && w < 44) out.narrow.push(cell.textContent.trim().slice(0, 20) + ' (' + Math.round(w) + ' px)');
  }
  return out;
}"""


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def cur():
    return check(ROOT).curriculum


def built_pages(site):
    """Every page of the built site as its address ("" for the home page), less the
    short links under QR codes (q/…/), which only send the browser on."""
    out = []
    for path in sorted(site.rglob("*.html")):
        if 'http-equiv="refresh"' in path.read_text("utf-8")[:2000]:
            continue
        rel = path.relative_to(site).as_posix()
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return out


def test_every_page_fits_a_phone(phone, built_site, site_server):
    pages = built_pages(built_site)
    assert len(pages) > 100
    problems = []
    for url in pages:
        phone.goto(site_server + url)
        found = phone.evaluate(LAYOUT)
        if found["scroll"] > 0:
            problems.append(f"{url}: scrolls sideways by {found['scroll']} px")
        if found["narrow"]:
            problems.append(f"{url}: narrow cells {found['narrow'][:3]}")
    print(f"\n390 px: {len(pages)} pages checked")
    assert problems == [], "\n".join(problems[:20])


def registry_numbers(cur):
    return sorted({n for c in cur.contacts.values() for n in c.phone + ([c.text] if c.text else [])},
                  key=len, reverse=True)


NUMBERS_OUTSIDE_LINKS = """(numbers) => {
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  const re = new RegExp('(?<![\\\\w.,/:#-])(' + numbers.join('|') + ')(?![0-9A-Za-z_-]|[.,]\\\\d)');
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const link = node.parentElement.closest('a');
    if (link && /^(tel|sms):/.test(link.getAttribute('href') || '')) continue;
    if (node.parentElement.closest('h1,h2,h3,h4,h5,h6,code,script,style')) continue;
    const m = node.textContent.match(re);
    if (m) out.push(node.textContent.trim().slice(0, 60));
  }
  return out;
}"""


@pytest.mark.parametrize("url", ["guides/help/", "contacts/", "guides/incident-response/", ""])
def test_every_number_on_the_help_pages_is_one_tap(phone, site_server, cur, url):
    phone.goto(site_server + url)
    assert phone.evaluate(NUMBERS_OUTSIDE_LINKS, registry_numbers(cur)) == []
    strip = phone.locator(".help-now")
    assert strip.is_visible() and "지금 도움이 필요해요" in strip.inner_text()
    assert strip.bounding_box()["y"] < PHONE["height"], "the help strip is on the first screen"
    police = cur.contacts["police"].phone[0]
    assert phone.locator(f'.help-now a[href="tel:{police}"]').count() == 1
    texts = [c.text for c in cur.contacts.values() if c.text]
    for t in texts:  # a text-message service is an sms: link
        if t in strip.inner_text():
            assert phone.locator(f'.help-now a[href="sms:%23{t[1:]}"]').count() == 1


def test_home_and_response_guide_link_the_one_page_checklist(phone, site_server, cur):
    lesson_id, name = cur.site.checklist.split("/")
    lesson = next(l for l in cur.lessons if l.id == lesson_id)
    for url in ("", "guides/incident-response/"):
        phone.goto(site_server + url)
        pdf = phone.locator(f'.help-now a[href$="{lesson.url_dir}handouts/{name}.pdf"]')
        page = phone.locator(f'.help-now a[href$="{lesson.url_dir}handouts/{name}/"]')
        assert pdf.count() == 1 and re.search(r"\(PDF, \d+ KB\)", pdf.inner_text()), url
        assert page.count() == 1, url


def test_a_pdf_link_is_within_the_first_two_screens_of_every_lesson(phone, site_server, cur):
    late = []
    for lesson in cur.lessons:
        if not lesson.published or not lesson.handout_files:
            continue
        phone.goto(site_server + lesson.url_dir)
        first = phone.locator('article a[href$=".pdf"]').first
        y = first.evaluate("a => a.getBoundingClientRect().top + window.scrollY")
        if y > 2 * PHONE["height"]:
            late.append(f"{lesson.url_dir}: first PDF link at {y:.0f} px")
    assert late == []


def test_a_lesson_says_where_it_stands_and_has_contents_on_a_phone(phone, site_server, cur):
    # Easy-read (쉬운 글) versions are taught instead of a lesson: not in the sequence.
    seq = [l for l in cur.lessons_of("middle", published_only=True) if not l.easy_read]
    lesson = seq[1]
    phone.goto(site_server + lesson.url_dir)
    note = phone.locator(".admonition.info").first
    assert f"{len(seq)}개 가운데 2번째" in note.inner_text()
    assert "이 수업만 할 때" in note.inner_text()
    toc = phone.locator("details.page-toc")
    assert toc.is_visible()
    toc.locator("summary").click()
    targets = toc.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert len(targets) >= 4
    for href in targets:
        assert phone.locator(f'[id="{href[1:]}"]').count() == 1, href
    assert phone.get_by_role("button", name="이 수업안 인쇄하기").is_visible()


def test_a_students_sheet_on_screen_shows_no_answers(phone, site_server, cur):
    from curriculum.printing.source import has_teacher_content

    lesson, h = next((l, h) for l in cur.lessons if l.published for h in l.handout_files
                     if h.audience == "student" and has_teacher_content(h.body))
    phone.goto(site_server + f"{lesson.url_dir}handouts/{h.name}/")
    answers = phone.locator(".handout-sheet .teacher")
    assert answers.count() > 0
    visible = "els => els.filter(e => e.getClientRects().length > 0).length"
    assert answers.evaluate_all(visible) == 0
    phone.emulate_media(media="print")
    assert answers.evaluate_all(visible) == 0, "printing the student's view prints no answers"
    phone.emulate_media(media="screen")
    switch = phone.get_by_label("교사용: 예시 답안 보기")
    switch.check()
    assert answers.evaluate_all(visible) == answers.count()
    switch.uncheck()
    assert answers.evaluate_all(visible) == 0
    assert phone.locator('article a[href$="-teacher.pdf"]').count() == 1


def test_the_header_keeps_the_title_and_inputs_do_not_zoom(phone, site_server):
    phone.goto(site_server)
    title = phone.locator(".md-header__topic").first
    assert title.is_visible()
    assert title.evaluate("e => e.querySelector('.md-ellipsis').scrollWidth <= e.querySelector('.md-ellipsis').clientWidth + 1")
    phone.goto(site_server + "search/")
    size = phone.locator("#search-page-q").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 16


def test_menu_is_a_button_and_the_closed_drawer_is_out_of_the_tab_order(phone, site_server):
    phone.goto(site_server)
    button = phone.get_by_role("button", name="메뉴 열기")
    assert button.is_visible()
    # Tab from the top: every stop before the content is visible on the screen.
    phone.keyboard.press("Tab")
    for _ in range(8):
        box = phone.evaluate("""() => { const r = document.activeElement.getBoundingClientRect();
                                       return [r.left, r.right, r.width, r.height]; }""")
        assert box[2] > 0 and box[3] > 0 and box[1] > 0 and box[0] < PHONE["width"], box
        phone.keyboard.press("Tab")
    button.focus()
    phone.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    phone.wait_for_function("document.activeElement.closest('.md-sidebar--primary') !== null")
    phone.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert phone.evaluate("document.activeElement.id") == "menu-button"


def test_the_404_page_is_korean_with_ways_on(built_site):
    html = (built_site / "404.html").read_text("utf-8")
    assert '<html lang="ko"' in html and "페이지를 찾을 수 없습니다" in html
    assert "Not found" not in html
    for path in ("lessons/", "contacts/", "guides/help/", "search/"):
        assert f'href="/curriculum/{path}"' in html or f'action="/curriculum/{path}"' in html, path


def test_maintainers_pages_are_in_the_footer_not_the_menu(built_site):
    html = (built_site / "index.html").read_text("utf-8")
    tabs = html.split('class="md-tabs"', 1)[1].split("</nav>", 1)[0]
    assert "coverage/" not in tabs and "editors/" not in tabs
    footer = html.split('class="md-footer"', 1)[1]
    assert 'href="coverage/"' in footer and 'href="editors/lesson-format/"' in footer


ENGINE_WORDS = re.compile(r"\b[\w-]+\.(?:ya?ml|py|json)\b|\bmanifest\b|\bmake (?:site|check|serve)\b")


def test_public_pages_name_no_project_files(built_site):
    found = []
    for path in sorted(built_site.rglob("*.html")):
        rel = path.relative_to(built_site).as_posix()
        if rel.startswith(("editors/", "coverage/")):
            continue  # the maintainers' pages
        article = path.read_text("utf-8").split("<article", 1)[-1].split("</article>", 1)[0]
        text = re.sub(r"<[^>]+>", " ", article)
        for m in ENGINE_WORDS.finditer(text):
            found.append(f"{rel}: {m.group(0)}")
    assert found == []


def test_the_offline_copy_works_from_disk(browser, built_site, tmp_path):
    """make site writes the whole site as one ZIP; unpacked, it is browsed and searched
    from disk (file://), as a school without a network has it."""
    zpath = built_site / "offline" / "curriculum-site.zip"
    assert zpath.exists()
    page_html = (built_site / "offline" / "index.html").read_text("utf-8")
    size = zpath.stat().st_size
    assert re.search(r"\(ZIP, [\d.]+ [KM]B\)", page_html)
    with zipfile.ZipFile(zpath) as z:
        names = z.namelist()
        folder = names[0].split("/", 1)[0]
        assert f"{folder}/index.html" in names and f"{folder}/search/index.js" in names
        assert not any(n.endswith("curriculum-site.zip") for n in names)
        assert sum(1 for n in names if n.endswith(".pdf")) > 10
        z.extractall(tmp_path)
    root = tmp_path / folder
    page = browser.new_page(viewport=PHONE)
    page.goto((root / "index.html").as_uri())
    page.get_by_role("link", name=re.compile("수업 찾기")).first.click()
    page.wait_for_load_state()
    assert page.url.endswith("lessons/index.html") and "수업 찾기" in page.title()
    page.goto((root / "search" / "index.html").as_uri() + "?q=몰카")
    page.wait_for_selector("#search-results li a")
    assert "건" in page.inner_text("#search-status")
    page.close()
    assert size > 1024 * 1024
