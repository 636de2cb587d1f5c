"""Translated handouts (curriculum/translations.py) as print documents: the same sheet
as the Korean one, with the language's tag on the document (the PDF's /Lang), the fonts
that draw its script first (Pretendard GOV after them for Korean names and glosses), a
draft banner in Korean and in the reader's language, and a QR code that leads to the
translation's own web page."""

from __future__ import annotations

import hashlib
import html as htmllib
from pathlib import Path

from ..model import Curriculum, Handout, Lesson
from ..render.text import kdate
from ..translations import DRAFT_KO, Translation
from .html import (KIND_LABELS, HandoutDoc, _qr, qr_urls, sheet_body, bookmark_labels, document_html,
                   fonts_chars, keep_korean_words, sheet_css)
from .links import short_codes, targets, translation_page_url
from .source import strip_teacher

# Font family (as handout.css and the @font-face rules below name it) -> files, weights.
FAMILIES = {
    "Handout Noto Sans": (("NotoSans-Regular.ttf", 400), ("NotoSans-Bold.ttf", 700)),
    "Handout Noto Sans Khmer": (("NotoSansKhmer-Regular.ttf", 400),
                                ("NotoSansKhmer-Bold.ttf", 700)),
    # One weight kept for CJK (fonts/README.md): bold text uses the same outlines.
    "Handout Noto Sans SC": (("NotoSansSC-Regular.ttf", 400), ("NotoSansSC-Regular.ttf", 700)),
    "Handout Noto Sans JP": (("NotoSansJP-Regular.ttf", 400), ("NotoSansJP-Regular.ttf", 700)),
}
TRANSLATION_FONTS = tuple(sorted({f for faces in FAMILIES.values() for f, _ in faces}))


def font_css(tr: Translation, font_dir: Path) -> str:
    fams = tr.info.fonts
    rules = [f'@font-face {{ font-family: "{fam}"; font-weight: {w}; '
             f'src: url("{(font_dir / f).resolve().as_uri()}"); }}'
             for fam in fams for f, w in FAMILIES[fam]]
    stack = ", ".join(f'"{f}"' for f in fams + ("Handout Pretendard GOV", "Handout Symbols"))
    rules.append(f"html {{ font-family: {stack}; }}")
    rules.append(f"@page {{ @bottom-left {{ font-family: {stack}; }} "
                 f"@bottom-right {{ font-family: {stack}; }} }}")
    rules.append(".draft-banner { border: 1.5pt solid #000; padding: 1mm 3mm; margin: 1mm 0 2mm; "
                 "font-weight: 700; font-size: 10pt; }")
    return "\n".join(rules) + "\n"


def edition(lesson: Lesson, tr: Translation) -> str:
    h = hashlib.sha256()
    for part in (lesson.title, tr.title, tr.lang, tr.status, tr.body, tr.source_hash,
                 str(lesson.reviewed)):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:8]


def draft_banner(tr: Translation) -> str:
    """The words of the draft banner: Korean first, then the reader's language."""
    info = tr.info
    if info.tag == "ko":
        return f"{DRAFT_KO}: {info.draft}"
    return f'<span lang="ko">{DRAFT_KO}</span> · {htmllib.escape(info.draft)}'


def translation_document(cur: Curriculum, lesson: Lesson, handout: Handout, tr: Translation,
                         site_url: str | None, font_dir: Path,
                         codes: dict[str, str] | None = None) -> HandoutDoc:
    info = tr.info
    track = cur.tracks[lesson.track]
    body, has_h1 = sheet_body(cur, strip_teacher(tr.body))
    url, short = qr_urls(cur, site_url, translation_page_url(lesson, tr), codes)
    ed = edition(lesson, tr)
    kind = KIND_LABELS.get(handout.kind, handout.kind)
    footer = f"{lesson.title} · {kind} · {info.name} · 판 {ed} · {kdate(lesson.reviewed)}"
    esc = htmllib.escape
    qr, qr_link = _qr(url, short, True)
    banner = (f'<p class="draft-banner" role="note">{draft_banner(tr)}</p>\n'
              if tr.draft else "")
    sheet = f"""<article class="sheet sheet-SHEET_NO {esc(handout.kind)} translation">
<header class="doc-head">
{qr}
<p class="meta"><span lang="ko">{esc(track.name)} · {esc(kind)}</span> · {esc(info.name)}</p>
{'' if has_h1 else f'<h1>{esc(tr.title)}</h1>'}
<p class="source"><span lang="ko">수업: {esc(lesson.title)} · 판 {ed} · {kdate(lesson.reviewed)}</span></p>
{qr_link}
</header>
{banner}{body}
</article>
"""
    covered = fonts_chars(font_dir.resolve(), tuple(f for fam in info.fonts
                                                    for f, _ in FAMILIES[fam]))
    sheet = keep_korean_words(bookmark_labels(sheet), covered)
    doc = document_html(tr.title, f"{lesson.title} {kind} ({info.name})", font_dir,
                        [sheet.replace("SHEET_NO", "1")],
                        font_css(tr, font_dir) + sheet_css(1, footer), lang=info.tag)
    return HandoutDoc(lesson, handout, tr.lang, tr.title, doc, url, ed,
                      f"{lesson.url_dir}handouts/{tr.file_name}.pdf", sheet, footer, short,
                      translation=tr)


def translation_documents(cur: Curriculum, site_url: str | None,
                          font_dir: Path) -> list[HandoutDoc]:
    codes = short_codes(targets(cur)) if site_url else {}
    return [translation_document(cur, lesson, h, tr, site_url, font_dir, codes)
            for track in cur.tracks for lesson in cur.lessons_of(track, published_only=True)
            for h in lesson.handout_files for tr in h.translations]
