"""The one thin adapter between the engine and MkDocs (loaded through `hooks:`).

It hands the engine's generated pages to MkDocs as virtual files, copies lesson
pictures, points "edit this page" at the real source file and makes `mkdocs serve`
watch the curriculum sources. Everything clever lives in the engine.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.structure.files import File

from curriculum import siteurl
from curriculum.engine import load
from curriculum.paths import shows_help_now
from curriculum.render.directives import expand_directives, place_help_now
from curriculum.render.outputs import generated_files, generated_pages, search_files
from curriculum.sharing import Background
from curriculum.render.pages import guide_help

log = logging.getLogger("mkdocs.plugins.curriculum")
_state: dict = {}


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_startup(command, dirty):
    # `mkdocs serve` shows handouts as HTML only: rendering PDFs would slow every reload.
    _state["serving"] = command == "serve"


def on_config(config):
    root = _root(config)
    if not _state.get("serving"):
        # `mkdocs serve` sets its own dev address, which is right for serving; a build
        # uses SITE_URL (mkdocs.yml) and nothing else: no public address, no canonical
        # links, no sitemap, no QR codes, and never a loopback or private address.
        config.site_url = siteurl.normalise(config.site_url)
        bad = siteurl.problem(config.site_url)
        if bad:
            log.warning("curriculum: SITE_URL %r cannot be the site's public address (%s); "
                        "building without it", config.site_url, bad)
            config.site_url = None
    # Without the checks that only report: `make site` runs the whole check first.
    loaded = load(root, docs_dir=os.path.relpath(config.docs_dir, root), checks=False)
    _state["loaded"], _state["root"] = loaded, root
    if not config.repo_url:
        config.edit_uri = ""  # no repository known: no edit links rather than broken ones
    config.mdx_configs.setdefault("curriculum.markdown_ext", {})["reference"] = \
        loaded.curriculum.reference
    errors, warnings = len(loaded.report.errors), len(loaded.report.warnings)
    if errors or warnings:
        # Not a MkDocs warning: `make site` still builds a curriculum that falls short
        # (the coverage page shows the gap); `make check` is the gate.
        log.info("curriculum: %d error(s), %d warning(s) found while loading; run "
                 "`make check` for these and the wording, link and coverage checks",
                 errors, warnings)
    return config


def on_files(files, config):
    loaded, root = _state["loaded"], _state["root"]
    printed = _state["printed"] = None
    if not _state.get("serving") and os.environ.get("CURRICULUM_NO_PDF") != "1":
        from curriculum.printing.build import build_print

        printed = _state["printed"] = build_print(loaded, config.site_url, root / ".build")
        log.info("curriculum: %d PDF(s) rendered, %d reused from the cache (%.1f s)",
                 printed.stats.rendered, printed.stats.reused, printed.stats.seconds)
        for f in printed.report.findings:
            log.info("curriculum: %s", f.text().splitlines()[0])
        log.info("curriculum: lesson kits: %d PDF(s) rendered, %d reused (%.1f s)",
                 printed.kit_stats.rendered, printed.kit_stats.reused, printed.kit_stats.seconds)
    # The search index is made in a second process while MkDocs renders the pages,
    # and written at the end (on_post_build); `mkdocs serve` runs threads, which must
    # not fork: there it is made here, and handed over with the other files.
    search = _state["search"] = Background(lambda: search_files(loaded),
                                           forked=not _state.get("serving"))
    if _state.get("serving"):
        _add_files(files, config, search.result())
    _add_files(files, config, generated_files(loaded, printed, search=False))
    for page in generated_pages(loaded, printed):
        if files.get_file_from_path(page.path) is not None:
            log.warning("curriculum: docs/%s hides the generated page of the same name",
                        page.path)
            continue
        file = File.generated(config, page.path, content=page.markdown)
        # "Edit this page" opens the real source (a lesson, contacts.yml), which lies
        # beside docs/ in the repository; pages with no source of their own get none.
        file.edit_uri = f"../{page.source}" if page.source else None
        files.append(file)
    return files


def _add_files(files, config, out) -> None:
    for f in out:
        if f.content is None and files.get_file_from_path(f.site_path) is not None:
            continue  # a lesson picture already in docs/
        files.append(File.generated(config, f.site_path, abs_src_path=str(f.path))
                     if f.content is None else
                     File.generated(config, f.site_path, content=f.content))


def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri
    loaded = _state["loaded"]
    if shows_help_now(src):
        markdown = place_help_now(markdown)
    markdown = expand_directives(markdown, src, loaded.curriculum, loaded.rules,
                                 _state.get("printed"))
    if src.startswith("guides/") and src.endswith(".md"):
        markdown = markdown.rstrip() + "\n\n" + guide_help(_state["loaded"], src)
    return markdown


def on_post_build(config):
    if not _state.get("serving"):
        for f in _state.pop("search").result():
            out = Path(config.site_dir, f.site_path)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(f.content, encoding="utf-8")
    if not config.site_url:
        # Without a public address MkDocs writes a sitemap of bare paths: none is better.
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            Path(config.site_dir, name).unlink(missing_ok=True)
    # The whole site as one ZIP for schools that open it from disk (not in the preview;
    # CURRICULUM_NO_OFFLINE=1 skips it, as the benchmark does).
    if _state.get("serving") or os.environ.get("CURRICULUM_NO_OFFLINE") == "1":
        return
    from curriculum.offline import write_offline_zip

    path = write_offline_zip(Path(config.site_dir))
    if path is not None:
        log.info("curriculum: offline copy %s (%.1f MB)", path.name, path.stat().st_size / 2**20)


def on_serve(server, config, builder):
    root = _state.get("root") or _root(config)
    for name in ("lessons", "curriculum.yml", "contacts.yml", "language-rules.yml", "search.yml"):
        if (root / name).exists():
            server.watch(str(root / name))
    return server
