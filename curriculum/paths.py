"""The site's URL scheme in one place: where every generated page, handout PDF and
pack lives. The engine (link check), the renderers, printing and the MkDocs adapter all
ask here, so they agree by construction."""

from __future__ import annotations

import posixpath

from .model import Curriculum, Lesson

LESSONS_HOME = "lessons/index.md"
TOPICS_HOME = "topics/index.md"
COVERAGE = "coverage.md"
CONTACTS = "contacts.md"
RULES = "editors/language-rules.md"
FINDING_CODES = "editors/finding-codes.md"
PACKS = "packs.md"
CUSTOM_PACK = "custom-pack.md"  # 맞춤 꾸러미 만들기 (render/custompack.py)
SEARCH = "search.md"
HELP_PAGE = "guides/help.md"  # the students' help page ("도움이 필요할 때")


def for_maintainers(path: str) -> bool:
    """Pages for the people who keep the curriculum (coverage, the editors' guide): out
    of the menu (the footer links them) and behind the public pages in search."""
    return path == COVERAGE or path.startswith("editors/")


def shows_help_now(path: str) -> bool:
    """Pages with the "지금 도움이 필요해요" strip under their title: the home page,
    the guides (the help page among them) and the contacts page."""
    return path in ("index.md", CONTACTS) or path.startswith("guides/")
# Generated pages; coverage, contacts, packs and the wording rules are hand-written
# pages in docs/ with a generated table (render/directives.py).
STATIC_PAGES = (LESSONS_HOME, TOPICS_HOME, SEARCH, CUSTOM_PACK)


def link(src: str, dst: str) -> str:
    """Relative link from page `src` to page or file `dst` (both site paths)."""
    start = posixpath.dirname(src)
    if not (_plain(start) and _plain(dst)):
        return posixpath.relpath(dst, start or ".")
    # What posixpath.relpath gives for relative paths without "." or ".." parts,
    # without its two abspath() calls (each asks the OS for the working directory):
    # tens of thousands of links per build.
    a, b = [x for x in start.split("/") if x], [x for x in dst.split("/") if x]
    if not b:
        return posixpath.relpath(dst, start or ".")  # its error for an empty path
    i, n = 0, min(len(a), len(b))
    while i < n and a[i] == b[i]:
        i += 1
    return "/".join([".."] * (len(a) - i) + b[i:]) or "."


def _plain(path: str) -> bool:
    """A relative path none of whose parts is "." or ".."."""
    return not path.startswith("/") and ".." not in path and "./" not in path and \
        not path.endswith("/.") and path != "."


def catalog_path(track: str) -> str:
    return f"lessons/{track}/index.md"


def topic_path(topic: str) -> str:
    return f"topics/{topic}.md"


def handout_path(lesson: Lesson, name: str) -> str:
    return f"{lesson.url_dir}handouts/{name}.md"


def handout_pdf_path(lesson: Lesson, name: str) -> str:
    return f"{lesson.url_dir}handouts/{name}.pdf"


def pack_path(key: str, ext: str) -> str:
    return f"packs/{key}.{ext}"


def generated_paths(cur: Curriculum) -> set[str]:
    """Every page the engine generates (the link check accepts links to them)."""
    paths = set(STATIC_PAGES)
    paths.update(catalog_path(t) for t in cur.tracks)
    paths.update(topic_path(t) for t in cur.topics)
    for lesson in cur.lessons:
        paths.add(lesson.path)
        paths.update(handout_path(lesson, h.name) for h in lesson.handout_files)
        # Translated handouts' pages, and the families' page of each language.
        for h in lesson.handout_files:
            for tr in getattr(h, "translations", ()):
                paths.add(handout_path(lesson, f"{h.name}.{tr.lang}"))
                paths.add(f"parents/{tr.lang}.md")
    return paths


def page_url(path: str) -> str:
    """Site URL of a Markdown page with directory URLs: guides/help.md -> guides/help/."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"
