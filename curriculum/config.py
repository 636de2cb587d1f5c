"""Loading curriculum.yml (site settings, tracks, topics) and contacts.yml.

Both are validated against their specs in inputs.py: a wrong value is a finding at its
line, never a traceback and never silently ignored.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import inputs
from .findings import WARNING, Report
from .model import Area, Contact, Site, Topic, Track
from .source import load_yaml_file
from .spec import defaults, line_of, report_problems, validate

DAYS_PER_MONTH = 30.44


def months_between(earlier: dt.date, later: dt.date) -> float:
    return (later - earlier).days / DAYS_PER_MONTH


def load_config(root: Path, report: Report, blocks: set[str] | None = None):
    """(site settings, tracks, topics, areas) from curriculum.yml; problems become findings.
    `blocks` are the ids under blocks/ (what `requires.blocks` may name)."""
    name = "curriculum.yml"
    data, lines = load_yaml_file(root, name, report)
    if data is None:
        return Site(), {}, {}, {}
    if not isinstance(data, dict):
        report.add(name, 1, "spec-type", "curriculum.yml must be a mapping with `site`, "
                   "`tracks` and `topics`", "see curriculum.yml on main")
        return Site(), {}, {}, {}
    raw_topics = data.get("topics") if isinstance(data.get("topics"), dict) else {}
    # Contacts are checked against contacts.yml by the engine (it loads them next).
    allowed = {"topics": set(map(str, raw_topics)), "blocks": blocks}
    problems = [p for p in validate(data, inputs.CURRICULUM, allowed)
                if not _is_contact_ref(p)]
    report_problems(problems, name, lines, report)
    bad = {p.path[:2] for p in problems if len(p.path) >= 2 and p.kind != "unknown-key"}

    site_raw = data.get("site") if isinstance(data.get("site"), dict) else {}
    site_bad = {p.path[1] for p in problems if len(p.path) >= 2 and p.path[0] == "site"}
    site = Site(**{k: v for k, v in defaults(inputs.SITE, site_raw).items()
                   if k not in site_bad and k in inputs.SITE.fields},
                line=line_of(lines, ("site",)))

    topics: dict[str, Topic] = {}
    for key, spec in raw_topics.items():
        if ("topics", key) in bad or not isinstance(spec, dict):
            continue
        topics[str(key)] = Topic(str(key), spec["name"], str(spec.get("name_en") or ""))

    tracks: dict[str, Track] = {}
    raw_tracks = data.get("tracks") if isinstance(data.get("tracks"), dict) else {}
    for key, spec in raw_tracks.items():
        if ("tracks", key) in bad or not isinstance(spec, dict):
            continue
        req = spec["requires"]
        tracks[str(key)] = Track(
            key=str(key), name=spec["name"], short=str(spec.get("short") or key),
            name_en=str(spec.get("name_en") or ""), audience=spec["audience"],
            grades=list(spec["grades"]), minutes=spec["minutes"],
            unit=str(spec.get("unit") or "차시"), required_topics=list(req["topics"]),
            min_lessons=req["lessons"], help=list(spec["help"]),
            line=line_of(lines, ("tracks", key)),
            worksheet_per_lesson=bool(req.get("worksheet_per_lesson", False)),
            parent_letters=int(req.get("parent_letters") or 0),
            required_blocks=list(req.get("blocks") or []),
            maintainers=list(spec.get("maintainers") or []),
            help_lines={c: line_of(lines, ("tracks", key, "help", i))
                        for i, c in enumerate(spec["help"])})
    raw_tr = data.get("translations") if isinstance(data.get("translations"), dict) else {}
    site.translations = {str(k): [str(x) for x in v] for k, v in raw_tr.items()
                         if ("translations", k) not in bad and isinstance(v, list)}
    raw_areas = data.get("areas") if isinstance(data.get("areas"), dict) else {}
    areas = {str(k): Area(str(k), v["name"], v["source"]) for k, v in raw_areas.items()
             if ("areas", k) not in bad and isinstance(v, dict)}
    return site, tracks, topics, areas


def _is_contact_ref(problem) -> bool:
    # `help`, `guide_help` and `help_now` name contacts: checked once contacts.yml is loaded.
    return problem.kind == "ref" and problem.path[-2:-1] in (("help",), ("guide_help",),
                                                              ("help_now",))


SHOWN = ("name", "phone", "text", "url", "former")


def load_contacts(root: Path, report: Report, today: dt.date, max_age_months: int):
    name = "contacts.yml"
    data, lines = load_yaml_file(root, name, report)
    contacts: dict[str, Contact] = {}
    if not isinstance(data, dict):
        if data is not None:
            report.add(name, 1, "spec-type", "contacts.yml must map contact keys to entries",
                       "write `KEY:` then indented `name:`, `phone:`, `source:`, `checked:`")
        return contacts
    problems = validate(data, inputs.CONTACTS)
    report_problems(problems, name, lines, report)
    # An entry is left out only when what pages show is broken (its name or numbers);
    # a missing source or date is reported and the entry still serves.
    bad = {p.path[0] for p in problems
           if len(p.path) == 1 or (p.path[1] in SHOWN and p.kind != "unknown-key")}
    for key, spec in data.items():
        if key in bad or not isinstance(spec, dict):
            continue
        phones = spec.get("phone") or []
        phones = [phones] if isinstance(phones, str) else phones
        c = Contact(
            key=str(key), name=spec["name"], name_en=str(spec.get("name_en") or ""),
            phone=list(phones), text=str(spec.get("text") or ""),
            url=str(spec.get("url") or ""), where=str(spec.get("where") or ""),
            hours=str(spec.get("hours") or ""), purpose=str(spec.get("for") or ""),
            purpose_en=str(spec.get("for_en") or ""), source=str(spec.get("source") or ""),
            checked=_date(spec.get("checked")), line=line_of(lines, (key,)),
            former=[(f["name"], f.get("until")) for f in spec.get("former") or []])
        contacts[c.key] = c
        if c.checked:
            check_freshness(name, f"contact `{key}`", c.checked, c.source,
                            line_of(lines, (key, "checked")), today, max_age_months, report,
                            "contact-stale")
    return contacts


def _date(value):
    return value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else None


def check_freshness(name: str, what: str, checked: dt.date, source: str, line: int,
                    today: dt.date, max_age_months: int, report: Report,
                    code: str = "registry-stale") -> None:
    """A warning when an entry was last checked longer ago than the configured period."""
    if months_between(checked, today) > max_age_months:
        report.add(name, line, code,
                   f"{what} was last checked {checked.isoformat()}, more than "
                   f"{max_age_months} months ago (source: {source})",
                   "check it at its source, then update `checked`", severity=WARNING)
    elif checked > today:
        report.add(name, line, code, f"{what}: `checked` {checked.isoformat()} is in the "
                   "future", "write the date the check actually happened", severity=WARNING)
