"""Loading the registries lessons cite instead of typing facts: reference/laws.yml,
reference/organisations.yml and the shared blocks in blocks/<id>/<variant>.md.

Every entry is validated against its spec (inputs.py) and carries its source and the
date it was checked; an entry checked longer ago than the configured period is a
warning naming it and its source.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import inputs
from .config import _date, check_freshness
from .findings import Report
from .model import Block, Law, Offence, Organisation
from .source import load_document, load_yaml_file, rel, walk_files
from .spec import SLUG, line_of, report_problems, validate

import re

LAWS = "reference/laws.yml"
ORGANISATIONS = "reference/organisations.yml"
BLOCKS = "blocks"


def _offence(key: str, spec: dict) -> Offence:
    prison = spec.get("prison") or {}
    return Offence(key=key, act=str(spec.get("act") or ""), prison_max=prison.get("max"),
                   prison_min=prison.get("min"), life=bool(prison.get("life")),
                   fine=spec.get("fine"), administrative_fine=spec.get("administrative_fine"))


def _entries(root: Path, name: str, spec, report: Report):
    """(key, entry, lines) of each valid entry of a registry file."""
    data, lines = load_yaml_file(root, name, report, required=False)
    if data is None:
        return [], {}
    if not isinstance(data, dict):
        report.add(name, 1, "spec-type", f"{name} must map ids to entries",
                   "write `id:` then the entry's fields indented by two spaces")
        return [], {}
    problems = validate(data, spec)
    report_problems(problems, name, lines, report)
    # An entry is left out only when what pages show is broken; a missing source or
    # date is reported and the entry still serves.
    bad = {p.path[0] for p in problems if len(p.path) == 1 or (
        p.kind != "unknown-key" and p.path[1] not in ("source", "checked", "note", "in_force"))}
    return [(k, v, lines) for k, v in data.items() if k not in bad and isinstance(v, dict)], lines


def load_laws(root: Path, report: Report, today: dt.date, max_age: int) -> dict[str, Law]:
    laws: dict[str, Law] = {}
    entries, lines = _entries(root, LAWS, inputs.LAWS, report)
    for key, e, lines in entries:
        law = Law(key=key, law=e["law"], short=e["short"], article=e["article"],
                  title=str(e.get("title") or ""), covers=e["covers"],
                  offences={k: _offence(k, v) for k, v in (e.get("offences") or {}).items()},
                  penalty=_offence("", e["penalty"]) if isinstance(e.get("penalty"), dict) else None,
                  in_force=_date(e.get("in_force")), source=str(e.get("source") or ""),
                  checked=_date(e.get("checked")),
                  note=str(e.get("note") or ""), line=line_of(lines, (key,)))
        for o in list(law.offences.values()) + ([law.penalty] if law.penalty else []):
            if not (o.prison_max or o.prison_min or o.life or o.fine or o.administrative_fine):
                report.add(LAWS, line_of(lines, (key,)), "spec-required",
                           f"law `{key}`: a penalty needs a prison term, a fine or a 과태료",
                           "write e.g. `prison: {max: 7}` and `fine: 50000000`")
        laws[key] = law
        if law.checked:
            check_freshness(LAWS, f"law `{key}` ({law.short} {law.article})", law.checked,
                            law.source, line_of(lines, (key, "checked")), today, max_age, report)
    return laws


def load_organisations(root: Path, report: Report, today: dt.date,
                       max_age: int) -> dict[str, Organisation]:
    orgs: dict[str, Organisation] = {}
    entries, _ = _entries(root, ORGANISATIONS, inputs.ORGANISATIONS, report)
    for key, e, lines in entries:
        orgs[key] = Organisation(key=key, name=e["name"], short=str(e.get("short") or ""),
                                 former=[(f["name"], f.get("until")) for f in e.get("former") or []],
                                 source=str(e.get("source") or ""),
                                 checked=_date(e.get("checked")), line=line_of(lines, (key,)))
        if orgs[key].checked:
            check_freshness(ORGANISATIONS, f"organisation `{key}`", orgs[key].checked,
                            orgs[key].source, line_of(lines, (key, "checked")), today, max_age,
                            report)
    return orgs


def block_ids(root: Path) -> set[str]:
    """Ids of the blocks on disk (folder names), for curriculum.yml's `requires.blocks`."""
    base = root / BLOCKS
    if not base.is_dir():
        return set()
    return {p.name for p in base.iterdir() if p.is_dir() and not p.is_symlink()}


def load_blocks(root: Path, report: Report, today: dt.date, max_age: int) -> dict[str, Block]:
    blocks: dict[str, Block] = {}
    base = root / BLOCKS
    for path in walk_files(base, "*.md"):
        name = rel(root, path)
        parts = path.relative_to(base).parts
        if len(parts) != 2 or not all(re.match(SLUG, p.removesuffix(".md")) for p in parts):
            report.add(name, 1, "block-path", "a block lives in blocks/<id>/<variant>.md "
                       "(lower-case letters, digits and hyphens)",
                       "move it, e.g. to blocks/disclosure/lesson.md")
            continue
        doc = load_document(root, path, report)
        if doc is None:
            continue
        problems = validate(doc.meta, inputs.BLOCK)
        lines = {(k,): v for k, v in doc.lines.items() if isinstance(k, str)}
        report_problems(problems, name, lines, report)
        if any(p.kind != "unknown-key" for p in problems):
            continue
        key = f"{parts[0]}/{parts[1].removesuffix('.md')}"
        if "{{block:" in doc.body:
            report.add(name, doc.body_line + doc.body[:doc.body.find("{{block:")].count("\n"),
                       "block-nested", "a block cannot place another block",
                       "write the text here, or place both blocks in the lesson")
        blocks[key] = Block(key=key, title=doc.meta["title"], audience=doc.meta["audience"],
                            source=doc.meta["source"], checked=doc.meta["checked"],
                            body=doc.body.strip("\n"), path=name, body_line=doc.body_line)
        check_freshness(name, f"block `{key}`", doc.meta["checked"], doc.meta["source"],
                        doc.lines.get("checked", 1), today, max_age, report)
    return blocks
