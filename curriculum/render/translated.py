"""The web pages of translated handouts and the families' page of each language.

- `lessons/<track>/<slug>/handouts/<name>.<lang>.md`: the translation on screen, inside
  a container with the language's `lang` (Material sets `<html lang="ko">` for the whole
  site), the draft banner in Korean and in the reader's language, its PDF first;
- `parents/<lang>.md`: every letter in that language, the multilingual help line first,
  and the language's pack for the field team; linked from the Korean parents' guide
  (`<!-- curriculum:translations -->`), each language named in its own script.
"""

from __future__ import annotations

import html as htmllib

from ..macros import expand
from ..model import Curriculum
from ..paths import link
from ..printing.links import translation_page_src
from ..printing.source import for_print, nest_markdown_headings, strip_teacher
from ..translations import DRAFT_KO, HELP_CONTACT, LANGS, languages_in_use, missing_translations
from .directives import size_label
from .pages import Page, front
from .text import esc


def language_page_src(lang: str) -> str:
    return f"parents/{lang}.md"


def _a(href: str, text: str, lang: str) -> str:
    """A Markdown link (MkDocs rewrites it to the page's address) in the language."""
    tag = LANGS[lang].tag
    return f'[{esc(text)}]({href}){{ lang="{tag}" hreflang="{tag}" }}'



def banner(tr) -> str:
    info = tr.info
    words = (f"{DRAFT_KO} · {esc(info.draft)}" if info.tag == "ko" else
             f'<span lang="ko">{DRAFT_KO}</span> · {esc(info.draft)}')
    return f'<p class="translation-draft" role="note"><strong>{words}</strong></p>\n'


def translation_page(cur: Curriculum, lesson, h, tr, pdfs: dict | None = None) -> Page:
    src = translation_page_src(lesson, tr)
    info = tr.info
    md = [front(tr.title, f"{lesson.title} ({info.name_ko})"),
          f'<div class="translation" lang="{info.tag}" markdown="1">\n',
          f"# {esc(tr.title)}\n"]
    if tr.draft:
        md.append(banner(tr))
    pdf = (pdfs or {}).get((lesson.id, h.name, tr.lang))
    links = []
    if pdf is not None:
        links.append(f"[PDF ({size_label(pdf.size)})]({link(src, pdf.doc.site_path)})")
    links.append(f'<span lang="ko">[한국어 원문]({link(src, f"{lesson.url_dir}handouts/{h.name}.md")})</span>')
    links.append(f"[{esc(info.letters)}]({link(src, language_page_src(tr.lang))})")
    md.append(" · ".join(links) + "\n")
    body = nest_markdown_headings(for_print(expand(strip_teacher(tr.body), cur.reference)))
    md.append(f'<div class="handout-sheet" markdown="1">\n\n{body.strip()}\n\n</div>\n')
    md.append("</div>\n")
    return Page(src, "\n".join(md), tr.path)


def translation_pages(loaded, printed=None) -> list[Page]:
    cur = loaded.curriculum
    pdfs = printed.by_handout() if printed is not None else None
    return [translation_page(cur, lesson, h, tr, pdfs) for lesson in cur.lessons
            if lesson.published for h in lesson.handout_files for tr in h.translations]


def language_page(cur: Curriculum, lang: str, printed=None) -> Page:
    info = LANGS[lang]
    src = language_page_src(lang)
    md = [front(f"{info.name}: {info.letters}", info.intro),
          f'<div class="translation" lang="{info.tag}" markdown="1">\n',
          f"# {esc(info.letters)}\n", f"{esc(info.intro)}\n"]
    danuri = cur.contacts.get(HELP_CONTACT)
    if danuri:
        md.append(f"**{esc(info.help)}:** {{{{contact:{HELP_CONTACT}}}}}\n")
    items = []
    for track in cur.tracks:
        for lesson in cur.lessons_of(track, published_only=True):
            for h in lesson.handout_files:
                for tr in h.translations:
                    if tr.lang != lang:
                        continue
                    pdf = (printed.by_handout() if printed else {}).get(
                        (lesson.id, h.name, lang))
                    extra = (f" · [PDF ({size_label(pdf.size)})]"
                             f"({link(src, pdf.doc.site_path)})" if pdf else "")
                    draft = f' <span lang="ko">({DRAFT_KO})</span>' if tr.draft else ""
                    items.append(f"- [{esc(tr.title)}]({link(src, translation_page_src(lesson, tr))})"
                                 f"{draft}{extra} — <span lang=\"ko\">{esc(cur.tracks[track].name)}"
                                 f" · {esc(lesson.title)}</span>")
    md += items + [""]
    pack = next((p for p in (printed.lang_packs if printed else []) if p.lang == lang), None)
    if pack:
        md.append(f"현장지원단용: 이 언어의 가정통신문 모음 [ZIP ({size_label(pack.size)}, "
                  f"{pack.files}개)]({link(src, pack.site_path)})\n{{: lang=\"ko\" }}\n")
    md.append(f'[한국어: 학부모 안내]({link(src, "guides/parents.md")}){{ lang="ko" }}\n')
    md.append("</div>\n")
    return Page(src, "\n".join(md))


def language_pages(loaded, printed=None) -> list[Page]:
    cur = loaded.curriculum
    return [language_page(cur, lang, printed) for lang in languages_in_use(cur)]


def language_links(cur: Curriculum, src: str, rules=None, printed=None) -> str:
    """`<!-- curriculum:translations -->`: each language with letters, in its own script."""
    langs = languages_in_use(cur)
    if not langs:
        return ""
    return ("**다른 언어로 읽기 · Other languages**\n\n"
            + "\n".join(f"- {_a(link(src, language_page_src(l)), LANGS[l].name, l)}"
                        f" ({esc(LANGS[l].name_ko)})" for l in langs) + "\n")


def lesson_translation_links(lesson, src: str) -> str:
    """The translations of a lesson's sheets for parents, for its page for parents."""
    lines = []
    for h in lesson.handout_files:
        for tr in h.translations:
            lines.append(f"- {_a(link(src, translation_page_src(lesson, tr)), tr.info.name, tr.lang)}"
                         f": {_a(link(src, translation_page_src(lesson, tr)), tr.title, tr.lang)}")
    if not lines:
        return ""
    return ("## 다른 언어로 읽기 (Other languages)\n\n" + "\n".join(lines) + "\n")


def translation_gaps(cur: Curriculum, src: str) -> str:
    """The coverage page's section on required translations (curriculum.yml)."""
    need = cur.site.translations or {}
    if not need:
        return ""
    gaps = missing_translations(cur)
    md = ["## 번역본\n",
          "요구: " + "; ".join(f"`{k}` → " + ", ".join(LANGS[l].name for l in v if l in LANGS)
                             for k, v in need.items()) + "\n"]
    if not gaps:
        md.append("모든 요구 번역본이 있습니다.\n")
    for lesson, h, missing in gaps:
        md.append(f"- [{esc(lesson.title)}]({link(src, lesson.path)}) `{h.name}`: 없음 — "
                  + ", ".join(f"{LANGS[l].name} ({l})" for l in missing))
    return "\n".join(md) + "\n"
