"""The fast front-matter path must agree with PyYAML, or step aside."""

import pytest
import yaml

from conftest import ROOT, FIXTURES
from curriculum.fastyaml import parse_flat
from curriculum.source import split_front_matter

SOURCES = sorted(ROOT.glob("lessons/*/*/index.md")) + sorted(ROOT.glob("lessons/*/*/handouts/*.md")) \
    + sorted(FIXTURES.glob("*/lessons/*/*/index.md"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: "/".join(p.parts[-3:]))
def test_fast_path_agrees_with_pyyaml(path):
    fm = split_front_matter(path.read_text("utf-8"))[0]
    if fm is None:
        return
    try:
        expected = yaml.safe_load(fm)
    except yaml.YAMLError:
        assert parse_flat(fm, 2) is None
        return
    fast = parse_flat(fm, 2)
    if fast is not None:
        assert fast[0] == expected


def test_most_real_front_matter_takes_the_fast_path():
    fms = [split_front_matter(p.read_text("utf-8"))[0] for p in SOURCES[:60]]
    assert sum(parse_flat(f, 2) is not None for f in fms if f) > len(fms) * 0.7


@pytest.mark.parametrize("text", [
    "a: yes", "a: no", "a: null", "a: 1.5", "a: 0x10", "a: '인용'", "a: 제목: 부제",
    "a: 제목 # 주석", "a: [x, 'y']", "a: &anchor 값", "a: 2026-13-45", "a:\n  - [x]",
    "a: 1\na: 2", "a:\n    b: 1", "a: -1", "title: ~",
])
def test_anything_unusual_goes_to_pyyaml(text):
    assert parse_flat(text, 2) is None
