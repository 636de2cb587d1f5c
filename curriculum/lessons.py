"""Loading lesson bundles (lessons/<track>/<slug>/) and checking each one on its own."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from . import inputs
from .body import PHASE_NAMES, parse_body
from .config import DAYS_PER_MONTH
from .findings import WARNING, Report
from .model import Handout, Lesson, Track
from .source import Listing, list_files, load_document, rel
from .spec import closest as _closest, validate
from .translations import is_translation_stem, load_translations

REQUIRED_SECTIONS = ("준비물", "유의점", "평가")
HANDOUT_KINDS = inputs.HANDOUT_KINDS
OBJECTIVE_END = re.compile(r"수\s*있다\.?$")


def _folders(root: Path, base: Path, report: Report, where: str, hint: str, allow=()):
    """Real sub-folders of `base`; links and stray files become findings. (os.scandir:
    the kind of each entry comes with the listing, no stat per folder of 5,000.)"""
    with os.scandir(base) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = base / entry.name
        if entry.is_symlink():
            report.add(rel(root, path), 1, "symlink", "this folder is a symbolic link",
                       "move the real folder here; links can lead outside the repository")
        elif not entry.is_dir():
            if entry.name.lower() not in allow:
                report.add(rel(root, path), 1, "stray-file",
                           f"files directly in {where} are not published", hint)
        else:
            yield path


def discover(root: Path, report: Report, tracks: dict[str, Track]) -> list[Path]:
    """Paths of the index.md of every lesson folder (load_lesson reports a folder
    without one); odd things in lessons/ become findings."""
    base = root / "lessons"
    found: list[Path] = []
    if not base.is_dir():
        report.add("lessons", 1, "lessons-missing", "there is no lessons/ folder",
                   "create lessons/<track>/<slug>/index.md")
        return found
    for track_dir in _folders(root, base, report, "lessons/",
                              "move it into a lesson folder: lessons/<track>/<slug>/index.md",
                              allow=("readme.md",)):
        if track_dir.name not in tracks:
            near = _closest(track_dir.name, tracks)
            report.add(rel(root, track_dir), 1, "unknown-track-folder",
                       f"`{track_dir.name}` is not a track in curriculum.yml",
                       f"rename the folder to a track key{f' (did you mean `{near}`?)' if near else ''}")
            continue
        for lesson_dir in _folders(root, track_dir, report, "a track folder",
                                   "put each lesson in its own folder with an index.md"):
            # Whether index.md is there is settled by load_lesson from the folder's
            # listing: a stat per lesson here would be on the serial path.
            found.append(lesson_dir / "index.md")
    return found


def load_lesson(root: Path, index: Path, report: Report, tracks: dict[str, Track],
                topics: set[str], today: dt.date, review_months: int,
                areas: set[str] = frozenset(), listing: Listing | None = None) -> Lesson | None:
    """`listing`: the lesson folder's files (Listing), if the caller has listed it
    already."""
    listing = listing if listing is not None else list_files(root, [index.parent])
    if rel(root, index) not in listing:
        report.add(rel(root, index.parent), 1, "lesson-index-missing",
                   "this lesson folder has no index.md",
                   "add index.md with the lesson plan, or delete the empty folder")
        return None
    doc = load_document(root, index, report)
    if doc is None:
        return None
    name, meta, lines = doc.path, doc.meta, doc.lines
    allowed = {"tracks": set(tracks), "topics": topics}
    track_dir, slug = index.parent.parent.name, index.parent.name
    ok = True
    for p in validate(meta, inputs.LESSON, allowed):
        field = p.path[0]
        line = lines.get(tuple(p.path[:2]), lines.get(field, 1)) if len(p.path) > 1 \
            else lines.get(field, doc.meta_line)
        if p.kind == "unknown-key":
            report.add(name, line, "unknown-field", f"unknown field `{field}`", p.hint)
            continue
        if p.kind == "required" and field not in meta:
            spec = inputs.LESSON.fields[field]
            report.add(name, doc.meta_line, "missing-field", f"required field `{field}` is missing",
                       f"add a line `{field}: …` to the front matter: {spec.hint}")
        else:
            report.add(name, line, f"invalid-{field}", p.message,
                       inputs.LESSON.fields[field].hint)
        ok = False
    if not ok:
        return None

    lesson = Lesson(
        id=meta["id"], title=meta["title"].strip(), track=meta["track"],
        grades=list(meta["grades"]), periods=meta["periods"], topics=list(meta["topics"]),
        objectives=[o.strip() for o in meta["objectives"]], status=meta["status"],
        reviewed=meta["reviewed"], handouts=list(meta["handouts"]), path=name, slug=slug,
        order=meta.get("order", 0), summary=str(meta.get("summary", "") or "").strip(),
        standards=list(meta.get("standards") or []), stands_alone=meta.get("stands_alone"),
        when_alone=str(meta.get("when_alone") or "").strip(),
        easy_read=meta.get("easy_read") is True,
        schedule=[(e["grade"], str(e.get("scene") or "")) for e in meta.get("schedule") or []],
        body=doc.body, body_line=doc.body_line, lines=lines)
    track = tracks[lesson.track]

    # Where the lesson is must agree with what it says it is.
    if lesson.track != track_dir:
        report.add(name, lines["track"], "track-folder-mismatch",
                   f"track is `{lesson.track}` but the lesson is in lessons/{track_dir}/",
                   f"move the folder to lessons/{lesson.track}/ or set `track: {track_dir}`")
    expected_id = f"{track_dir}-{slug}"
    if lesson.id != expected_id:
        report.add(name, lines["id"], "id-folder-mismatch",
                   f"id `{lesson.id}` does not match its folder (expected `{expected_id}`)",
                   f"set `id: {expected_id}` or rename the folder")
    stray = sorted(set(lesson.grades) - set(track.grades))
    if stray:
        report.add(name, lines["grades"], "invalid-grades",
                   f"grade(s) {stray} are not taught in track `{track.key}` "
                   f"(grades {track.grades or 'none: an adult track'})",
                   f"use grades from {track.grades}" if track.grades else "write `grades: []`")
    for i, obj in enumerate(lesson.objectives):
        if not OBJECTIVE_END.search(obj):
            report.add(name, lines.get(("objectives", i), lines["objectives"]), "objective-form",
                       f"objective does not end in '~할 수 있다.': {obj[:40]}",
                       "phrase it as what learners can do: '…을 설명할 수 있다.'",
                       severity=WARNING)
    if lesson.reviewed and (today - lesson.reviewed).days > review_months * DAYS_PER_MONTH:
        report.add(name, lines["reviewed"], "review-stale",
                   f"last reviewed {lesson.reviewed.isoformat()}, more than {review_months} "
                   "months ago", "re-check facts, law and contacts, then update `reviewed`",
                   severity=WARNING)
    elif lesson.reviewed and lesson.reviewed > today:
        report.add(name, lines["reviewed"], "review-future",
                   f"`reviewed` {lesson.reviewed.isoformat()} is in the future",
                   "write the date the review actually happened", severity=WARNING)

    for i, std in enumerate(lesson.standards):
        if not std.startswith("[") and std not in areas:
            near = _closest(std, areas)
            report.add(name, lines.get(("standards", i), lines["standards"]), "invalid-standards",
                       f"`{std}` is not an area in curriculum.yml `areas`"
                       + (f" (did you mean `{near}`?)" if near else ""),
                       inputs.LESSON.fields["standards"].hint)
    for i, (grade, _) in enumerate(lesson.schedule):
        if grade not in lesson.grades:
            report.add(name, lines.get(("schedule", i), lines["schedule"]), "invalid-schedule",
                       f"`schedule` names grade {grade}, which is not in `grades` {lesson.grades}",
                       "use grades the lesson is for")
    if lesson.stands_alone is False and not lesson.when_alone:
        report.add(name, lines["stands_alone"], "when-alone-missing",
                   "the lesson builds on earlier lessons but does not say what to change "
                   "when it is taught alone", "add `when_alone:` with one or two sentences")
    check_body(lesson, track, report)
    load_handouts(root, index.parent, lesson, report, listing)
    return lesson


def check_body(lesson: Lesson, track: Track, report: Report) -> None:
    name = lesson.path
    parsed = parse_body(lesson.body, lesson.body_line)
    lesson.phases, lesson.materials = parsed.phases, parsed.materials
    for line, text in parsed.bad_phases:
        report.add(name, line, "phase-minutes-missing",
                   f"phase heading `{text}` does not say its minutes",
                   "write the minutes in parentheses: `## 전개 (30분)`")
    have = {p.name for p in parsed.phases} | {t.split()[0] for _, t in parsed.bad_phases}
    for phase in PHASE_NAMES:
        if phase not in have:
            report.add(name, lesson.body_line, "phase-missing", f"the lesson has no `{phase}` phase",
                       f"add a heading `## {phase} (N분)` (order: 도입, 전개, 정리)")
    expected = track.minutes * lesson.periods
    total = sum(p.minutes for p in parsed.phases)
    if parsed.phases and not parsed.bad_phases and total != expected:
        parts = " + ".join(f"{p.name} {p.minutes}" for p in parsed.phases)
        report.add(name, parsed.phases[0].line, "phase-minutes-sum",
                   f"phase minutes add up to {total} ({parts}) but {lesson.periods} "
                   f"{track.unit} of {track.name} is {expected} minutes",
                   f"change the minutes so they add up to {expected}, or change `periods`")
    for section in REQUIRED_SECTIONS:
        if not any(s == section or s.startswith(section + " ") for s in parsed.sections):
            report.add(name, lesson.body_line, "section-missing",
                       f"the lesson has no `## {section}` section",
                       f"add `## {section}` (see docs/editors/lesson-format.md)")
    if not any(h.level == 1 for h in parsed.headings):
        return
    h1 = next(h for h in parsed.headings if h.level == 1)
    report.add(name, h1.line, "extra-title", "the body has its own `#` title",
               "remove it: the page title comes from `title:` in the front matter",
               severity=WARNING)


def load_handouts(root: Path, folder: Path, lesson: Lesson, report: Report,
                  listing: Listing) -> None:
    hdir = folder / "handouts"
    where = rel(root, hdir)
    if where in listing.linked_folders:
        report.add(where, 1, "symlink", "the handouts folder is a symbolic link",
                   "move the real folder here; links can lead outside the repository")
        return
    prefix = where + "/"  # names under handouts/ (not deeper) ending in .md
    names = sorted(n[len(prefix):] for n in listing if n.startswith(prefix))
    files = {n[:-3]: hdir / n for n in names if n.endswith(".md") and "/" not in n}
    for i, hname in enumerate(lesson.handouts):
        line = lesson.lines.get(("handouts", i), lesson.lines.get("handouts", 1))
        path = files.get(hname)
        if path is None:
            report.add(lesson.path, line, "handout-missing",
                       f"handout `{hname}` is listed but handouts/{hname}.md does not exist",
                       "create the file, or remove the name from `handouts`"
                       + (f" (files there: {', '.join(files)})" if files else ""))
            continue
        doc = load_document(root, path, report)
        if doc is None:
            continue
        meta, hn = doc.meta, doc.path
        problems = validate(meta, inputs.HANDOUT)
        for p in problems:
            report.add(hn, doc.lines.get(p.path[0], doc.meta_line), "handout-field", p.message,
                       p.hint)
        if any(p.kind != "unknown-key" for p in problems):
            continue
        pages = meta.get("pages") or 1
        lesson.handout_files.append(Handout(
            name=hname, path=hn, title=meta["title"].strip(), kind=meta["kind"],
            audience=meta["audience"], pages=pages, body=doc.body, body_line=doc.body_line,
            pages_line=doc.lines.get("pages", doc.meta_line)))
    load_translations(root, files, lesson, report)
    for hname, path in files.items():
        if hname not in lesson.handouts and not is_translation_stem(hname):
            report.add(rel(root, path), 1, "handout-unlisted",
                       f"handouts/{hname}.md is not listed in the lesson's `handouts`",
                       f"add `{hname}` to `handouts:` in index.md, or delete the file",
                       severity=WARNING)
