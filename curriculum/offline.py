"""The whole built site as one ZIP (offline/curriculum-site.zip), for a school that
opens it from disk: every page, PDF and pack, the search index as a script
(search/index.js) and site.js, which makes folder links open their index.html when
the site is opened from a file (file://).

Written after the site is built (the MkDocs adapter's on_post_build; `make site`).
The offline page's link then gets the ZIP's size; inside the ZIP the same page says
that this copy is the download itself.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

ZIP = "offline/curriculum-site.zip"
PAGE = "offline/index.html"
SIZE_MARK = "<!--offline-size-->"
LINK_START, LINK_END = "<!--offline-link-->", "<!--/offline-link-->"
IN_COPY = "<p>지금 보고 있는 것이 내려받은 누리집입니다.</p>"
# Already compressed: stored as they are (deflating them again costs time, saves nothing).
STORED = {".pdf", ".zip", ".woff2", ".png", ".jpg", ".jpeg", ".gz"}
FOLDER = "디지털 성범죄 예방교육"  # the folder the ZIP unpacks into


def size_words(n: int) -> str:
    return f"{max(1, round(n / 1024))} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def write_offline_zip(site: Path) -> Path | None:
    """Zip `site` into site/offline/curriculum-site.zip and put its size on the offline
    page; None when the site has no offline page (a fixture without docs/offline.md)."""
    site = Path(site)
    page = site / PAGE
    if not page.is_file():
        return None
    target = site / ZIP
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".zip.part")
    html = page.read_text("utf-8")
    copy = html
    if LINK_START in html and LINK_END in html:
        head, rest = html.split(LINK_START, 1)
        copy = head + IN_COPY + rest.split(LINK_END, 1)[1]
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for dirpath, dirnames, names in os.walk(site):
            dirnames.sort()
            for name in sorted(names):
                path = Path(dirpath) / name
                rel = path.relative_to(site).as_posix()
                if rel in (ZIP, ZIP + ".part") or path == tmp:
                    continue
                arc = f"{FOLDER}/{rel}"
                if rel == PAGE:
                    z.writestr(arc, copy)
                    continue
                kind = zipfile.ZIP_STORED if path.suffix.lower() in STORED else zipfile.ZIP_DEFLATED
                z.write(path, arc, compress_type=kind)
    tmp.replace(target)
    page.write_text(html.replace(SIZE_MARK, ", " + size_words(target.stat().st_size)), "utf-8")
    return target
