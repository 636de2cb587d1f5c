"""Load everything, run every check, and return the curriculum with all findings.

This is the engine's one entry point: the command line, the MkDocs adapter and the
tests all call `load`. It never writes a file.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from .checks.coverage import check_coverage, check_duplicate_ids
from .checks.links import check_links
from .checks.text import TextChecker, load_language_rules
from .config import load_config, load_contacts
from .findings import Report
from .lessons import discover, load_lesson
from .model import Curriculum
from .source import load_document, rel, walk_files


@dataclass
class DocPage:
    """A hand-written page under docs/ (site path relative to docs/)."""

    path: str
    site_path: str
    meta: dict
    body: str
    body_line: int


@dataclass
class Loaded:
    curriculum: Curriculum
    report: Report
    docs: list[DocPage] = field(default_factory=list)
    rules: list = field(default_factory=list)


def today() -> dt.date:
    # CURRICULUM_TODAY pins "now" for reproducible checks and tests.
    fixed = os.environ.get("CURRICULUM_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


def load(root: Path | str, on: dt.date | None = None, docs_dir: str = "docs") -> Loaded:
    root = Path(root).resolve()
    on = on or today()
    report = Report()
    site, tracks, topics = load_config(root, report)
    contacts = load_contacts(root, report, on, int(site.get("contact_check_months", 6)))
    cur = Curriculum(root, site, tracks, topics, contacts)
    review_months = int(site.get("review_months", 12))
    if tracks:
        for index in discover(root, report, tracks):
            lesson = load_lesson(root, index, report, tracks, set(topics), on, review_months)
            if lesson is not None:
                cur.lessons.append(lesson)
    check_duplicate_ids(cur, report)
    check_coverage(cur, report)
    for key, track in tracks.items():
        for c in track.help:
            if c not in contacts:
                report.add("curriculum.yml", track.line, "unknown-contact",
                           f"track `{key}` lists help contact `{c}`, which is not in contacts.yml",
                           f"use one of: {', '.join(contacts)}")

    docs = load_docs(root, docs_dir, report)
    rules = load_language_rules(root, report)
    checker = TextChecker(contacts, rules)
    targets = site_targets(root, cur, docs_dir)
    for lesson in cur.lessons:
        checker.check(lesson.path, lesson.body, lesson.body_line, report)
        check_links(lesson.path, lesson.path, lesson.body, lesson.body_line, targets, report)
        for h in lesson.handout_files:
            checker.check(h.path, h.body, h.body_line, report)
            check_links(h.path, h.path, h.body, h.body_line, targets, report)
    for page in docs:
        checker.check(page.path, page.body, page.body_line, report)
        check_links(page.path, page.site_path, page.body, page.body_line, targets, report)
    return Loaded(cur, report, docs, rules)


def load_docs(root: Path, docs_dir: str, report: Report) -> list[DocPage]:
    base = root / docs_dir
    pages = []
    for path in walk_files(base, "*.md"):
        doc = load_document(root, path, report, need_front_matter=False)
        if doc is None:
            continue
        pages.append(DocPage(doc.path, path.relative_to(base).as_posix(), doc.meta,
                             doc.body, doc.body_line))
    return pages


def site_targets(root: Path, cur: Curriculum, docs_dir: str) -> set[str]:
    """Every path of the built site a link may point at."""
    from .render.pages import generated_paths

    targets = set()
    base = root / docs_dir
    if base.is_dir():
        for dirpath, _, files in os.walk(base):
            for f in files:
                targets.add(rel(base, Path(dirpath) / f))
    for lesson in cur.lessons:
        folder = root / lesson.url_dir
        for dirpath, _, files in os.walk(folder):
            for f in files:
                targets.add(rel(root, Path(dirpath) / f))
    targets.update(generated_paths(cur))
    return targets
