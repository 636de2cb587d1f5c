"""The lesson front matter, field by field: one definition for the check and the schema.

`schema/lesson.schema.json` is generated from FIELDS (`curriculum schema`), so the
editors' tools and the check can never disagree about what a lesson may say.
"""

from __future__ import annotations

import datetime as dt
import re

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
STATUSES = ("draft", "published")

# type: str | int | date | list[str] | list[int]; enum: fixed values or a name
# resolved from curriculum.yml ("tracks", "topics").
FIELDS: dict[str, dict] = {
    "id": {"type": "str", "required": True, "pattern": SLUG,
           "doc": "Stable, unique id: the track folder, a hyphen, the lesson folder.",
           "hint": "write the track and folder name joined by a hyphen, e.g. middle-deepfake-harm"},
    "title": {"type": "str", "required": True, "min": 1,
              "doc": "The lesson's Korean title.", "hint": "write a short Korean title"},
    "track": {"type": "str", "required": True, "enum": "tracks",
              "doc": "Key of a track in curriculum.yml; equals the track folder.",
              "hint": "use the name of the folder the lesson is in"},
    "grades": {"type": "list[int]", "required": True,
               "doc": "Grades taught, e.g. [1, 2]; [] for adult tracks.",
               "hint": "write the grades as a list, e.g. [5, 6]"},
    "periods": {"type": "int", "required": True, "min": 1, "max": 10,
                "doc": "Number of periods (차시) or sessions.",
                "hint": "write a whole number such as 1"},
    "order": {"type": "int", "required": False, "min": 1, "max": 99999,
              "doc": "Position in the track's sequence (1 = first).",
              "hint": "write a whole number such as 2"},
    "topics": {"type": "list[str]", "required": True, "enum": "topics", "min": 1,
               "doc": "Topic keys from curriculum.yml.",
               "hint": "use keys from curriculum.yml `topics`, e.g. [consent, privacy]"},
    "objectives": {"type": "list[str]", "required": True, "min": 1,
                   "doc": "Learning objectives, each ending in '~할 수 있다.'",
                   "hint": "list at least one objective ending in '~할 수 있다.'"},
    "summary": {"type": "str", "required": False,
                "doc": "One sentence shown in catalogs and search results.",
                "hint": "write one plain sentence"},
    "status": {"type": "str", "required": True, "enum": STATUSES,
               "doc": "draft while writing; published when it may be taught.",
               "hint": "write draft or published"},
    "reviewed": {"type": "date", "required": True,
                 "doc": "Date of the last content review (YYYY-MM-DD).",
                 "hint": "write the date as 2026-11-20"},
    "handouts": {"type": "list[str]", "required": True, "pattern": SLUG,
                 "doc": "Names of files in handouts/ (without .md) printed with the lesson.",
                 "hint": "list file names from handouts/ without .md, or write []"},
}

_TYPES = {"str": str, "int": int, "date": dt.date}
_LABEL = {"str": "text", "int": "a whole number", "date": "a date (YYYY-MM-DD)",
          "list[str]": "a list of text", "list[int]": "a list of whole numbers"}


def check_value(name: str, value, spec: dict, allowed: dict[str, set]) -> list[tuple[int | None, str]]:
    """Problems of one field's value: (list index or None, message)."""
    kind = spec["type"]
    out: list[tuple[int | None, str]] = []
    enum = spec.get("enum")
    values = set(enum) if isinstance(enum, tuple) else allowed.get(enum or "", None)

    def one(v, index):
        base = kind[5:-1] if kind.startswith("list[") else kind
        t = _TYPES[base]
        if isinstance(v, bool) or not isinstance(v, t) or (t is dt.date and isinstance(v, dt.datetime)):
            out.append((index, f"`{name}` must be {_LABEL[base] if index is None else _LABEL[base] + ' items'}, "
                               f"not `{v!r}`"))
            return
        if values is not None and v not in values:
            near = _closest(str(v), values)
            out.append((index, f"`{name}`: `{v}` is not one of the allowed values"
                               + (f" (did you mean `{near}`?)" if near else "")))
        if "pattern" in spec and isinstance(v, str) and not re.match(spec["pattern"], v):
            out.append((index, f"`{name}`: `{v}` may use only lower-case letters, digits and hyphens"))
        if base == "str" and not kind.startswith("list[") and spec.get("min") and not v.strip():
            out.append((index, f"`{name}` is empty"))
        if base == "int":
            if "min" in spec and v < spec["min"] or "max" in spec and v > spec["max"]:
                out.append((index, f"`{name}` must be between {spec.get('min')} and {spec.get('max')}"))

    if kind.startswith("list["):
        if not isinstance(value, list):
            out.append((None, f"`{name}` must be {_LABEL[kind]}, e.g. [a, b]"))
            return out
        if spec.get("min") and len(value) < spec["min"]:
            out.append((None, f"`{name}` needs at least {spec['min']} item(s)"))
        for i, v in enumerate(value):
            one(v, i)
        if len(set(map(repr, value))) != len(value):
            out.append((None, f"`{name}` lists the same item twice"))
    else:
        one(value, None)
    return out


def _closest(word: str, options) -> str | None:
    import difflib
    m = difflib.get_close_matches(word, sorted(map(str, options)), n=1, cutoff=0.6)
    return m[0] if m else None


def closest_field(word: str) -> str | None:
    return _closest(word, FIELDS)


def json_schema(tracks: list[str], topics: list[str]) -> dict:
    """JSON Schema (draft 2020-12) of the lesson front matter."""
    props = {}
    for name, spec in FIELDS.items():
        kind = spec["type"]
        base = kind[5:-1] if kind.startswith("list[") else kind
        item: dict = {"str": {"type": "string"}, "int": {"type": "integer"},
                      "date": {"type": "string", "format": "date"}}[base].copy()
        enum = spec.get("enum")
        if enum == "tracks":
            item["enum"] = tracks
        elif enum == "topics":
            item["enum"] = topics
        elif isinstance(enum, tuple):
            item["enum"] = list(enum)
        if "pattern" in spec:
            item["pattern"] = spec["pattern"]
        if base == "int":
            for k, j in (("min", "minimum"), ("max", "maximum")):
                if k in spec:
                    item[j] = spec[k]
        if base == "str" and spec.get("min") and not kind.startswith("list["):
            item["minLength"] = 1
        if kind.startswith("list["):
            prop = {"type": "array", "items": item, "uniqueItems": True}
            if spec.get("min"):
                prop["minItems"] = spec["min"]
        else:
            prop = item
        prop["description"] = spec["doc"]
        props[name] = prop
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "lesson.schema.json",
        "title": "Lesson front matter (lessons/<track>/<slug>/index.md)",
        "type": "object",
        "additionalProperties": False,
        "required": [n for n, s in FIELDS.items() if s["required"]],
        "properties": props,
    }
