"""Everything printable, in one call: PDFs (cached), page-budget findings, packs."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import siteurl
from ..findings import Report
from .html import documents
from .docx import Letter, build_letters
from .packs import Pack, build_packs
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
    letters: list[Letter] = field(default_factory=list)  # 가정통신문 as DOCX

    def by_handout(self) -> dict:
        return {(r.doc.lesson.id, r.doc.handout.name, r.doc.variant): r for r in self.rendered}


def build_print(loaded, site_url: str | None, work_dir: Path, packs: bool = True,
                workers: int | None = None) -> PrintOutput:
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
    cache = work_dir / "pdf-cache"
    rendered, stats = render_all(docs, cache, font_dir, workers)
    prune(cache, [r.path for r in rendered])
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
    made = []
    if packs:
        # Pack PDFs are cached beside the handouts (pdf-cache/packs/), so removing
        # pdf-cache makes a cold build of both.
        made, n = build_packs(cur, rendered, work_dir / "packs", cache / "packs", font_dir,
                              workers, {x.pdf_site_path: x.path for x in letters})
        stats.rendered += n
        stats.reused += len(made) - n
    stats.seconds = time.perf_counter() - start
    return PrintOutput(rendered, made, stats, report, letters)
