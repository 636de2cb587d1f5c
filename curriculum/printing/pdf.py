"""Rendering handouts to PDF with WeasyPrint, cached by the hash of all they depend on.

The key of a PDF is the hash of its complete HTML (words, template, footer, QR code),
the CSS, the font files, the code that adds to WeasyPrint's tags, the WeasyPrint
version and the engine version: a rebuild with nothing changed renders nothing; a
change to one handout renders that one (and the packs it is in). Cold renders use
every core.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from . import tagging
from .html import CSS_PATH, HandoutDoc

# Every font the handouts use (fonts/README.md): TrueType outlines only.
FONT_FILES = ("PretendardGOV-Regular.ttf", "PretendardGOV-Bold.ttf",
              "NotoSansSymbols2-Regular.ttf",
              # translated handouts (printing/translated.py): Latin and Vietnamese, Khmer,
              # Chinese (simplified), Japanese
              "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSansKhmer-Regular.ttf",
              "NotoSansKhmer-Bold.ttf", "NotoSansSC-Regular.ttf", "NotoSansJP-Regular.ttf")


@dataclass
class RenderedPdf:
    doc: HandoutDoc
    path: Path  # the cached file
    pages: int
    size: int
    sha256: str


@dataclass
class Job:
    key: str
    html: str
    out: str  # the cached file


def fingerprint(font_dir: Path) -> str:
    import weasyprint

    h = hashlib.sha256()
    h.update(__version__.encode())
    h.update(weasyprint.__version__.encode())
    h.update(CSS_PATH.read_bytes())
    h.update(Path(tagging.__file__).read_bytes())
    for name in FONT_FILES:
        h.update(hashlib.sha256((font_dir / name).read_bytes()).digest())
    return h.hexdigest()


def cache_key(html: str, fingerprint: str) -> str:
    return hashlib.sha256((fingerprint + html).encode("utf-8")).hexdigest()


def _render(job: Job) -> tuple[str, int]:
    """Worker: HTML -> tagged PDF (PDF/UA-1); returns (key, number of pages)."""
    import weasyprint

    tagging.install()
    document = weasyprint.HTML(string=job.html, base_url=str(Path(job.out).parent)).render(
        pdf_variant="pdf/ua-1")
    tmp = job.out + ".tmp"
    document.write_pdf(tmp, pdf_variant="pdf/ua-1")
    os.replace(tmp, job.out)  # never leave half a PDF in the cache
    return job.key, len(document.pages)


@dataclass
class RenderStats:
    rendered: int = 0
    reused: int = 0
    seconds: float = 0.0


def render_missing(jobs: list[Job], cache_dir: Path, workers: int | None = None,
                   render=_render) -> int:
    """Render the jobs whose PDF is not in the cache yet (the longest first, as their
    HTML is long, so a big pack does not start last); returns how many were rendered.
    `render` is the worker (the letters' fill templates write a sidecar too)."""
    todo = {}
    for job in jobs:
        if not (Path(job.out).exists() and (cache_dir / f"{job.key}.json").exists()):
            todo.setdefault(job.key, job)
    if not todo:
        return 0
    work = sorted(todo.values(), key=lambda j: -len(j.html))
    workers = workers or os.cpu_count() or 1
    if workers > 1 and len(work) > 1:
        import multiprocessing as mp
        with mp.get_context("fork").Pool(min(workers, len(work))) as pool:
            results = pool.map(render, work, chunksize=1)
    else:
        results = [render(j) for j in work]
    for key, pages in results:
        (cache_dir / f"{key}.json").write_text(json.dumps({"pages": pages}))
    return len(work)


def cached(cache_dir: Path, key: str) -> tuple[Path, int, bytes]:
    pdf = cache_dir / f"{key}.pdf"
    pages = json.loads((cache_dir / f"{key}.json").read_text())["pages"]
    return pdf, pages, pdf.read_bytes()


def render_all(docs: list[HandoutDoc], cache_dir: Path, font_dir: Path,
               workers: int | None = None) -> tuple[list[RenderedPdf], RenderStats]:
    import time

    start = time.perf_counter()
    cache_dir.mkdir(parents=True, exist_ok=True)
    fp = fingerprint(font_dir)
    keys = [cache_key(d.html, fp) for d in docs]
    jobs = [Job(k, d.html, str(cache_dir / f"{k}.pdf")) for d, k in zip(docs, keys)]
    rendered = render_missing(jobs, cache_dir, workers)
    stats = RenderStats(rendered=rendered, reused=len(docs) - rendered)
    out = []
    for doc, key in zip(docs, keys):
        pdf, pages, data = cached(cache_dir, key)
        out.append(RenderedPdf(doc, pdf, pages, len(data), hashlib.sha256(data).hexdigest()))
    stats.seconds = time.perf_counter() - start
    return out, stats


def prune(cache_dir: Path, keep: list[Path]) -> None:
    """Drop cached PDFs (and kit PPTX files) no longer used, so the cache does not grow
    for ever."""
    used = {p.stem for p in keep}
    for f in cache_dir.glob("*"):
        if f.stem not in used and f.suffix in (".pdf", ".json", ".pptx"):
            f.unlink(missing_ok=True)
