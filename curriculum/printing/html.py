"""A handout as HTML for print (A4, greyscale, Korean lines), alone or in a print pack.

Each sheet is an `<article>` on pages of its own name, whose footer names the sheet and
counts its own pages: the same article makes a handout's PDF and its part of a pack.
"""

from __future__ import annotations

import functools
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
from .links import display, qr_target, short_codes, short_path, targets

KIND_LABELS = {"worksheet": "활동지", "parent-letter": "가정통신문",
               "teacher-card": "교사용 요약 카드", "poster": "도움 안내 포스터"}
AUDIENCE_LABELS = {"student": "학생용", "parent": "학부모용", "teacher": "교사용"}
TAG_OR_TEXT = re.compile(r"(<[^>]+>)")
HANGUL = re.compile("[가-힣]")
# Collapsible white space only: a no-break space (U+00A0) that an editor typed between
# "성폭력처벌법" and "제14조의2" keeps the two inside one no-break word.
SPACE = re.compile(r"[ \t\n\r\f]+")
TOKEN = re.compile(r"[ \t\n\r\f]+|[^ \t\n\r\f]+")
CSS_PATH = Path(__file__).with_name("handout.css")
TEXT_FONT = "PretendardGOV-Regular.ttf"
# Printed across the top of every page of a teacher copy (a sheet with its answers) and
# at the start of its footer: a copy with answers must never end up in the class set.
TEACHER_BAND = "교사용 — 학생 배부 금지"


@functools.lru_cache(maxsize=16)
def fonts_chars(font_dir: Path, files: tuple) -> frozenset[int]:
    """Code points any of `files` (in fonts/) draws, with the text font's."""
    from fontTools.ttLib import TTFont

    chars = set(text_font_chars(font_dir))
    for name in files:
        with TTFont(str(font_dir / name), lazy=True) as font:
            chars.update(font.getBestCmap())
    return frozenset(chars)


@dataclass
class HandoutDoc:
    lesson: Lesson
    handout: Handout
    variant: str  # student | teacher: which version of the sheet this is
    title: str
    html: str  # the complete document of this sheet alone
    url: str | None  # the page the QR code leads to (None: no public address, no QR)
    edition: str
    site_path: str  # where the PDF lives in the site
    sheet: str = ""  # the sheet's <article>, to put in a print pack
    footer: str = ""
    short_url: str | None = None  # the short link printed under the QR code
    translation: object = None  # translations.Translation of a translated sheet

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


@functools.lru_cache(maxsize=4)
def text_font_chars(font_dir: Path) -> frozenset[int]:
    """Code points the text font draws; the others come from the symbols font."""
    from fontTools.ttLib import TTFont

    with TTFont(str(font_dir / TEXT_FONT), lazy=True) as font:
        return frozenset(font.getBestCmap())


def _symbols(word: str, covered: frozenset[int] | None) -> str:
    # A glyph of the symbols font (◎ ✂ ✔) sits on the text's line height: its own
    # taller ascent and descent would open up the line it is on.
    if covered is None or word.isascii():
        return word
    return "".join(f'<span class="sym">{c}</span>' if ord(c) not in covered else c
                   for c in word)


def _keep_words(text: str, covered: frozenset[int] | None) -> str:
    tokens = TOKEN.findall(text)
    spaces = [bool(SPACE.fullmatch(t)) for t in tokens]
    out = [t if space else f'<span class="w">{_symbols(t, covered)}</span>'
           if HANGUL.search(t) else _symbols(t, covered) for t, space in zip(tokens, spaces)]
    for i, token in enumerate(tokens):
        # A space between two elements (no-break spans, a symbol, a tag around the text)
        # is a text box of spaces alone, which WeasyPrint does not draw: the PDF's text
        # would run the words together. A zero-width space after it makes it drawn, as
        # a real space character, and keeps it a place to break the line (after, not
        # before it: WeasyPrint would leave a box's last space out of its width).
        if spaces[i] and (i == 0 or out[i - 1].endswith(">")) \
                and (i == len(tokens) - 1 or out[i + 1].startswith("<")):
            out[i] = " \u200b"
    return "".join(out)


INLINE = {"a", "abbr", "b", "cite", "code", "em", "i", "kbd", "mark", "q", "s", "samp",
          "small", "span", "strong", "sub", "sup", "u", "time"}


