"""Rendering handouts to PDF with WeasyPrint, cached by the hash of all they depend on.

The key of a PDF is the hash of its complete HTML (words, template, footer, QR code),
the CSS, the font files, the WeasyPrint version and the engine version: a rebuild with
nothing changed renders nothing; a change to one handout renders that one. Cold
renders use every core.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from .html import CSS_PATH, HandoutDoc

FONT_FILES = ("PretendardGOV-Regular.otf", "PretendardGOV-Bold.otf")


@dataclass
class RenderedPdf:
    doc: HandoutDoc
    path: Path  # the cached file
    pages: int
    size: int
    sha256: str


def _fingerprint(font_dir: Path) -> str:
    import weasyprint

    h = hashlib.sha256()
    h.update(__version__.encode())
    h.update(weasyprint.__version__.encode())
    h.update(CSS_PATH.read_bytes())
    for name in FONT_FILES:
        h.update(hashlib.sha256((font_dir / name).read_bytes()).digest())
    return h.hexdigest()


def cache_key(doc: HandoutDoc, fingerprint: str) -> str:
    return hashlib.sha256((fingerprint + doc.html).encode("utf-8")).hexdigest()


def _render(args) -> tuple[str, int]:
    """Worker: HTML -> tagged PDF (PDF/UA-1); returns (key, number of pages)."""
    key, html, title, out = args
    import weasyprint

    document = weasyprint.HTML(string=html, base_url=str(Path(out).parent)).render(
        pdf_variant="pdf/ua-1")
    tmp = out + ".tmp"
    document.write_pdf(tmp, pdf_variant="pdf/ua-1")
    os.replace(tmp, out)  # never leave half a PDF in the cache
    return key, len(document.pages)


@dataclass
class RenderStats:
    rendered: int = 0
    reused: int = 0
    seconds: float = 0.0


def render_all(docs: list[HandoutDoc], cache_dir: Path, font_dir: Path,
               workers: int | None = None) -> tuple[list[RenderedPdf], RenderStats]:
    import time

    start = time.perf_counter()
    cache_dir.mkdir(parents=True, exist_ok=True)
    fingerprint = _fingerprint(font_dir)
    keys = [cache_key(d, fingerprint) for d in docs]
    todo = {}
    for doc, key in zip(docs, keys):
        pdf, meta = cache_dir / f"{key}.pdf", cache_dir / f"{key}.json"
        if not (pdf.exists() and meta.exists()) and key not in todo:
            todo[key] = (key, doc.html, doc.title, str(pdf))
    stats = RenderStats(reused=len(docs) - len(todo))
    if todo:
        workers = workers or os.cpu_count() or 1
        jobs = list(todo.values())
        if workers > 1 and len(jobs) > 1:
            import multiprocessing as mp
            with mp.get_context("fork").Pool(min(workers, len(jobs))) as pool:
                results = pool.map(_render, jobs, chunksize=1)
        else:
            results = [_render(j) for j in jobs]
        for key, pages in results:
            (cache_dir / f"{key}.json").write_text(json.dumps({"pages": pages}))
        stats.rendered = len(jobs)
    out = []
    for doc, key in zip(docs, keys):
        pdf = cache_dir / f"{key}.pdf"
        data = pdf.read_bytes()
        pages = json.loads((cache_dir / f"{key}.json").read_text())["pages"]
        out.append(RenderedPdf(doc, pdf, pages, len(data), hashlib.sha256(data).hexdigest()))
    stats.seconds = time.perf_counter() - start
    return out, stats


def prune(cache_dir: Path, keep: list[RenderedPdf]) -> None:
    """Drop cached PDFs no longer used, so the cache does not grow for ever."""
    used = {p.path.stem for p in keep}
    for f in cache_dir.glob("*"):
        if f.stem not in used and f.suffix in (".pdf", ".json"):
            f.unlink(missing_ok=True)
