"""Everything printable, in one call: PDFs (cached), page-budget findings, packs."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Report
from .html import documents
from .packs import Pack, build_packs
from .pdf import FONT_FILES, RenderedPdf, RenderStats, prune, render_all

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def site_url_from_env() -> str:
    # The same default as mkdocs.yml, so `check --pdf` and the build share one cache.
    return os.environ.get("SITE_URL") or DEFAULT_SITE_URL


@dataclass
class PrintOutput:
    rendered: list[RenderedPdf]
    packs: list[Pack]
    stats: RenderStats
    report: Report = field(default_factory=Report)

    def by_handout(self) -> dict:
        return {(r.doc.lesson.id, r.doc.handout.name, r.doc.variant): r for r in self.rendered}


def build_print(loaded, site_url: str, work_dir: Path, packs: bool = True,
                workers: int | None = None) -> PrintOutput:
    cur = loaded.curriculum
    font_dir = cur.root / "fonts"
    missing = [f for f in FONT_FILES if not (font_dir / f).is_file()]
    if missing:
        report = Report()
        report.add("fonts", 1, "fonts-missing", f"handout fonts missing: {', '.join(missing)}",
                   "restore fonts/ from the repository (Pretendard GOV OTF files)")
        return PrintOutput([], [], RenderStats(), report)
    docs = documents(cur, site_url, font_dir)
    cache = work_dir / "pdf-cache"
    rendered, stats = render_all(docs, cache, font_dir, workers)
    prune(cache, rendered)
    report = Report()
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
    made = []
    if packs:
        made = build_packs(cur, rendered, work_dir / "packs")
    return PrintOutput(rendered, made, stats, report)
