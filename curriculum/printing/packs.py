"""Print packs for the field support team: per track and for the whole curriculum, a
ZIP of the PDFs in lesson order with a manifest, and one merged PDF for a print shop."""

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
from .html import AUDIENCE_LABELS, KIND_LABELS
from .pdf import RenderedPdf

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


def build_pack(key: str, title: str, items: list[RenderedPdf], out_dir: Path) -> Pack:
    from pypdf import PdfWriter

    out_dir.mkdir(parents=True, exist_ok=True)
    rows = manifest_rows(items)
    # The name carries the content hash: an unchanged pack is not rebuilt.
    digest = hashlib.sha256("".join(r.sha256 for r in items).encode()).hexdigest()[:12]
    zip_path, pdf_path = out_dir / f"{key}.zip", out_dir / f"{key}.pdf"
    stamp = out_dir / f"{key}.hash"
    if not (stamp.exists() and stamp.read_text() == digest and zip_path.exists()
            and pdf_path.exists()):
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
        merged = PdfWriter()
        for r in items:
            merged.append(str(r.path))
        merged.add_metadata({"/Title": title, "/Author": "전라남도교육청"})
        with open(pdf_path, "wb") as f:
            merged.write(f)
        stamp.write_text(digest)
    # The pack's date is that of its newest lesson review: it changes with its content.
    date = kdate(max((r.doc.lesson.reviewed for r in items if r.doc.lesson.reviewed),
                     default=None))
    return Pack(key, title, zip_path, pdf_path, len(items), sum(r.pages for r in items),
                zip_path.stat().st_size, pdf_path.stat().st_size, date)


def build_packs(cur: Curriculum, rendered: list[RenderedPdf], out_dir: Path) -> list[Pack]:
    packs = []
    for key, track in cur.tracks.items():
        items = [r for r in rendered if r.doc.lesson.track == key]
        if items:
            packs.append(build_pack(key, f"{track.name} 인쇄 꾸러미", items, out_dir))
    if rendered:
        packs.append(build_pack("all", "전체 교육과정 인쇄 꾸러미", rendered, out_dir))
    return packs
