"""One pack per language for the field support team: a ZIP of every translated letter
in that language (track and lesson order) with a manifest, `packs/letters-<lang>.zip`.
Kept apart from packs.py (the Korean packs), which it does not change."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..translations import LANGS
from .pdf import RenderedPdf


@dataclass
class LangPack:
    lang: str
    zip_path: Path
    files: int
    size: int

    @property
    def site_path(self) -> str:
        return lang_pack_path(self.lang)


def lang_pack_path(lang: str) -> str:
    return f"packs/letters-{lang}.zip"


def build_lang_packs(translated: list[RenderedPdf], out_dir: Path) -> list[LangPack]:
    out_dir.mkdir(parents=True, exist_ok=True)
    packs = []
    for lang in LANGS:
        items = [r for r in translated if r.doc.translation.lang == lang]
        if not items:
            continue
        rows = []
        for i, r in enumerate(items, 1):
            t = r.doc.translation
            rows.append({"file": f"{i:02d}-{r.doc.lesson.track}-{r.doc.lesson.slug}-"
                                 f"{t.file_name}.pdf",
                         "title": t.title, "lesson": r.doc.lesson.title, "status": t.status,
                         "stale": t.stale, "pages": r.pages, "bytes": r.size,
                         "sha256": r.sha256})
        path = out_dir / f"letters-{lang}.zip"
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
        # Fixed dates: the same letters make the same ZIP, byte for byte.
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for r, row in zip(items, rows):
                z.writestr(zipfile.ZipInfo(row["file"], (2026, 1, 1, 0, 0, 0)),
                           r.path.read_bytes(), zipfile.ZIP_STORED)
            z.writestr(zipfile.ZipInfo("manifest.json", (2026, 1, 1, 0, 0, 0)),
                       json.dumps({"lang": lang, "language": LANGS[lang].name, "letters": rows},
                                  ensure_ascii=False, indent=2))
            z.writestr(zipfile.ZipInfo("manifest.csv", (2026, 1, 1, 0, 0, 0)),
                       "\ufeff" + buf.getvalue())
        packs.append(LangPack(lang, path, len(items), path.stat().st_size))
    return packs