def keep_korean_words(html: str, covered: frozenset[int] | None = None) -> str:
    """Wrap each word holding Hangul in a no-break span. WeasyPrint has no
    `word-break: keep-all`, and a Korean word must never break across lines; the
    spaces between words stay real characters in the PDF's text. A word that markup
    cuts in two (`**할 수 있는 일**을`) is joined across it with a word joiner.
    Characters the text font lacks (`covered`: the code points it has) are marked
    for the symbols font."""
    parts = TAG_OR_TEXT.split(html)
    in_skip = 0
    before = ""  # the last character of text before this point, across inline tags only
    for i, part in enumerate(parts):
        if not part:
            continue
        if part.startswith("<"):
            name = part[1:].split()[0].rstrip(">").lower() if len(part) > 2 else ""
            if name in ("style", "script", "title"):
                in_skip += 1
            elif name in ("/style", "/script", "/title"):
                in_skip -= 1
            if name.lstrip("/").rstrip("/") not in INLINE:
                before = ""
            continue
        if in_skip:
            continue
        joined = (before and not SPACE.match(before) and not SPACE.match(part[0])
                  and (HANGUL.match(before) or HANGUL.match(part[0])))
        if HANGUL.search(part) or not part.isascii():
            parts[i] = _keep_words(("\u2060" if joined else "") + part, covered)
        elif joined:
            parts[i] = "\u2060" + part
        before = part[-1]
    return "".join(parts)


HEADING = re.compile(r"<h([1-6])([^>]*)>(.*?)</h\1>", re.S)


def bookmark_labels(html: str) -> str:
    """Each heading's plain text as its PDF bookmark (handout.css reads the attribute):
    the bookmark would otherwise carry the joiners that keep_korean_words adds."""
    def label(m: re.Match) -> str:
        text = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", m.group(3))).split())
        return (f'<h{m.group(1)}{m.group(2)} data-bookmark="{htmllib.escape(text)}">'
                f"{m.group(3)}</h{m.group(1)}>")
    return HEADING.sub(label, html)


def qr_data_uri(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#000")


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def sheet_css(n: int, footer: str, pages: int | None = None) -> str:
    """The pages of sheet `n`: its footer, and its own page count ("1 / 2쪽"); `pages`
    is given in a pack, where counter(pages) would count the whole pack."""
    total = f'"{pages}"' if pages else "counter(pages)"
    # A teacher copy's footer starts with the band (handout_document): its pages also get
    # the band across the top, in a margin box (an artifact, like the footer), in packs too.
    band = (f"  margin-top: 31mm; @top-center {{ content: {css_string(TEACHER_BAND)}; }}\n"
            if footer.startswith(TEACHER_BAND) else "")
    return (f".sheet-{n} {{ page: sheet-{n}; }}\n"
            f"@page sheet-{n} {{\n{band}  @bottom-left {{ content: {css_string(footer)}; }}\n"
            f"  @bottom-right {{ content: counter(page) \" / \" {total} \"쪽\"; }} }}\n"
            f"@page :nth(1 of sheet-{n}) {{ counter-reset: page 1; }}\n")


def document_html(title: str, description: str, font_dir: Path, sheets: list[str],
                  page_css: str, lang: str = "ko") -> str:
    css = CSS_PATH.read_text("utf-8").replace("FONT_DIR", font_dir.resolve().as_uri())
    esc = htmllib.escape
    return f"""<!doctype html>
<html lang="{esc(lang)}">
<head>
<meta charset="utf-8">
<title>{esc(title)}</title>
<meta name="description" content="{esc(description)}">
<meta name="author" content="전라남도교육청">
<meta name="generator" content="curriculum engine">
<style>{css}
{page_css}</style>
</head>
<body>
<main>
{"".join(sheets)}
</main>
</body>
</html>"""


IMG_SRC = re.compile(r'(<img\b[^>]*\bsrc=")([^"]+)(")')
IMAGE_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
               ".jpeg": "image/jpeg"}


def inline_images(html: str, folder: Path) -> str:
    """Pictures of a handout (e.g. `![그림: 자물쇠](../images/lock.svg)`) as data: URIs:
    the PDF is rendered away from the lesson folder, and its cache key (the hash of the
    HTML) then changes with the picture."""
    import base64

    def one(m: re.Match) -> str:
        src = htmllib.unescape(m.group(2))
        if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I):
            return m.group(0)
        path = (folder / src.split("#", 1)[0].split("?", 1)[0]).resolve()
        kind = IMAGE_TYPES.get(path.suffix.lower())
        if kind is None or not path.is_file():
            return m.group(0)
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"{m.group(1)}data:{kind};base64,{data}{m.group(3)}"

    return IMG_SRC.sub(one, html) if "<img" in html else html


def _qr(url: str | None, short_url: str | None, parents: bool) -> tuple[str, str]:
    """The QR code (floated right in the header) and the short link's line under it."""
    if not url:
        # No public address: no QR code, but the same room, so the sheet lays out as
        # the published one does and the page budget checked here is the real one.
        return '<div class="qr-box"></div>', '<div class="qr-link"></div>'
    esc = htmllib.escape
    what = "학부모 안내 페이지" if parents else "수업 페이지"
    box = (f'<div class="qr-box"><img class="qr" src="{qr_data_uri(url)}" '
           f'alt="{what}로 가는 QR 코드: {esc(url)}"></div>')
    if not short_url:
        return box, '<div class="qr-link"></div>'
    return box, (f'<p class="qr-link"><a href="{esc(short_url)}">'
                 f"{esc(display(short_url))}</a></p>")


