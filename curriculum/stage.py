"""Builder independence: every page, asset, search index and PDF written as plain files.

`curriculum stage OUT` writes into OUT/:

- `docs/`: the hand-written pages and every generated page (catalogs, lessons, topics,
  parents' pages), each with its directives, help strip, guide help block and macros
  already expanded: what the MkDocs adapter (mkdocs_hooks.py) does in memory, done
  here on disk, because Zensical runs no MkDocs hooks or plugins; and beside them the
  search index (search/index.json and .js), the handout PDFs and packs, lesson
  pictures and the short-link pages under q/;
- `mkdocs.yml`: the project's own, with docs_dir pointing at OUT/docs, the theme's
  overrides at the repository's overrides/, no `hooks:`, and the Markdown extension
  told where the registries are (for the tel: links it makes).

Bare MkDocs + Material and Zensical both build OUT/mkdocs.yml (`make site
BUILDER=zensical`, `make bench`). The engine still imports neither.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from .engine import load
from .macros import expand
from .paths import shows_help_now
from .render.directives import expand_directives, place_help_now

FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)


def page_markdown(markdown: str, src: str, loaded, printed) -> str:
    """What mkdocs_hooks.on_page_markdown makes of a page, plus the macros (which the
    Markdown extension would expand from the registries MkDocs hands it)."""
    from .render.pages import guide_help

    if shows_help_now(src):
        markdown = place_help_now(markdown)
    markdown = expand_directives(markdown, src, loaded.curriculum, loaded.rules, printed)
    if src.startswith("guides/") and src.endswith(".md"):
        markdown = markdown.rstrip() + "\n\n" + guide_help(loaded, src)
    return expand(markdown, loaded.curriculum.reference)


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")


def _link(src, dst) -> None:
    """A copy of a file (a hard link where the file system allows: PDFs are big)."""
    Path(dst).parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def stage(root: Path, out: Path, site_url: str | None = None, pdf: bool = True,
          config: str = "mkdocs.yml") -> dict:
    """Write the staged sources into `out` (emptied first); returns counts."""
    from . import siteurl
    from .render.outputs import generated_files, generated_pages

    root = Path(root).resolve()
    out = Path(out).resolve()
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    docs.mkdir(parents=True)
    loaded = load(root, checks=False)  # as the MkDocs adapter: the check runs on its own
    site_url = siteurl.normalise(site_url)
    if siteurl.problem(site_url):
        site_url = None
    printed = None
    if pdf:
        from .printing.build import build_print

        printed = build_print(loaded, site_url, root / ".build")
    counts = {"pages": 0, "files": 0}
    # Hand-written pages and their files.
    base = root / "docs"
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        rel = path.relative_to(base).as_posix()
        if path.suffix == ".md":
            text = path.read_text(encoding="utf-8")
            m = FRONT.match(text)
            head, body = (m.group(0), text[m.end():]) if m else ("", text)
            _write(docs / rel, head + page_markdown(body, rel, loaded, printed))
            counts["pages"] += 1
        else:
            _link(path, docs / rel)
            counts["files"] += 1
    have = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    for page in generated_pages(loaded, printed):
        if page.path in have:  # a hand-written page hides the generated one (as in MkDocs)
            continue
        _write(docs / page.path, page_markdown(page.markdown, page.path, loaded, printed))
        counts["pages"] += 1
    # The same files the MkDocs adapter adds (render/outputs.py).
    for f in generated_files(loaded, printed):
        if f.content is not None:
            _write(docs / f.site_path, f.content)
        elif not (docs / f.site_path).exists():
            _link(f.path, docs / f.site_path)
            counts["files"] += 1
    shutil.copytree(root / "overrides", out / "overrides", copy_function=_link)
    _write(out / "mkdocs.yml", staged_config((root / config).read_text(encoding="utf-8"),
                                             root, docs))
    (out / "stage.json").write_text(json.dumps(counts), encoding="utf-8")
    return counts


def staged_config(text: str, root: Path, docs: Path) -> str:
    """The project's mkdocs.yml for the staged folder: same theme, overrides, extensions
    and navigation; no hooks; docs_dir and custom_dir as absolute paths."""
    lines, out, skip = text.splitlines(), [], False
    for line in lines:
        if skip:
            if line.startswith("  - ") or not line.strip():
                continue
            skip = False
        if line.startswith("hooks:"):
            skip = True
            continue
        if line.startswith("docs_dir:"):
            line = "docs_dir: docs"  # Zensical wants paths relative to its config file
        elif line.startswith("site_dir:"):
            line = "site_dir: site"
        elif line.startswith("edit_uri:"):
            # The adapter points "edit this page" at a page's real source (a lesson, not
            # docs/); without it, no edit links rather than links to staged copies.
            line = 'edit_uri: ""'
        elif line.strip().startswith("custom_dir:"):
            indent = line[:len(line) - len(line.lstrip())]
            line = f"{indent}custom_dir: overrides"
        elif line.strip() == "- curriculum.markdown_ext:":
            out.append(line)
            indent = line[:len(line) - len(line.lstrip())] + "    "
            line = f"{indent}registries: {root}"
        out.append(line)
    return "# Staged by `curriculum stage` from the project's mkdocs.yml: do not edit.\n" + \
        "\n".join(out) + "\n"
