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


# Characters with a meaning in YAML, and harmless ones to mix them with.
RISKY = [":", "#", "[", "]", "{", "}", ",", "'", '"', "&", "*", "!", "|", ">", "-", "?",
         "%", "@", "`", "~", "\t", " "]
PLAIN = ["가", "나", "다", "a", "b", "z", "1", "0", "-", " "]
KEYS = ["a", "title", "topics", "on", "null", "b_2"]
ITEM_INDENTS = ["  ", "  ", " ", "\t"]


def _word(rng) -> str:
    # Half the words start with Hangul, as editors' values do (those the fast path takes).
    return rng.choice(["", "가"]) + "".join(rng.choice(RISKY if rng.random() < 0.2 else PLAIN)
                                            for _ in range(rng.randint(1, 6)))


def _document(rng) -> str:
    lines = []
    for key in rng.sample(KEYS, rng.randint(1, 3)):
        indent = " " * rng.choice([0, 0, 0, 0, 1, 2])
        form = rng.random()
        if form < 0.45:
            lines.append(f"{indent}{key}: {_word(rng)}")
        elif form < 0.8:
            items = ", ".join(_word(rng) for _ in range(rng.randint(0, 3)))
            lines.append(f"{indent}{key}: [{items}]")
        else:
            lines.append(f"{indent}{key}:")
            lines += [rng.choice(ITEM_INDENTS) + "- " + _word(rng)
                      for _ in range(rng.randint(0, 3))]
    return "\n".join(lines) + "\n"


def test_generated_front_matter_agrees_with_pyyaml_or_steps_aside():
    """Random front matter made of YAML's special characters (deterministic seed): the
    fast path must give what yaml.safe_load gives, or return None."""
    import random

    rng = random.Random(2026)
    fast_taken = 0
    for _ in range(1000):
        text = _document(rng)
        fast = parse_flat(text, 2)
        if fast is None:
            continue
        fast_taken += 1
        try:
            expected = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            pytest.fail(f"fast path accepted what PyYAML rejects ({exc.__class__.__name__}):\n{text}")
        assert fast[0] == expected, text
    assert fast_taken > 100  # the comparison must not be vacuous


@pytest.mark.parametrize("text", ["a: [가], 나]", "a: [가{나}]", "a: [가?나]", "a: [가]]",
                                  "on: 가", "null: 가", "yes: 1"])
def test_flow_indicators_inside_items_and_yaml_word_keys_go_to_pyyaml(text):
    assert parse_flat(text, 2) is None
