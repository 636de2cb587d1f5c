"""The published JSON Schemas are generated from the same specs the check uses."""

import json

import pytest
import yaml

from conftest import ROOT
from curriculum.cli import schema_texts
from curriculum.inputs import INPUTS
from curriculum.source import split_front_matter


@pytest.fixture(scope="module")
def texts():
    return schema_texts(ROOT)


def test_committed_schemas_are_current(texts):
    assert len(texts) == len(INPUTS)
    for path, text in texts.items():
        committed = (ROOT / path).read_text("utf-8") if (ROOT / path).exists() else ""
        assert committed == text, f"{path} is stale: run `make schema` and commit the result"


def _validate(instance, schema):
    """A small validator for the keywords the lesson schema uses (no extra dependency)."""
    problems = []
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
    schema = json.loads((ROOT / "schema/lesson.schema.json").read_text("utf-8"))
    fm = split_front_matter(path.read_text("utf-8"))[0]
    meta = yaml.safe_load(fm)
    meta = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in meta.items()}
    assert _validate(meta, schema) == []


def test_schema_rejects_what_the_check_rejects():
    schema = json.loads((ROOT / "schema/lesson.schema.json").read_text("utf-8"))
    assert _validate({"id": "x", "topic": []}, schema)  # missing fields and a typo
    assert schema["additionalProperties"] is False
    assert "middle" in schema["properties"]["track"]["enum"]


def test_every_input_has_a_closed_schema(texts):
    curriculum = json.loads(texts["schema/curriculum.schema.json"])
    site = curriculum["properties"]["site"]
    assert site["additionalProperties"] is False
    assert site["properties"]["review_months"]["type"] == "integer"
    laws = json.loads(texts["schema/laws.schema.json"])
    assert laws["additionalProperties"]["additionalProperties"] is False
