"""Where a handout's QR code leads, and the short link printed under it.

- A sheet for parents (a 가정통신문, a parent session's card) leads to the lesson's page
  for parents (`lessons/<track>/<slug>/parents/`), never to the teacher's lesson plan;
  every other sheet leads to its lesson's page.
- Each such page has a short link `q/<code>/` to type on a phone: four lower-case
  letters without i, l and o (no digits, so no switching keyboards and no 0/o or 1/l
  to confuse), from a hash of the page's path: the same page keeps the same code from
  one build to the next. `q/<code>/index.html` sends the browser on to the page.
"""

from __future__ import annotations

import hashlib
import html
import posixpath

from ..model import Curriculum, Handout, Lesson

ALPHABET = "abcdefghjkmnpqrstuvwxyz"  # 23 letters: no i, l, o
CODE_LENGTH = 4
SHORT_DIR = "q"


def parents_page_src(lesson: Lesson) -> str:
    """The generated Markdown page for parents of a lesson (a virtual file)."""
    return f"{lesson.url_dir}parents.md"


def parents_page_url(lesson: Lesson) -> str:
    return f"{lesson.url_dir}parents/"


def has_parents_page(lesson: Lesson) -> bool:
    return lesson.published and any(h.audience == "parent" for h in lesson.handout_files)


def qr_target(lesson: Lesson, handout: Handout) -> str:
    """Site path (directory URL, relative to the site root) a sheet's QR code leads to."""
    if handout.audience == "parent":
        return parents_page_url(lesson)
    return lesson.url_dir


def translation_page_src(lesson: Lesson, tr) -> str:
    """The web page of a translated handout (handouts/parent-letter.vi.md)."""
    return f"{lesson.url_dir}handouts/{tr.file_name}.md"


def translation_page_url(lesson: Lesson, tr) -> str:
    return f"{lesson.url_dir}handouts/{tr.file_name}/"


def target_titles(cur: Curriculum) -> dict[str, str]:
    """Every page a printed QR code leads to (in a stable order) and its title; a
    translated sheet's code leads to its own page."""
    out: dict[str, str] = {}
    for track in cur.tracks:
        for lesson in cur.lessons_of(track, published_only=True):
            for h in lesson.handout_files:
                t = qr_target(lesson, h)
                out.setdefault(t, lesson.title if t == lesson.url_dir
                               else f"학부모님께: {lesson.title}")
            for h in lesson.handout_files:
                for tr in h.translations:
                    out.setdefault(translation_page_url(lesson, tr), tr.title)
    return out


def targets(cur: Curriculum) -> list[str]:
    return list(target_titles(cur))


def _code(path: str, length: int) -> str:
    n = int.from_bytes(hashlib.sha256(path.encode("utf-8")).digest(), "big")
    out = []
    for _ in range(length):
        n, r = divmod(n, len(ALPHABET))
        out.append(ALPHABET[r])
    return "".join(out)


def short_codes(paths: list[str]) -> dict[str, str]:
    """Path -> code. Two pages whose four letters collide (a chance of 1 in 279,841 for
    each pair) both get a longer code, so no other page's code depends on the set."""
    length = {p: CODE_LENGTH for p in paths}
    while True:
        seen: dict[str, list[str]] = {}
        for p in paths:
            seen.setdefault(_code(p, length[p]), []).append(p)
        clashes = [ps for ps in seen.values() if len(ps) > 1]
        if not clashes:
            return {p: _code(p, length[p]) for p in paths}
        for ps in clashes:
            for p in ps:
                length[p] += 1


def short_path(code: str) -> str:
    return f"{SHORT_DIR}/{code}/"


def display(url: str) -> str:
    """A URL as printed for typing: no scheme, no trailing slash."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            url = url[len(scheme):]
    return url.rstrip("/")


def redirect_page(code: str, target: str, title: str) -> str:
    """`q/<code>/index.html`: sends the browser on to `target` (relative, so it works
    at any address and in a local copy), and says where to for anyone it does not."""
    rel = posixpath.relpath(target, short_path(code)) + "/"
    t, r = html.escape(title), html.escape(rel)
    return f"""<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={r}">
<title>바로 가기: {t}</title>
</head>
<body>
<main>
<h1>바로 가기</h1>
<p><a href="{r}">{t}</a> 페이지로 이동합니다.</p>
</main>
</body>
</html>
"""
