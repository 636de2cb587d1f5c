"""One declarative spec language for every YAML input, and the validator and JSON
Schema generator that read it.

A spec is a tree of small node objects (Str, Int, Date, Bool, ListOf, Record, MapOf).
`validate` walks data and spec together and yields Problems (a path into the data, a
kind, a message and a hint); the loader that owns the file turns them into findings
with the line of that path. `json_schema` turns the same tree into JSON Schema, so the
editors' tools and the check never disagree. The specs themselves live in `inputs.py`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


@dataclass(frozen=True)
class Str:
    pattern: str | None = None
    enum: tuple | str | None = None  # fixed values, or the name of a set given at check time
    nonempty: bool = False
    pattern_hint: str = "lower-case letters, digits and hyphens"


@dataclass(frozen=True)
class Int:
    min: int | None = None
    max: int | None = None


@dataclass(frozen=True)
class Bool:
    pass


@dataclass(frozen=True)
class Date:
    not_future: bool = False


@dataclass(frozen=True)
class ListOf:
    item: Any
    min_items: int = 0
    unique: bool = True
    scalar_ok: bool = False  # a single value may stand for a one-item list


@dataclass(frozen=True)
class Field:
    spec: Any
    required: bool = False
    doc: str = ""
    hint: str = ""
    default: Any = None


@dataclass(frozen=True)
class Record:
    """A mapping with known keys; any other key is a problem (never silently ignored)."""

    fields: dict
    doc: str = ""


@dataclass(frozen=True)
class MapOf:
    """A mapping from ids (keys matching `key_pattern`) to values of one spec."""

    value: Any
    key_pattern: str = SLUG
    min_items: int = 0
    doc: str = ""


@dataclass
class Problem:
    path: tuple
    kind: str  # type | required | unknown-key | enum | range | pattern | ref
    message: str
    hint: str = ""


_LABEL = {Str: "text", Int: "a whole number", Bool: "true or false",
          Date: "a date written 2026-12-01", ListOf: "a list, e.g. [a, b]",
          Record: "a mapping of `key: value` lines", MapOf: "a mapping of `id:` entries"}


def closest(word: str, options) -> str | None:
    m = difflib.get_close_matches(str(word), sorted(map(str, options)), n=1, cutoff=0.6)
    return m[0] if m else None


def _where(path: tuple) -> str:
    """tracks.middle.help (item 2): keys joined with dots, list positions counted from 1."""
    if not path:
        return "the file"
    keys = ".".join(str(p) for p in path if not isinstance(p, int))
    items = ", ".join(f"item {p + 1}" for p in path if isinstance(p, int))
    return f"{keys} ({items})" if keys and items else keys or items


def validate(data, spec, allowed: dict[str, set] | None = None, path: tuple = (),
             hint: str = "") -> list[Problem]:
    """Every problem of `data` against `spec`, collected (never raised)."""
    out: list[Problem] = []
    _walk(data, spec, allowed or {}, path, hint, out)
    return out


def _type_problem(value, spec, path, hint, out):
    out.append(Problem(path, "type", f"`{_where(path)}` must be {_LABEL[type(spec)]}, "
                                     f"not `{value!r}`", hint))


_PATTERNS: dict[str, re.Pattern] = {}


def _pattern(text: str) -> re.Pattern:
    p = _PATTERNS.get(text)
    if p is None:
        p = _PATTERNS[text] = re.compile(text)
    return p


def _walk(value, spec, allowed, path, hint, out):
    kind = type(spec)
    if kind is Str and type(value) is str and not (spec.enum or spec.pattern or spec.nonempty):
        return  # plain text, the commonest case: nothing more to look at
    if isinstance(spec, Str):
        if not isinstance(value, str):
            return _type_problem(value, spec, path, hint or "put text in quotes", out)
        if spec.nonempty and not value.strip():
            out.append(Problem(path, "required", f"`{_where(path)}` is empty", hint))
        values = spec.enum if isinstance(spec.enum, tuple) else allowed.get(spec.enum or "")
        if values is not None and value not in values:
            near = closest(value, values)
            out.append(Problem(path, "ref" if isinstance(spec.enum, str) else "enum",
                               f"`{_where(path)}`: `{value}` is not one of the allowed values"
                               + (f" (did you mean `{near}`?)" if near else ""),
                               hint or f"use one of: {', '.join(sorted(map(str, values))[:12])}"))
        if spec.pattern and not _pattern(spec.pattern).match(value):
            out.append(Problem(path, "pattern", f"`{_where(path)}`: `{value}` may use only "
                                                f"{spec.pattern_hint}", hint))
    elif isinstance(spec, Int):
        if isinstance(value, bool) or not isinstance(value, int):
            return _type_problem(value, spec, path, hint or "write digits only, e.g. 12", out)
        if (spec.min is not None and value < spec.min) or (spec.max is not None and value > spec.max):
            out.append(Problem(path, "range", f"`{_where(path)}` must be between "
                                              f"{spec.min} and {spec.max}, not {value}", hint))
    elif isinstance(spec, Bool):
        if not isinstance(value, bool):
            _type_problem(value, spec, path, hint or "write true or false", out)
    elif isinstance(spec, Date):
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            _type_problem(value, spec, path, hint or "write the date as 2026-12-01", out)
    elif isinstance(spec, ListOf):
        if not isinstance(value, list):
            if spec.scalar_ok and not isinstance(value, (dict, list)) and value is not None:
                return _walk(value, spec.item, allowed, path, hint, out)
            return _type_problem(value, spec, path, hint, out)
        if len(value) < spec.min_items:
            out.append(Problem(path, "required", f"`{_where(path)}` needs at least "
                                                 f"{spec.min_items} item(s)", hint))
        for i, item in enumerate(value):
            _walk(item, spec.item, allowed, path + (i,), hint, out)
        if spec.unique and len({repr(v) for v in value}) != len(value):
            out.append(Problem(path, "enum", f"`{_where(path)}` lists the same item twice",
                               "keep one of the two"))
    elif isinstance(spec, Record):
        if not isinstance(value, dict):
            return _type_problem(value, spec, path, hint, out)
        for key in value:
            if key not in spec.fields:
                near = closest(key, spec.fields)
                out.append(Problem(path + (key,), "unknown-key", f"unknown key `{key}` in "
                                   f"`{_where(path)}`", f"did you mean `{near}`?" if near else
                                   f"allowed keys: {', '.join(spec.fields)}"))
        for name, f in spec.fields.items():
            if name not in value or value[name] is None:
                if f.required:
                    out.append(Problem(path + (name,), "required",
                                       f"`{_where(path + (name,))}` is missing",
                                       f.hint or f"add `{name}:` ({f.doc})"))
                continue
            _walk(value[name], f.spec, allowed, path + (name,), f.hint, out)
    elif isinstance(spec, MapOf):
        if not isinstance(value, dict):
            return _type_problem(value, spec, path, hint, out)
        if len(value) < spec.min_items:
            out.append(Problem(path, "required", f"`{_where(path)}` needs at least "
                                                 f"{spec.min_items} entr(ies)", hint))
        for key, item in value.items():
            if not isinstance(key, str) or not re.match(spec.key_pattern, key):
                out.append(Problem(path + (key,), "pattern", f"`{key}` is not a valid id",
                                   "use lower-case letters, digits and hyphens, e.g. "
                                   "`school-violence`"))
                continue
            _walk(item, spec.value, allowed, path + (key,), hint, out)
    else:  # pragma: no cover - a spec mistake is a programming error
        raise TypeError(f"unknown spec node {spec!r}")


def defaults(spec: Record, data: dict) -> dict:
    """`data` with each missing optional field set to its declared default."""
    out = dict(data)
    for name, f in spec.fields.items():
        if out.get(name) is None and f.default is not None:
            out[name] = f.default
    return out


# --- JSON Schema --------------------------------------------------------------------

def json_schema(spec, refs: dict[str, list] | None = None, title: str = "",
                schema_id: str = "") -> dict:
    """JSON Schema (draft 2020-12) of a spec; `refs` gives the values of named enums."""
    out = _schema(spec, refs or {})
    head = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    if schema_id:
        head["$id"] = schema_id
    if title:
        head["title"] = title
    return {**head, **out}


def _schema(spec, refs) -> dict:
    if isinstance(spec, Str):
        s: dict = {"type": "string"}
        if spec.nonempty:
            s["minLength"] = 1
        if spec.pattern:
            s["pattern"] = spec.pattern
        enum = spec.enum if isinstance(spec.enum, tuple) else refs.get(spec.enum or "")
        if enum is not None:
            s["enum"] = list(enum)
        return s
    if isinstance(spec, Int):
        s = {"type": "integer"}
        if spec.min is not None:
            s["minimum"] = spec.min
        if spec.max is not None:
            s["maximum"] = spec.max
        return s
    if isinstance(spec, Bool):
        return {"type": "boolean"}
    if isinstance(spec, Date):
        return {"type": "string", "format": "date"}
    if isinstance(spec, ListOf):
        s = {"type": "array", "items": _schema(spec.item, refs)}
        if spec.unique:
            s["uniqueItems"] = True
        if spec.min_items:
            s["minItems"] = spec.min_items
        if spec.scalar_ok:
            return {"anyOf": [s, _schema(spec.item, refs)]}
        return s
    if isinstance(spec, Record):
        props = {}
        for name, f in spec.fields.items():
            p = _schema(f.spec, refs)
            if f.doc:
                p["description"] = f.doc
            props[name] = p
        s = {"type": "object", "additionalProperties": False, "properties": props}
        required = [n for n, f in spec.fields.items() if f.required]
        if required:
            s["required"] = required
        if spec.doc:
            s["description"] = spec.doc
        return s
    if isinstance(spec, MapOf):
        s = {"type": "object", "propertyNames": {"pattern": spec.key_pattern},
             "additionalProperties": _schema(spec.value, refs)}
        if spec.min_items:
            s["minProperties"] = spec.min_items
        if spec.doc:
            s["description"] = spec.doc
        return s
    raise TypeError(f"unknown spec node {spec!r}")  # pragma: no cover


# --- line numbers -------------------------------------------------------------------

def node_lines(node, first_line: int = 1) -> dict:
    """Line of every path in a composed YAML node tree: {(): 1, ("tracks",): 14,
    ("tracks", "middle", "minutes"): 52, ("grades", 0): 4, …}."""
    out: dict = {}

    def walk(n, path):
        out[path] = first_line + n.start_mark.line
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                key = k.value
                if k.tag.endswith(":int"):
                    try:
                        key = int(key)
                    except ValueError:
                        pass
                out[path + (key,)] = first_line + k.start_mark.line
                walk(v, path + (key,))
                out[path + (key,)] = first_line + k.start_mark.line
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                walk(v, path + (i,))

    if node is not None:
        walk(node, ())
    return out


def line_of(lines: dict, path: tuple, default: int = 1) -> int:
    """The line of `path`, or of its nearest ancestor that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get((), default)


def report_problems(problems: list[Problem], name: str, lines: dict, report,
                    code=lambda kind: f"spec-{kind}") -> None:
    """Each problem as a finding at the line of its path in file `name`."""
    for p in problems:
        report.add(name, line_of(lines, p.path), code(p.kind), p.message, p.hint)
