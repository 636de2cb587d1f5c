"""One broken lesson per kind of mistake: each must be reported at its file and line."""

from conftest import FIXTURES, check

EXPECTED = {
    ("curriculum.yml", 20, "coverage-topic"),
    ("docs/index.md", 3, "broken-link"),
    ("lessons/middle/bad-type/index.md", 6, "invalid-periods"),
    ("lessons/middle/broken-link/index.md", 44, "broken-link"),
    ("lessons/middle/copy-of-fake-photos/index.md", 2, "id-folder-mismatch"),
    ("lessons/middle/duplicate-key/index.md", 8, "duplicate-key"),
    ("lessons/middle/empty-lesson", 1, "lesson-index-missing"),
    ("lessons/middle/fake-photos/index.md", 2, "duplicate-id"),
    ("lessons/middle/handout-missing/index.md", 14, "handout-missing"),
    ("lessons/middle/id-mismatch/index.md", 2, "id-folder-mismatch"),
    ("lessons/middle/image-no-alt/index.md", 44, "broken-image"),
    ("lessons/middle/image-no-alt/index.md", 44, "image-alt-missing"),
    ("lessons/middle/link-outside/index.md", 44, "link-outside"),
    ("lessons/middle/minutes-sum/index.md", 21, "phase-minutes-sum"),
    ("lessons/middle/missing-field/index.md", 2, "missing-field"),
    ("lessons/middle/missing-section/index.md", 16, "section-missing"),
    ("lessons/middle/no-front-matter/index.md", 1, "front-matter-missing"),
    ("lessons/middle/personal-data/index.md", 44, "personal-phone"),
    ("lessons/middle/personal-data/index.md", 44, "personal-id"),
    ("lessons/middle/personal-data/index.md", 44, "personal-email"),
    ("lessons/middle/phase-no-minutes/index.md", 28, "phase-minutes-missing"),
    ("lessons/middle/stale-review/index.md", 13, "review-stale"),
    ("lessons/middle/unknown-contact/index.md", 40, "unknown-contact"),
    ("lessons/middle/unknown-field/index.md", 11, "unknown-field"),
    ("lessons/middle/unknown-topic/index.md", 10, "invalid-topics"),
    ("lessons/middle/victim-blaming/index.md", 44, "wording-blame-posting"),
    ("lessons/middle/wrong-phone/index.md", 40, "unknown-phone"),
    ("lessons/middle/wrong-phone/index.md", 41, "unknown-phone"),
    ("lessons/middle/wrong-track/index.md", 4, "track-folder-mismatch"),
    ("lessons/middle/wrong-track/index.md", 5, "invalid-grades"),
    ("lessons/middle/wrong-track/index.md", 21, "phase-minutes-sum"),
    ("lessons/middle/yaml-broken/index.md", 3, "yaml-syntax"),
    ("lessons/midle", 1, "unknown-track-folder"),
}


def test_every_mistake_is_reported_at_its_place():
    report = check(FIXTURES / "broken").report
    assert set(report.codes()) == EXPECTED


def test_all_findings_of_a_run_come_together_and_hints_say_how_to_fix():
    report = check(FIXTURES / "broken").report
    assert len(report.errors) == len(EXPECTED) - 1  # review-stale is a warning
    assert all(f.hint for f in report.findings)


def test_hints_name_what_the_editor_probably_meant():
    hints: dict[str, str] = {}
    for f in check(FIXTURES / "broken").report.findings:
        hints[f.code] = hints.get(f.code, "") + " | " + f.hint
    assert "did you mean `topics`?" in hints["unknown-field"]
    assert "did you mean `1377`?" in hints["unknown-phone"]
    assert "did you mean `02-735-8994`?" in hints["unknown-phone"]
    assert "set `id: middle-id-mismatch`" in hints["id-folder-mismatch"]
    assert "did you mean `middle`?" in hints["unknown-track-folder"]
    assert "add up to 45" in hints["phase-minutes-sum"]
