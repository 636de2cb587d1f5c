"""The change report (`curriculum report --base REF`) on a scratch branch of this
repository: one lesson drafted, one worksheet edited."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from curriculum.cli import main
from curriculum.report import MARKER

REPO = Path(__file__).resolve().parents[1]
WORKSHEET = "lessons/middle/deepfake-harm/handouts/worksheet.md"
NEW_HEADING = "### 1. 딥페이크란 무엇일까요? 보고서 시험"

pytestmark = pytest.mark.pdf


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.org",
                           *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """A clone of the repository on a scratch branch; `main` is where it started."""
    clone = tmp_path_factory.mktemp("report") / "repo"
    git(REPO, "clone", "-q", "--shared", str(REPO), str(clone))
    git(clone, "checkout", "-q", "-b", "scratch")
    git(clone, "branch", "-f", "main", "scratch")  # CI clones are detached or shallow
    assert main(["--root", str(clone), "new", "middle", "report-scratch"]) == 0
    ws = clone / WORKSHEET
    text = ws.read_text(encoding="utf-8")
    assert "### 1. 딥페이크란?" in text
    ws.write_text(text.replace("### 1. 딥페이크란?", NEW_HEADING, 1), encoding="utf-8")
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "scratch: draft a lesson, edit a worksheet")
    return clone


@pytest.fixture(scope="module")
def report(scratch, tmp_path_factory):
    out = tmp_path_factory.mktemp("report-out")
    assert main(["--root", str(scratch), "report", "--base", "main", "--out", str(out)]) == 0
    return out, (out / "report.md").read_text(encoding="utf-8")


def test_names_the_coverage_change_of_the_lessons_track(report):
    _, text = report
    assert text.startswith(MARKER)
    rows = [l for l in text.splitlines() if l.startswith("| 중학교 |")]
    # The new draft counts in its track's lesson row and in its topic's row.
    assert any("(수업 수)" in r and "0 → 1" in r for r in rows), rows
    assert len(rows) >= 2
    assert "lessons/middle/report-scratch/index.md" in text
    assert "**추가** 중학교" in text


def test_shows_the_worksheets_new_first_page_as_png(report):
    out, text = report
    line = next(l for l in text.splitlines() if WORKSHEET in l)
    assert "변경" in line
    png = out / "previews" / "middle-deepfake-harm-worksheet.png"
    assert f"![첫 쪽](previews/{png.name})" in line
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # The PNG is the new first page: its text holds the edited heading.
    import fitz

    pix = fitz.Pixmap(str(png))
    assert pix.width > 200 and pix.height > pix.width  # an A4 page, portrait


def test_new_first_page_is_the_edited_one(scratch, report):
    """The preview comes from the worksheet as edited: the cached PDF it was drawn from
    holds the new heading on page 1."""
    import fitz

    cache = scratch / ".build" / "pdf-cache"
    texts = []
    for pdf in cache.glob("*.pdf"):
        with fitz.open(str(pdf)) as doc:
            texts.append(doc[0].get_text())
    assert any("보고서 시험" in t for t in texts)
    assert any("딥페이크란?" in t and "보고서 시험" not in t for t in texts)  # the before


def test_unchanged_tree_reports_nothing(scratch, tmp_path):
    assert main(["--root", str(scratch), "report", "--base", "HEAD", "--out",
                 str(tmp_path), "--no-pdf"]) == 0
    assert "바뀐 수업·인쇄물·사실이 없습니다" in (tmp_path / "report.md").read_text("utf-8")


def test_bad_ref_is_a_clear_error(scratch, tmp_path, capsys):
    assert main(["--root", str(scratch), "report", "--base", "no-such-ref", "--out",
                 str(tmp_path)]) == 2
    assert "cannot read git ref" in capsys.readouterr().err
