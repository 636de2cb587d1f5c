"""A handout as a complete HTML document for print (A4, greyscale, Korean lines)."""

from __future__ import annotations

import hashlib
import html as htmllib
import re
from dataclasses import dataclass
from pathlib import Path

import markdown

from ..model import Curriculum, Handout, Lesson
from ..render.text import kdate
from ..macros import expand
from .source import for_print, heading_levels, nest_markdown_headings, strip_teacher

KIND_LABELS = {"worksheet": "활동지", "parent-letter": "가정통신문",
               "teacher-card": "교사용 요약 카드", "poster": "도움 안내 포스터"}
AUDIENCE_LABELS = {"student": "학생용", "parent": "학부모용", "teacher": "교사용"}
TAG_OR_TEXT = re.compile(r"(<[^>]+>)")
HANGUL_WORD = re.compile(r"[^\s<>]*[가-힣][^\s<>]*")
CSS_PATH = Path(__file__).with_name("handout.css")


@dataclass
class HandoutDoc:
    lesson: Lesson
    handout: Handout
    variant: str  # student | teacher: which version of the sheet this is
    title: str
    html: str
    url: str  # the lesson's page on the site (the QR code's payload)
    edition: str
    site_path: str  # where the PDF lives in the site

    @property
    def audience(self) -> str:
        return "teacher" if self.variant == "teacher" else self.handout.audience


def lesson_url(site_url: str, lesson: Lesson) -> str:
    return site_url.rstrip("/") + "/" + lesson.url_dir


def edition(lesson: Lesson, handout: Handout) -> str:
    """Content hash of everything the sheet says: changes whenever its words change."""
    h = hashlib.sha256()
    for part in (lesson.title, lesson.body, handout.title, handout.kind, handout.audience,
                 handout.body, str(lesson.reviewed)):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:8]


def keep_korean_words(html: str) -> str:
    """Wrap each word holding Hangul in a no-break span. WeasyPrint has no
    `word-break: keep-all`, and a Korean word must never break across lines."""
    parts = TAG_OR_TEXT.split(html)
    in_skip = 0
    for i, part in enumerate(parts):
        if not part:
            continue
        if part.startswith("<"):
            name = part[1:].split()[0].rstrip(">").lower() if len(part) > 2 else ""
            if name in ("style", "script", "title"):
                in_skip += 1
            elif name in ("/style", "/script", "/title"):
                in_skip -= 1
            continue
        if not in_skip and re.search("[가-힣]", part):
            parts[i] = HANGUL_WORD.sub(lambda m: f'<span class="w">{m.group(0)}</span>', part)
    return "".join(parts)


def qr_data_uri(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#000")


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def handout_document(cur: Curriculum, lesson: Lesson, handout: Handout, variant: str,
                     site_url: str, font_dir: Path) -> HandoutDoc:
    from ..markdown_ext import CurriculumExtension

    track = cur.tracks[lesson.track]
    body_md = handout.body if variant == "teacher" else strip_teacher(handout.body)
    md = markdown.Markdown(extensions=[
        "tables", "admonition", "attr_list", "md_in_html", "def_list",
        CurriculumExtension(reference=cur.reference)])
    # Macros first: a placed block's headings are renumbered with the sheet's own.
    body_md = for_print(expand(body_md, cur.reference))
    has_h1 = 1 in heading_levels(body_md)
    body = md.convert(nest_markdown_headings(body_md, 1 if has_h1 else 2))
    url = lesson_url(site_url, lesson)
    ed = edition(lesson, handout)
    kind = KIND_LABELS.get(handout.kind, handout.kind)
    audience = "교사용" if variant == "teacher" else AUDIENCE_LABELS.get(handout.audience, "")
    copy = variant == "teacher" and handout.audience != "teacher"  # a teacher copy
    title = handout.title + (" (교사용)" if copy else "")
    name = handout.name + ("-teacher" if copy else "")
    footer = f"{lesson.title} · {kind} · 판 {ed} · {kdate(lesson.reviewed)}"
    large = " large" if track.grades and max(track.grades) <= 2 else ""
    css = CSS_PATH.read_text("utf-8").replace("FONT_DIR", font_dir.resolve().as_uri())
    esc = htmllib.escape
    doc = f"""<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<title>{esc(title)}</title>
<meta name="description" content="{esc(lesson.title)} {esc(kind)} ({esc(audience)})">
<meta name="author" content="전라남도교육청">
<meta name="generator" content="curriculum engine">
<style>{css}
@page {{ @bottom-left {{ content: {css_string(footer)}; }} }}
</style>
</head>
<body class="{esc(handout.kind)}{large}">
<header class="doc-head">
<img class="qr" src="{qr_data_uri(url)}" alt="수업 페이지 QR 코드: {esc(url)}">
<p class="meta">{esc(track.name)} · {esc(kind)} · {esc(audience)}</p>
{'' if has_h1 else f'<h1>{esc(title)}</h1>'}
<p class="source">수업: {esc(lesson.title)} · 판 {ed} · {kdate(lesson.reviewed)}</p>
</header>
<main>
{body}
</main>
</body>
</html>"""
    return HandoutDoc(lesson, handout, variant, title, keep_korean_words(doc), url, ed,
                      f"{lesson.url_dir}handouts/{name}.pdf")


def documents(cur: Curriculum, site_url: str, font_dir: Path) -> list[HandoutDoc]:
    """Every printable sheet, in track and lesson order; worksheets and other student
    or parent sheets with answers also get a separate teacher copy."""
    from .source import has_teacher_content

    docs = []
    for track in cur.tracks:
        for lesson in cur.lessons_of(track, published_only=True):
            for h in lesson.handout_files:
                docs.append(handout_document(cur, lesson, h, "student" if h.audience != "teacher"
                                             else "teacher", site_url, font_dir))
                if h.audience != "teacher" and has_teacher_content(h.body):
                    docs.append(handout_document(cur, lesson, h, "teacher", site_url, font_dir))
    return docs
