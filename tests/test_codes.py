"""The catalogue of finding codes: every code the engine reports is in it, with its
severity, meaning and fix; a code that is not is a bug the report refuses."""

import ast
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, check
from curriculum.codes import AREAS, CODES, ERROR, WARNING, lookup
from curriculum.findings import Report
from curriculum.paths import FINDING_CODES, RULES

# Codes of issue 9 (laws, organisations, blocks, macros, the YAML spec) that the engine
# does not report yet: catalogued now so their wording is reviewed with the rest.
PLANNED = {"law-unknown", "law-form", "block-unknown", "block-missing", "block-nested",
           "org-unknown", "former-name", "penalty-by-hand", "macro-unknown-kind",
           "registry-stale", "spec-type", "spec-required",
           "spec-unknown-key", "spec-enum", "spec-range", "spec-pattern", "spec-ref"}


def reported_codes() -> list[tuple[str, int, str, bool]]:
    """(file, line, code or prefix, is_prefix) of every `….add(path, line, CODE, …)`
    call in the engine, read from the source so that rare paths are covered too."""
    out = []
    for path in sorted((ROOT / "curriculum").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "add"):
                continue
            receiver = ast.unparse(node.func.value)
            if not receiver.endswith("report"):
                continue
            arg = node.args[2] if len(node.args) > 2 else next(
                (k.value for k in node.keywords if k.arg == "code"), None)
            where = (path.relative_to(ROOT).as_posix(), node.lineno)
            for value in (arg.body, arg.orelse) if isinstance(arg, ast.IfExp) else (arg,):
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    out.append((*where, value.value, False))
                elif isinstance(value, ast.JoinedStr) and isinstance(value.values[0], ast.Constant):
                    out.append((*where, value.values[0].value, True))
                else:
                    out.append((*where, ast.unparse(value) if value else "?", None))
    return out


def test_every_code_the_engine_reports_is_in_the_catalogue():
    sites = reported_codes()
    assert len(sites) > 60
    problems = []
    for file, line, code, is_prefix in sites:
        # A code computed at run time (a variable) is checked by Report.add when reported.
        if is_prefix and not any(c.family == code or c.code.startswith(code) for c in CODES):
            problems.append(f"{file}:{line}: no catalogued code starts with `{code}`")
        elif is_prefix is False and lookup(code) is None:
            problems.append(f"{file}:{line}: `{code}` is not in curriculum/codes.py")
    assert problems == []


def test_the_catalogue_holds_no_code_the_engine_never_reports():
    reported = {code for _, _, code, is_prefix in reported_codes() if is_prefix is False}
    prefixes = {code for _, _, code, is_prefix in reported_codes() if is_prefix}
    unused = {c.code for c in CODES if c.family is None and c.code not in reported}
    unused |= {c.code for c in CODES if c.family and c.family not in prefixes}
    # handout-<field> is reserved for the spec-driven handout check (issue 9).
    # contact-stale is passed to the shared freshness check as an argument.
    assert unused <= PLANNED | {"handout-<field>", "contact-stale"}


def test_entries_are_complete_and_in_korean():
    seen = set()
    for c in CODES:
        assert c.code not in seen, c.code
        seen.add(c.code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*(-<[a-z]+>)?", c.code), c.code
        assert c.severity in (ERROR, WARNING, None), c.code
        assert c.area in AREAS, c.code
        assert re.search("[가-힣]", c.meaning) and re.search("[가-힣]", c.fix), c.code
        assert c.en, c.code
        # Macros must stay in backticks: outside them the page would expand them.
        assert not re.search(r"(?<!`)\{\{", c.meaning + c.fix.replace("`{{", "")), c.code
        # Links may lead only to generated pages, which every repository has.
        prose = re.sub(r"`[^`]*`", "", c.meaning + c.fix)
        for target in re.findall(r"\]\(([^)]*)\)", prose):
            assert f"editors/{target}" in {RULES, FINDING_CODES}, (c.code, target)
    assert PLANNED <= seen


@pytest.mark.parametrize("code,entry", [
    ("broken-link", "broken-link"), ("invalid-periods", "invalid-<field>"),
    ("wording-blame-posting", "wording-<rule>"), ("handout-missing", "handout-missing"),
    ("handout-kind", "handout-<field>"), ("spec-enum", "spec-enum"),
])
def test_codes_and_families_resolve(code, entry):
    assert lookup(code).code == entry


@pytest.mark.parametrize("code", ["no-such-code", "broken_link", "invalid-", "wording-"])
def test_an_unknown_code_is_a_programming_error(code):
    with pytest.raises(AssertionError, match=re.escape(f"`{code}`")):
        Report().add("x.md", 1, code, "message")


def test_severity_comes_from_the_catalogue_and_must_agree_with_it():
    report = Report()
    report.add("x.md", 1, "review-stale", "old")
    report.add("x.md", 2, "wording-fear-shock", "scary", severity=WARNING)
    assert [f.severity for f in report.findings] == [WARNING, WARNING]
    with pytest.raises(AssertionError, match="codes.py says warning"):
        report.add("x.md", 3, "review-stale", "old", severity=ERROR)
    with pytest.raises(AssertionError, match="severity `fatal`"):
        report.add("x.md", 3, "wording-fear-shock", "scary", severity="fatal")


def test_a_bad_rule_in_language_rules_is_a_finding_not_a_crash(healthy):
    path = healthy / "language-rules.yml"
    path.write_text(path.read_text("utf-8") + "\n- id: fear test\n  pattern: x\n"
                    "- id: fear-x\n  pattern: y\n  severity: fatal\n- just text\n", "utf-8")
    found = sorted(f for f in check(healthy).report.findings if f.path == "language-rules.yml")
    assert {"spec-pattern", "spec-enum", "spec-type"} <= {f.code for f in found}
    messages = " ".join(f.message for f in found)
    assert "fear test" in messages and "fatal" in messages


def test_editors_page_lists_every_code_and_is_published():
    from curriculum.render.directives import expand_directives
    from curriculum.render.text import esc

    page = (ROOT / "docs" / FINDING_CODES).read_text("utf-8")
    loaded = check(FIXTURES / "healthy")
    markdown = expand_directives(page, FINDING_CODES, loaded.curriculum, loaded.rules, None)
    for c in CODES:
        assert f">{esc(c.code)}</code>" in markdown, c.code
    assert markdown.count("<table") == len({c.area for c in CODES})
    guide = (ROOT / "docs" / "editors" / "lesson-format.md").read_text("utf-8")
    assert "(finding-codes.md)" in guide
