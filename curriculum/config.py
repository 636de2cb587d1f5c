"""Loading curriculum.yml (tracks, topics, requirements) and contacts.yml."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .findings import Report
from .model import Contact, Topic, Track
from .source import parse_yaml, read_text

KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
AUDIENCES = ("student", "adult")
PHONE = re.compile(r"^(#?\d{3,4}|0\d{1,2}-\d{3,4}-\d{4})$")


def _load_mapping(root: Path, name: str, report: Report):
    path = root / name
    if not path.exists():
        report.add(name, 1, "missing-file", f"{name} is missing",
                   f"restore {name} from the repository")
        return None, {}
    text = read_text(root, path, report)
    if text is None:
        return None, {}
    return parse_yaml(text, name, 1, report)


def _positions(text_lines: list[str], keys) -> dict:
    """Line of each `key:` at two-space indentation (nested mapping keys)."""
    out = {}
    for i, line in enumerate(text_lines, 1):
        m = re.match(r"^  ([A-Za-z0-9_-]+):", line)
        if m and m.group(1) in keys and m.group(1) not in out:
            out[m.group(1)] = i
    return out


def load_config(root: Path, report: Report):
    """(site settings, tracks, topics) from curriculum.yml; problems become findings."""
    name = "curriculum.yml"
    data, _ = _load_mapping(root, name, report)
    if not isinstance(data, dict):
        return {}, {}, {}
    raw_lines = (root / name).read_text("utf-8", "replace").splitlines()
    site = data.get("site") or {}
    if not isinstance(site, dict):
        report.add(name, 1, "config-type", "`site` must be a mapping", "see the example in README")
        site = {}

    topics: dict[str, Topic] = {}
    raw_topics = data.get("topics") or {}
    tpos = _positions(raw_lines, raw_topics if isinstance(raw_topics, dict) else {})
    if not isinstance(raw_topics, dict) or not raw_topics:
        report.add(name, 1, "config-topics", "`topics` must map topic keys to names",
                   "write `topics:` then `  consent: {name: 동의와 경계, name_en: ...}`")
        raw_topics = {}
    for key, spec in raw_topics.items():
        line = tpos.get(key, 1)
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            report.add(name, line, "config-topic", f"topic `{key}` needs a Korean `name`",
                       "write `  KEY: {name: 한국어 이름, name_en: English name}`")
            continue
        if not KEY.match(str(key)):
            report.add(name, line, "config-key", f"topic key `{key}` is not a lower-case key",
                       "use lower-case letters, digits and hyphens, e.g. `synthetic-media`")
        topics[str(key)] = Topic(str(key), spec["name"], str(spec.get("name_en", "")))

    tracks: dict[str, Track] = {}
    raw_tracks = data.get("tracks") or {}
    if not isinstance(raw_tracks, dict) or not raw_tracks:
        report.add(name, 1, "config-tracks", "`tracks` must map track keys to settings",
                   "see the tracks in curriculum.yml on main")
        raw_tracks = {}
    trpos = _positions(raw_lines, raw_tracks)
    for key, spec in raw_tracks.items():
        line = trpos.get(key, 1)
        if not isinstance(spec, dict):
            report.add(name, line, "config-track", f"track `{key}` must be a mapping",
                       "give it name, audience, grades, minutes, requires and help")
            continue
        problems = []
        minutes = spec.get("minutes")
        if not isinstance(minutes, int) or isinstance(minutes, bool) or not 10 <= minutes <= 240:
            problems.append("`minutes` must be a whole number of minutes per period (10-240)")
        if spec.get("audience") not in AUDIENCES:
            problems.append("`audience` must be student or adult")
        grades = spec.get("grades", [])
        if not isinstance(grades, list) or not all(isinstance(g, int) for g in grades):
            problems.append("`grades` must be a list of whole numbers, e.g. [1, 2]")
        req = spec.get("requires") or {}
        req_topics = req.get("topics", []) if isinstance(req, dict) else None
        min_lessons = req.get("lessons", 0) if isinstance(req, dict) else None
        if not isinstance(req_topics, list) or not isinstance(min_lessons, int):
            problems.append("`requires` needs `topics: [..]` and `lessons: N`")
            req_topics, min_lessons = [], 0
        for t in req_topics:
            if t not in raw_topics:
                problems.append(f"required topic `{t}` is not in `topics`")
        help_keys = spec.get("help", [])
        if not isinstance(help_keys, list):
            problems.append("`help` must be a list of contact keys")
            help_keys = []
        for p in problems:
            report.add(name, line, "config-track", f"track `{key}`: {p}",
                       "compare with the other tracks in curriculum.yml")
        if problems:
            continue
        tracks[str(key)] = Track(
            key=str(key), name=str(spec.get("name", key)), short=str(spec.get("short", key)),
            name_en=str(spec.get("name_en", "")), audience=spec["audience"],
            grades=list(grades), minutes=minutes, unit=str(spec.get("unit", "차시")),
            required_topics=[str(t) for t in req_topics], min_lessons=min_lessons,
            help=[str(h) for h in help_keys], line=line,
            worksheet_per_lesson=bool(req.get("worksheet_per_lesson", False)),
            parent_letters=int(req.get("parent_letters", 0) or 0))
    return site, tracks, topics


CONTACT_FIELDS = {"name", "name_en", "phone", "text", "url", "where", "hours", "for",
                  "for_en", "source", "checked"}


def load_contacts(root: Path, report: Report, today: dt.date, max_age_months: int):
    name = "contacts.yml"
    data, lines = _load_mapping(root, name, report)
    contacts: dict[str, Contact] = {}
    if not isinstance(data, dict):
        return contacts
    raw_lines = (root / name).read_text("utf-8", "replace").splitlines()
    for key, spec in data.items():
        line = lines.get(key, 1)
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            report.add(name, line, "contact-invalid", f"contact `{key}` needs a `name`",
                       "write `KEY:` then indented `name:`, `phone:`, `source:`, `checked:`")
            continue
        unknown = sorted(set(spec) - CONTACT_FIELDS)
        if unknown:
            report.add(name, line, "contact-unknown-field",
                       f"contact `{key}` has unknown field(s): {', '.join(unknown)}",
                       f"allowed fields: {', '.join(sorted(CONTACT_FIELDS))}")
        phones = spec.get("phone") or []
        if isinstance(phones, str):
            phones = [phones]
        bad = [p for p in phones if not isinstance(p, str) or not PHONE.match(p)]
        if bad:
            report.add(name, line, "contact-phone", f"contact `{key}`: phone {bad} is not a "
                       "number like 112, 1377 or 02-735-8994",
                       "write numbers in quotes as text: phone: [\"1377\"]")
            phones = [p for p in phones if p not in bad]
        checked = spec.get("checked")
        if not isinstance(checked, dt.date):
            report.add(name, line, "contact-unchecked",
                       f"contact `{key}` has no `checked` date",
                       "call or look up the contact, then write `checked: 2026-11-25`")
            checked = None
        elif _months_between(checked, today) > max_age_months:
            cl = next((i for i, l in enumerate(raw_lines[line - 1:], line)
                       if l.strip().startswith("checked:")), line)
            report.add(name, cl, "contact-stale",
                       f"contact `{key}` was last checked {checked.isoformat()}, more than "
                       f"{max_age_months} months ago", "check the number and hours on the "
                       "official site, then update `checked`", severity="warning")
        if not spec.get("source"):
            report.add(name, line, "contact-source", f"contact `{key}` has no `source`",
                       "write where the number was confirmed (official URL)")
        contacts[str(key)] = Contact(
            key=str(key), name=spec["name"], name_en=str(spec.get("name_en", "")),
            phone=[str(p) for p in phones], text=str(spec.get("text", "")),
            url=str(spec.get("url", "")), where=str(spec.get("where", "")),
            hours=str(spec.get("hours", "")), purpose=str(spec.get("for", "")),
            purpose_en=str(spec.get("for_en", "")), source=str(spec.get("source", "")),
            checked=checked, line=line)
    return contacts


def _months_between(earlier: dt.date, later: dt.date) -> float:
    return (later - earlier).days / 30.44
