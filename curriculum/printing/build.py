"""Everything printable, in one call: PDFs (cached), page-budget findings, packs."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import siteurl
from ..findings import Report
from .html import documents
from .lang_packs import build_lang_packs
from .kit import Kit, build_kits
from .docx import Letter, build_letters
from .fill import FillTemplate, build_fill_font, build_fill_templates
from .packs import Pack, build_packs
from .translated import translation_documents
from .pdf import FONT_FILES, RenderedPdf, RenderStats, prune, render_all


def site_url_from_env() -> str | None:
    """SITE_URL, the site's public address; None when unset. There is no default:
    without a public address the handouts carry no QR code rather than a dead one."""
    return siteurl.from_env()


@dataclass
class PrintOutput:
    rendered: list[RenderedPdf]
    packs: list[Pack]
    stats: RenderStats
    report: Report = field(default_factory=Report)
    translated: list[RenderedPdf] = field(default_factory=list)  # translated handouts
    lang_packs: list = field(default_factory=list)  # lang_packs.LangPack
    kits: dict[str, Kit] = field(default_factory=dict)  # lesson id -> 내일 수업 준비 kit
    kit_stats: RenderStats = field(default_factory=RenderStats)
    letters: list[Letter] = field(default_factory=list)  # 가정통신문 as DOCX
    # The letters' fill templates and the font the custom pack draws with (fill.py).
    fills: list[FillTemplate] = field(default_factory=list)
    fill_font: Path | None = None

    def by_handout(self) -> dict:
        """(lesson id, handout name, variant) -> PDF; a translation's variant is its
        language key."""
        return {(r.doc.lesson.id, r.doc.handout.name, r.doc.variant): r
                for r in self.rendered + self.translated}


def check_glyphs(tdocs, font_dir: Path, report: Report) -> None:
    """A character of a translation that none of its fonts draws (say, a rare Han
    character outside the CJK subset) would print as an empty box."""
    import html as htmllib
    import re

    from .html import fonts_chars
    from .translated import FAMILIES

    sym = fonts_chars(font_dir.resolve(), ("NotoSansSymbols2-Regular.ttf",))
    for d in tdocs:
        t = d.translation
        files = tuple(f for fam in t.info.fonts for f, _ in FAMILIES[fam])
        covered = fonts_chars(font_dir.resolve(), files) | sym
        text = htmllib.unescape(re.sub(r"<[^>]+>", "", d.sheet))
        missing = sorted({c for c in text if ord(c) not in covered and not c.isspace()
                          and ord(c) not in (0x200B, 0x2060)})
        if missing:
            report.add(t.path, t.body_line, "translation-glyph-missing",
                       f"the handout fonts have no glyph for {''.join(missing[:20])} "
                       f"({', '.join(f'U+{ord(c):04X}' for c in missing[:5])})",
                       "use a common character, or add it to the font subset "
                       "(scripts/make_cjk_fonts.py, fonts/README.md)", severity="warning")


def build_print(loaded, site_url: str | None, work_dir: Path, packs: bool = True,
                workers: int | None = None, kits: bool | None = None) -> PrintOutput:
    """Handouts, then (with `packs`) the print packs and (with `kits`, by default as
    `packs`) each lesson's kit: summary, slides and ZIP."""
    start = time.perf_counter()
    cur = loaded.curriculum
    report = Report()
    font_dir = cur.root / "fonts"
    missing = [f for f in FONT_FILES if not (font_dir / f).is_file()]
    if missing:
        report.add("fonts", 1, "fonts-missing", f"handout fonts missing: {', '.join(missing)}",
                   "restore fonts/ from the repository (see fonts/README.md)")
        return PrintOutput([], [], RenderStats(), report)
    bad = siteurl.problem(site_url)
    if bad:
        report.add("mkdocs.yml", 1, "site-url-not-public",
                   f"SITE_URL {site_url!r}: {bad}; handouts are printed without a QR code",
                   "set SITE_URL to the site's public https address, or unset it")
        site_url = None
    docs = documents(cur, siteurl.normalise(site_url), font_dir)
    tdocs = translation_documents(cur, siteurl.normalise(site_url), font_dir)
    cache = work_dir / "pdf-cache"
    everything, stats = render_all(docs + tdocs, cache, font_dir, workers)
    rendered, translated = everything[:len(docs)], everything[len(docs):]
    prune(cache, [r.path for r in everything])
    check_glyphs(tdocs, font_dir, report)
    for r in translated:
        t = r.doc.translation
        # A translation runs longer than its source (glosses, Korean names kept): a
        # warning with its own code, not the Korean sheet's error.
        if r.pages > t.pages:
            report.add(t.path, t.pages_line, "translation-over-budget",
                       f"{r.doc.title} prints on {r.pages} A4 pages; its budget is {t.pages}"
                       f" (the Korean {t.source_path.rsplit('/', 1)[-1]}'s unless it sets "
                       "`pages:`)",
                       f"give the translation its own budget, `pages: {r.pages}`, or shorten it",
                       severity="warning")
    for r in rendered:
        h = r.doc.handout
        # The budget is the sheet as handed out; a teacher copy with answers may run longer.
        if r.doc.variant == "teacher" and h.audience != "teacher":
            continue
        if r.pages > h.pages:
            report.add(h.path, h.pages_line, "handout-over-budget",
                       f"{r.doc.title} prints on {r.pages} A4 pages; its budget is {h.pages}",
                       "shorten the text or tables, or raise `pages:` if the extra page is "
                       "really needed")
    # Every 가정통신문 also as an editable DOCX (cached in .build/docx/).
    letters = build_letters(cur, [r.doc for r in rendered], work_dir / "docx")
    # Their fill templates, for the custom pack (cached in pdf-cache/fill/).
    fills, n = build_fill_templates(cur, [r.doc for r in rendered], siteurl.normalise(site_url),
                                    font_dir, cache / "fill", workers)
    stats.rendered += n
    stats.reused += len(fills) - n
    fill_font = build_fill_font(font_dir, cache / "fill") if fills else None
    made = []
    if packs:
        # Pack PDFs are cached beside the handouts (pdf-cache/packs/), so removing
        # pdf-cache makes a cold build of both.
        made, n = build_packs(cur, rendered, work_dir / "packs", cache / "packs", font_dir,
                              workers, {x.pdf_site_path: x.path for x in letters})
        stats.rendered += n
        stats.reused += len(made) - n
    out = PrintOutput(rendered, made, stats, report)
    if packs if kits is None else kits:
        # Cached in pdf-cache/kit/ (like the packs, gone with pdf-cache: a cold build).
        kit_start = time.perf_counter()
        out.kits, n, reused = build_kits(cur, rendered, siteurl.normalise(site_url),
                                         work_dir / "kits", cache / "kit", font_dir, workers)
        out.kit_stats = RenderStats(n, reused, time.perf_counter() - kit_start)
        for k in out.kits.values():
            # A slide too long for its 16:9 page goes on over the next: the PDF is then
            # longer than the deck, and its page numbers are not the PPTX's.
            if k.slides_pages != k.slide_count:
                report.add(k.lesson.path, 1, "kit-slide-overflow",
                           f"the kit's slides PDF has {k.slides_pages} pages for "
                           f"{k.slide_count} slides: a slide runs over its 16:9 page",
                           "shorten the longest `!!! slide` box (4-5 lines fit) or split it in two")
    stats.seconds = time.perf_counter() - start
    lang = build_lang_packs(translated, work_dir / "packs") if packs else []
    out.translated, out.lang_packs, out.letters = translated, lang, letters
    out.fills, out.fill_font = fills, fill_font
    return out
