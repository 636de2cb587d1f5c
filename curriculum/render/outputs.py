"""Everything the engine adds to a site, in one list: the generated pages and the files
(PDFs, packs, kits, letters, the search index, lesson pictures, short links). The MkDocs
adapter hands them over as virtual files; `curriculum stage` writes them into a folder
for another builder. One list, so the two builds cannot drift apart."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..printing.links import redirect_page, short_codes, short_path, target_titles
from .pages import Page, all_pages, search_index_json, search_index_script
from .parents import parents_pages
from .translated import language_pages, translation_pages


@dataclass
class OutFile:
    site_path: str
    path: Path | None = None  # a file on disk, or
    content: str | None = None  # text made here


def generated_pages(loaded, printed) -> list[Page]:
    return (all_pages(loaded, printed) + parents_pages(loaded, printed)
            + translation_pages(loaded, printed) + language_pages(loaded, printed))


def search_files(loaded) -> list[OutFile]:
    """The search index, as JSON and as a script (a page opened from disk, file://,
    cannot fetch JSON, but it can load a script)."""
    index = search_index_json(loaded)
    return [OutFile("search/index.json", content=index),
            OutFile("search/index.js", content=search_index_script(index))]


def generated_files(loaded, printed, search: bool = True) -> list[OutFile]:
    """search=False leaves out search_files (a build makes them in a second process
    while the pages are rendered)."""
    root = loaded.curriculum.root
    out: list[OutFile] = []
    if printed is not None:
        out += [OutFile(r.doc.site_path, r.path) for r in printed.rendered + printed.translated]
        out += [OutFile(p.site_path, p.zip_path) for p in printed.lang_packs]
        out += [OutFile(x.site_path, x.path) for x in printed.letters]
        # The custom pack's letter templates and the font it draws the school's words with.
        out += [OutFile(x.site_path, x.path) for x in printed.fills]
        if printed.fill_font is not None:
            from ..printing.fill import FONT_SITE_PATH
            out.append(OutFile(FONT_SITE_PATH, printed.fill_font))
        for p in printed.packs:
            out += [OutFile(f"packs/{p.key}.zip", p.zip_path),
                    OutFile(f"packs/{p.key}.pdf", p.pdf_path)]
        # Each lesson's 내일 수업 준비 kit: summary, slides (PDF and PPTX), ZIP
        # (lessons/<track>/<slug>/kit/).
        for k in printed.kits.values():
            out += [OutFile(k.site_dir + "summary.pdf", k.summary),
                    OutFile(k.site_dir + "slides.pdf", k.slides),
                    OutFile(k.site_dir + "slides.pptx", k.pptx),
                    OutFile(k.site_dir + "kit.zip", k.zip_path)]
    if search:
        out += search_files(loaded)
    # Pictures and other files of lesson bundles (never the Markdown sources).
    for lesson in loaded.curriculum.lessons:
        for dirpath, _, names in os.walk(root / lesson.url_dir):
            for name in sorted(names):
                path = Path(dirpath) / name
                if path.suffix != ".md" and not path.is_symlink():
                    out.append(OutFile(path.relative_to(root).as_posix(), path))
    # Short links printed under the QR codes: q/<code>/ sends the browser on.
    titles = target_titles(loaded.curriculum)
    for target, code in short_codes(list(titles)).items():
        out.append(OutFile(short_path(code) + "index.html",
                           content=redirect_page(code, target, titles[target])))
    return out
