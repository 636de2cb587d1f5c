"""The whole text report on the broken fixtures, exactly as an editor reads it, against a
committed golden file: any change to a message, hint, line or code shows up as a diff.

After an intended change, regenerate and review:

    make golden        # = pytest tests/test_golden.py --update-golden
    git diff tests/golden/
"""

import difflib
from pathlib import Path

import pytest

from conftest import FIXTURES, check
from curriculum.findings import format_report

GOLDEN = Path(__file__).resolve().parent / "golden"


def assert_golden(name: str, actual: str, request) -> None:
    path = GOLDEN / name
    if request.config.getoption("update_golden"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"{path.name} is missing: run `make golden` to create it", pytrace=False)
    expected = path.read_text("utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True),
            fromfile=f"tests/golden/{name} (committed)", tofile=f"{name} (this run)"))
        pytest.fail(f"the report differs from tests/golden/{name}; if the change is intended, "
                    f"run `make golden` and commit the file.\n\n{diff}", pytrace=False)


def test_text_report_of_the_broken_fixtures_matches_the_golden_file(request):
    text = format_report(check(FIXTURES / "broken").report, "text") + "\n"
    # Paths are relative to the repository checked, so the file is the same on every machine.
    assert str(FIXTURES) not in text and "\\" not in text
    assert_golden("broken-report.txt", text, request)
