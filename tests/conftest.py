import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from curriculum.engine import load

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2026, 11, 25)

# Every command the tests start sees the same "today" as the tests themselves.
os.environ.setdefault("CURRICULUM_TODAY", TODAY.isoformat())
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def check(root, on=TODAY):
    return load(root, on=on)


@pytest.fixture
def healthy(tmp_path):
    """A writable copy of the healthy fixture repository."""
    dst = tmp_path / "repo"
    shutil.copytree(FIXTURES / "healthy", dst)
    return dst


def site_files(root: Path) -> dict[str, bytes]:
    """Contents of every source file (to prove a command changed none of them)."""
    out = {}
    for base in ("lessons", "docs"):
        for p in sorted((root / base).rglob("*")):
            if p.is_file() and not p.is_symlink():
                out[p.relative_to(root).as_posix()] = p.read_bytes()
    return out
