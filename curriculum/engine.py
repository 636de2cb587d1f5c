"""Load everything, run every check, and return the curriculum with all findings.

This is the engine's one entry point: the command line, the MkDocs adapter and the
tests all call `load`. It never writes a file.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from .checks.coverage import check_coverage, check_duplicate_ids, check_handout_coverage
from .checks.links import check_links, resolve_links
from .checks.text import TextChecker, load_language_rules
from .codeowners import check_codeowners
from .config import load_config, load_contacts
from .findings import Report
from .lessons import discover, load_lesson
from .macros import placed_blocks
from .model import Curriculum, Reference
from .paths import CONTACTS, COVERAGE, generated_paths, page_url
from .render.directives import check_directives
from .searchindex import check_search_pages, load_search_words
from .sharing import in_processes
from .registry import block_ids, load_blocks, load_laws, load_organisations
from .source import list_files, load_document, rel, walk_files
from .translations import check_translation_coverage


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
    search: object = None  # searchindex.SearchWords (search.yml)


def today() -> dt.date:
    # CURRICULUM_TODAY pins "now" for reproducible checks and tests.
    fixed = os.environ.get("CURRICULUM_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


# Below this many lessons a process pool costs more than it saves.
PARALLEL_FROM = 400


def load(root: Path | str, on: dt.date | None = None, docs_dir: str = "docs",
         workers: int | None = None, keep_text: bool = True, checks: bool = True) -> Loaded:
    """Load and check everything. keep_text=False drops the lessons' texts (bodies,
    objectives, summaries) once checked (the check command needs only findings;
    sending texts back from worker processes would cost more than checking them).
    checks=False is for a build: it loads everything the pages are made of, with the
    findings of reading and validating, but skips the checks that only report
    (wording, phone numbers, personal data, macros, links, directives, required
    blocks, coverage, CODEOWNERS, search pages): `make site` runs the whole check
    before building, and they were a third of loading. Loading then stays in one
    process (the workers cost more CPU than they save without the checks)."""
    root = Path(root).resolve()
    on = on or today()
    report = Report()
    site, tracks, topics, areas = load_config(root, report, block_ids(root))
    ref = load_reference(root, report, on, site.contact_check_months)
    cur = Curriculum(root, site, tracks, topics, ref.contacts, reference=ref, areas=areas)
    rules = load_language_rules(root, report)
    _check_contact_refs(cur, report)
    indexes = discover(root, report, tracks) if tracks else []
    # Link targets come from the files on disk. Each lesson is checked on its own, in
    # any process, against the pages of docs/, the generated pages and its own files;
    # a link to another lesson's file waits for the lists of all of them.
    targets = site_targets(root, cur, docs_dir, [])
    job = _Job(root, tracks, set(topics), ref, rules, on, site.review_months, targets,
               keep_text, set(areas), checks)
    if workers is None:
        workers = (os.cpu_count() or 1) if checks else 1
    if workers > 1 and len(indexes) >= PARALLEL_FROM:
        results = in_processes(job.run, indexes, workers, PIECE)
    else:
        results = [job.run(indexes)]
    deferred = []
    for lessons, findings, files, links in results:
        cur.lessons.extend(lessons)
        report.findings.extend(findings)
        targets |= files
        deferred += links
    resolve_links(deferred, targets, report)
    check_duplicate_ids(cur, report)
    _check_checklist(cur, report)
    if checks:
        check_coverage(cur, report)
        check_handout_coverage(cur, report)
        check_translation_coverage(cur, report)
        check_codeowners(cur, report)
        checker = job.text_checker()
        for block in ref.blocks.values():
            checker.check(block.path, block.body, block.body_line, report)
    docs = load_docs(root, docs_dir, report)
    have = {d.site_path for d in docs}
    cur.pages = have
    for needed, why in ((CONTACTS, "every help block links to it"),
                        (COVERAGE, "the coverage table is shown there")):
        if needed not in have:
            report.add(f"{docs_dir}/{needed}", 1, "page-missing",
                       f"{docs_dir}/{needed} is missing: {why}",
                       f"restore it from the repository; it holds the prose and the line "
                       f"<!-- curriculum:{needed.removesuffix('.md')} -->")
    for page in docs if checks else []:
        checker.check(page.path, page.body, page.body_line, report)
        check_directives(page.path, page.body, page.body_line, report)
        check_links(page.path, page.site_path, page.body, page.body_line, targets, report)
    search = load_search_words(root, report)
    if checks:
        urls = {page_url(p) for p in targets if p.endswith(".md")}
        check_search_pages(search, urls, have, report)
    return Loaded(cur, report, docs, rules, search)


def load_reference(root: Path, report: Report, on: dt.date, max_age: int) -> Reference:
    """The registries lessons cite: contacts, laws, organisations, blocks."""
    return Reference(laws=load_laws(root, report, on, max_age),
                     organisations=load_organisations(root, report, on, max_age),
                     blocks=load_blocks(root, report, on, max_age),
                     contacts=load_contacts(root, report, on, max_age))


def _check_contact_refs(cur: Curriculum, report: Report) -> None:
    """Contact keys named in curriculum.yml exist in contacts.yml."""
    named = [(f"track `{k}`", c, t.help_lines.get(c, t.line)) for k, t in cur.tracks.items()
             for c in t.help]
    named += [("site.guide_help", c, cur.site.line) for c in cur.site.guide_help]
    named += [("site.help_now", c, cur.site.line) for c in cur.site.help_now]
    for who, key, line in named:
        if key not in cur.contacts:
            report.add("curriculum.yml", line, "unknown-contact",
                       f"{who} lists help contact `{key}`, which is not in contacts.yml",
                       f"use one of: {', '.join(cur.contacts)}")


def checklist_handout(cur: Curriculum):
    """(lesson, handout) of `site.checklist`, or (None, None)."""
    lesson_id, _, name = cur.site.checklist.partition("/")
    for lesson in cur.lessons:
        if lesson.id == lesson_id:
            return lesson, next((h for h in lesson.handout_files if h.name == name), None)
    return None, None


def _check_checklist(cur: Curriculum, report: Report) -> None:
    if not cur.site.checklist:
        return
    lesson, handout = checklist_handout(cur)
    if handout is None or not lesson.published:
        report.add("curriculum.yml", cur.site.line, "checklist-unknown",
                   f"site.checklist `{cur.site.checklist}` is not a handout of a published "
                   "lesson", "write the lesson's id and the handout's file name without .md, "
                   "e.g. staff-incident-response/teacher-card")


@dataclass
class _Job:
    """Loading and checking a batch of lessons: everything a worker process needs."""

    root: Path
    tracks: dict
    topics: set
    ref: Reference
    rules: list
    on: dt.date
    review_months: int
    targets: set
    keep_text: bool = True
    areas: set = field(default_factory=set)
    checks: bool = True
    _checker: TextChecker | None = field(default=None, repr=False)

    def text_checker(self) -> TextChecker:
        """One per process (its keyword pattern takes a hundredth of a second)."""
        if self._checker is None:
            self._checker = TextChecker(self.ref, self.rules)
        return self._checker

    def run(self, indexes):
        """(lessons, findings, the lessons' files, links left for the parent to resolve)
        of the lessons whose index.md paths `indexes` gives (a list or a generator)."""
        report = Report()
        checker = self.text_checker() if self.checks else None
        lessons, files, deferred = [], set(), []
        for index in indexes:
            own = list_files(self.root, [index.parent])
            files |= own
            lesson = load_lesson(self.root, index, report, self.tracks, self.topics, self.on,
                                 self.review_months, self.areas, own)
            if lesson is None:
                continue
            lessons.append(lesson)
            if self.checks:
                targets = _Either(self.targets, own)
                checker.check(lesson.path, lesson.body, lesson.body_line, report)
                _check_required_blocks(lesson, self.tracks[lesson.track], report)
                check_links(lesson.path, lesson.path, lesson.body, lesson.body_line,
                            targets, report, deferred)
            for h in lesson.handout_files:
                if self.checks:
                    checker.check(h.path, h.body, h.body_line, report)
                    check_links(h.path, h.path, h.body, h.body_line, targets, report, deferred)
                if not self.keep_text:
                    h.body = ""
                    for t in h.translations:
                        t.body = ""
            if not self.keep_text:
                # Only what the cross-lesson checks need travels back to the parent
                # (pickling it and reading it back is on the serial path at the end).
                lesson.body, lesson.phases, lesson.materials = "", [], []
                lesson.objectives, lesson.summary, lesson.when_alone = [], "", ""
                lesson.lines = {"id": lesson.lines.get("id", 1),
                                "handouts": lesson.lines.get("handouts", 1)}
        return lessons, report.findings, files, deferred


class _Either:
    """`x in` two sets, without copying the big one for every lesson."""

    def __init__(self, a: set, b: set):
        self.a, self.b = a, b

    def __contains__(self, item) -> bool:
        return item in self.a or item in self.b


def _check_required_blocks(lesson, track, report: Report) -> None:
    if not track.required_blocks or not lesson.published:
        return
    placed = placed_blocks(lesson.body) if "{{" in lesson.body else set()
    for block in track.required_blocks:
        if block not in placed:
            report.add(lesson.path, lesson.body_line, "block-missing",
                       f"{track.name} lessons must place the shared `{block}` block",
                       f"add a line {{{{block:{block}/VARIANT}}}} where the lesson describes "
                       f"it (variants are the files in blocks/{block}/)")


# Lessons per piece of work shared between processes (sharing.py): small enough that
# the processes end within a few hundredths of a second of each other, big enough
# that taking one and sending its result back cost nothing.
PIECE = 25


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


def site_targets(root: Path, cur: Curriculum, docs_dir: str, lesson_dirs) -> set[str]:
    """Every path of the built site a link may point at."""
    targets = set()
    base = root / docs_dir
    if base.is_dir():
        targets.update(list_files(base, [base]))
    targets.update(list_files(root, lesson_dirs))
    targets.update(generated_paths(cur))
    return targets


