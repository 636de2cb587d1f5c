"""Print packs for the field support team: per track and for the whole curriculum, a
ZIP of the PDFs in lesson order with a manifest, and one PDF for a print shop.

The print-shop PDF is not the handout PDFs glued together (that loses their tags,
language and title): WeasyPrint renders it as one tagged document made of the sheets'
own HTML, each on its own pages with its own footer and page count, with a bookmark
per sheet and section. It is cached like a handout, by the hash of its HTML."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..model import Curriculum
from ..render.text import kdate
from .html import AUDIENCE_LABELS, KIND_LABELS, document_html, sheet_css
from .pdf import Job, RenderedPdf, cache_key, cached, fingerprint, prune, render_missing

CLASS_SIZE = 30


def copies(r: RenderedPdf) -> int:
    """Suggested copies for one class of 30: one each for students and families,
    one for the teacher, two posters (classroom and corridor)."""
    if r.doc.handout.kind == "poster":
        return 2
    return 1 if r.doc.audience == "teacher" else CLASS_SIZE


@dataclass
class Pack:
    key: str  # track key or "all"
    title: str
    zip_path: Path
    pdf_path: Path
    files: int
    pages: int
    zip_size: int
    pdf_size: int
    date: str


def manifest_rows(items: list[RenderedPdf]) -> list[dict]:
    rows = []
    for n, r in enumerate(items, 1):
        rows.append({
            "no": n, "file": Path(r.doc.site_path).name.replace(".pdf", "")
            + f"-{r.doc.lesson.slug}.pdf",
            "title": r.doc.title, "lesson": r.doc.lesson.title,
            "kind": KIND_LABELS.get(r.doc.handout.kind, r.doc.handout.kind),
            "audience": AUDIENCE_LABELS.get(r.doc.audience, r.doc.audience),
            "pages": r.pages, "bytes": r.size, "sha256": r.sha256,
            "copies_per_class_of_30": copies(r)})
    return rows


def pack_html(title: str, items: list[RenderedPdf], font_dir: Path) -> str:
    """One document of every sheet of the pack, each on pages of its own."""
    sheets, css = [], []
    for n, r in enumerate(items, 1):
        sheets.append(r.doc.sheet.replace("SHEET_NO", str(n)))
        css.append(sheet_css(n, r.doc.footer, r.pages))
    return document_html(title, f"{title}: 인쇄 자료 {len(items)}개 (전라남도교육청)", font_dir,
                         sheets, "".join(css))


def build_zip(key: str, items: list[RenderedPdf], out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = manifest_rows(items)
    # The stamp holds the content hash: an unchanged pack's ZIP is not written again.
    digest = hashlib.sha256("".join(r.sha256 for r in items).encode()).hexdigest()[:12]
    zip_path, stamp = out_dir / f"{key}.zip", out_dir / f"{key}.hash"
    if not (stamp.exists() and stamp.read_text() == digest and zip_path.exists()):
        with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:
            for row, r in zip(rows, items):
                name = f"{row['no']:03d}-{row['file']}"
                z.write(r.path, name)
            z.writestr("manifest.json", json.dumps(rows, ensure_ascii=False, indent=2))
            buf = io.StringIO()
            writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["no"])
            writer.writeheader()
            writer.writerows(rows)
            z.writestr("manifest.csv", "\ufeff" + buf.getvalue())  # BOM: Excel reads Korean
        stamp.write_text(digest)
    return zip_path


def build_packs(cur: Curriculum, rendered: list[RenderedPdf], out_dir: Path, cache_dir: Path,
                font_dir: Path, workers: int | None = None) -> tuple[list[Pack], int]:
    """Every pack (per track, then the whole curriculum); returns them and how many
    pack PDFs were rendered (the others came from `cache_dir`)."""
    groups = []
    for key, track in cur.tracks.items():
        items = [r for r in rendered if r.doc.lesson.track == key]
        if items:
            groups.append((key, f"{track.name} 인쇄 꾸러미", items))
    if rendered:
        groups.append(("all", "전체 교육과정 인쇄 꾸러미", rendered))
    cache_dir.mkdir(parents=True, exist_ok=True)
    fp = fingerprint(font_dir)
    jobs = []
    for key, title, items in groups:
        html = pack_html(title, items, font_dir)
        k = cache_key(html, fp)
        jobs.append(Job(k, html, str(cache_dir / f"{k}.pdf")))
    made = render_missing(jobs, cache_dir, workers)
    packs = []
    for (key, title, items), job in zip(groups, jobs):
        pdf, pages, data = cached(cache_dir, job.key)
        zip_path = build_zip(key, items, out_dir)
        # The pack's date is that of its newest lesson review: it changes with its content.
        date = kdate(max((r.doc.lesson.reviewed for r in items if r.doc.lesson.reviewed),
                         default=None))
        packs.append(Pack(key, title, zip_path, pdf, len(items), pages,
                          zip_path.stat().st_size, len(data), date))
    prune(cache_dir, [p.pdf_path for p in packs])
    return packs, made
