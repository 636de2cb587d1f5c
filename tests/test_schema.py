"""The published JSON Schema is generated from the same field list the check uses."""

import json

import pytest

from conftest import ROOT
from curriculum.cli import SCHEMA_PATH, schema_text
from curriculum.source import split_front_matter

import yaml


def test_committed_schema_is_current():
    committed = (ROOT / SCHEMA_PATH).read_text("utf-8")
    assert committed == schema_text(ROOT), "run `make schema` and commit the result"


def _validate(instance, schema):
    """A small validator for the keywords the schema uses (no extra dependency)."""
    problems = []
    if schema.get("type") == "object":
        for key in schema["required"]:
            if key not in instance:
                problems.append(f"missing {key}")
        for key, value in instance.items():
            if key not in schema["properties"]:
                problems.append(f"unknown {key}")
                continue
            prop = schema["properties"][key]
            items = value if prop.get("type") == "array" else [value]
            spec = prop.get("items", prop)
            for v in items:
                if "enum" in spec and v not in spec["enum"]:
                    problems.append(f"{key}: {v} not allowed")
    return problems


@pytest.mark.parametrize("path", sorted((ROOT / "lessons").glob("*/*/index.md"))[:40],
                         ids=lambda p: p.parent.name)
def test_real_lessons_validate_against_the_schema(path):
    schema = json.loads((ROOT / SCHEMA_PATH).read_text("utf-8"))
    fm = split_front_matter(path.read_text("utf-8"))[0]
    meta = yaml.safe_load(fm)
    meta = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in meta.items()}
    assert _validate(meta, schema) == []


def test_schema_rejects_what_the_check_rejects():
    schema = json.loads((ROOT / SCHEMA_PATH).read_text("utf-8"))
    assert _validate({"id": "x", "topic": []}, schema)  # missing fields and a typo
    assert schema["additionalProperties"] is False
    assert "middle" in schema["properties"]["track"]["enum"]
