"""CODEOWNERS from `maintainers:` per track: generated, and kept current by the check."""

from __future__ import annotations

from conftest import check

from curriculum.cli import main
from curriculum.codeowners import PATH


def add_maintainers(root, handles='["@kim-teacher", "@jne-edu/middle"]'):
    cfg = root / "curriculum.yml"
    text = cfg.read_text(encoding="utf-8")
    text = text.replace("    help: [police, school-violence, d4u]\n",
                        f"    help: [police, school-violence, d4u]\n    maintainers: {handles}\n", 1)
    cfg.write_text(text, encoding="utf-8")


def codes(root):
    return [f.code for f in check(root).report.findings]


def test_no_maintainers_no_codeowners_no_finding(healthy):
    assert "codeowners-stale" not in codes(healthy)


def test_missing_then_written_then_stale(healthy):
    add_maintainers(healthy)
    assert "codeowners-stale" in codes(healthy)
    assert main(["--root", str(healthy), "codeowners", "--write"]) == 0
    text = (healthy / PATH).read_text(encoding="utf-8")
    assert "/lessons/middle/ @kim-teacher @jne-edu/middle\n" in text
    assert "do not edit by hand" in text
    assert "codeowners-stale" not in codes(healthy)
    (healthy / PATH).write_text(text.replace("@kim-teacher ", ""), encoding="utf-8")
    found = [f for f in check(healthy).report.findings if f.code == "codeowners-stale"]
    assert found and found[0].path == PATH and "make codeowners" in found[0].hint


def test_handle_must_look_like_a_github_handle(healthy):
    add_maintainers(healthy, '["kim teacher"]')
    assert "spec-pattern" in codes(healthy)