def sheet_body(cur: Curriculum, body_md: str) -> tuple[str, bool]:
    """A sheet's Markdown as HTML for print, and whether it has its own h1. Macros come
    first: a placed block's headings are renumbered with the sheet's own."""
    from ..markdown_ext import CurriculumExtension

    md = markdown.Markdown(extensions=[
        "tables", "admonition", "attr_list", "md_in_html", "def_list",
        CurriculumExtension(reference=cur.reference)])
    body_md = for_print(expand(body_md, cur.reference))
    has_h1 = 1 in heading_levels(body_md)
    return md.convert(nest_markdown_headings(body_md, 1 if has_h1 else 2)), has_h1


def qr_urls(cur: Curriculum, site_url: str | None, target: str, codes=None):
    """(public address of `target`, its short link), or (None, None) without SITE_URL."""
    if not site_url:
        return None, None
    url = site_url.rstrip("/") + "/" + target
    codes = codes if codes is not None else short_codes(targets(cur))
    short = site_url.rstrip("/") + "/" + short_path(codes[target]) if target in codes else None
    return url, short


def handout_document(cur: Curriculum, lesson: Lesson, handout: Handout, variant: str,
                     site_url: str | None, font_dir: Path,
                     codes: dict[str, str] | None = None, fields: bool = False) -> HandoutDoc:
    """One sheet; with `fields`, a letter's blanks are empty slots (fill.py)."""
    track = cur.tracks[lesson.track]
    body_md = handout.body if variant == "teacher" else strip_teacher(handout.body)
    body, has_h1 = sheet_body(cur, body_md)
    if fields:
        from .fill import mark_fields
        body = mark_fields(body)
    body = inline_images(body, cur.root / handout.path.rsplit("/", 1)[0])
    target = qr_target(lesson, handout)
    url, short = qr_urls(cur, site_url, target, codes)
    ed = edition(lesson, handout)
    kind = KIND_LABELS.get(handout.kind, handout.kind)
    audience = "교사용" if variant == "teacher" else AUDIENCE_LABELS.get(handout.audience, "")
    copy = variant == "teacher" and handout.audience != "teacher"  # a teacher copy
    title = handout.title + (" (교사용)" if copy else "")
    name = handout.name + ("-teacher" if copy else "")
    footer = f"{lesson.title} · {kind} · 판 {ed} · {kdate(lesson.reviewed)}"
    if copy:
        footer = f"{TEACHER_BAND} · {footer}"
    large = " large" if track.grades and max(track.grades) <= 2 else ""
    esc = htmllib.escape
    qr, qr_link = _qr(url, short, target != lesson.url_dir)
    easy = " easy-read" if lesson.easy_read else ""
    sheet = f"""<article class="sheet sheet-SHEET_NO {esc(handout.kind)}{large}{easy}">
<header class="doc-head">
{qr}
<p class="meta">{esc(track.name)} · {esc(kind)} · {esc(audience)}</p>
{'' if has_h1 else f'<h1>{esc(title)}</h1>'}
<p class="source">수업: {esc(lesson.title)} · 판 {ed} · {kdate(lesson.reviewed)}</p>
{qr_link}
</header>
{body}
</article>
"""
    sheet = keep_korean_words(bookmark_labels(sheet), text_font_chars(font_dir.resolve()))
    doc = document_html(title, f"{lesson.title} {kind} ({audience})", font_dir,
                        [sheet.replace("SHEET_NO", "1")], sheet_css(1, footer))
    return HandoutDoc(lesson, handout, variant, title, doc, url, ed,
                      f"{lesson.url_dir}handouts/{name}.pdf", sheet, footer, short)


def documents(cur: Curriculum, site_url: str | None, font_dir: Path) -> list[HandoutDoc]:
    """Every printable sheet, in track and lesson order; worksheets and other student
    or parent sheets with answers also get a separate teacher copy."""
    from .source import has_teacher_content

    codes = short_codes(targets(cur)) if site_url else {}
    docs = []
    for track in cur.tracks:
        for lesson in cur.lessons_of(track, published_only=True):
            for h in lesson.handout_files:
                docs.append(handout_document(cur, lesson, h, "student" if h.audience != "teacher"
                                             else "teacher", site_url, font_dir, codes))
                if h.audience != "teacher" and has_teacher_content(h.body):
                    docs.append(handout_document(cur, lesson, h, "teacher", site_url, font_dir,
                                                 codes))
    return docs
