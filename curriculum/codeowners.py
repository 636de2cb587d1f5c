"""`.github/CODEOWNERS` generated from the `maintainers:` of each track in curriculum.yml.

GitHub asks the owners of the files a pull request changes to review it: a track's
maintainers review its lessons (lessons/<track>/). The file is generated, never edited
by hand: `curriculum codeowners --write` (or `make codeowners`) writes it, and the check
reports `codeowners-stale` when it no longer matches curriculum.yml.
"""

from __future__ import annotations

from pathlib import Path

from .findings import Report
from .model import Curriculum

PATH = ".github/CODEOWNERS"
HEADER = """\
# Generated from `maintainers:` of each track in curriculum.yml: do not edit by hand.
# After changing curriculum.yml run `make codeowners` (curriculum codeowners --write).
# 각 과정의 `maintainers:`(curriculum.yml)에서 만든 파일입니다. 직접 고치지 마세요.
"""


def codeowners_text(cur: Curriculum) -> str:
    lines = [HEADER]
    for key, track in cur.tracks.items():
        if track.maintainers:
            lines.append(f"# {track.name}\n/lessons/{key}/ {' '.join(track.maintainers)}\n")
    return "\n".join(lines)


def wanted(cur: Curriculum) -> bool:
    return any(t.maintainers for t in cur.tracks.values()) or (cur.root / PATH).exists()


def check_codeowners(cur: Curriculum, report: Report) -> None:
    if not wanted(cur):
        return
    path = cur.root / PATH
    have = path.read_text(encoding="utf-8") if path.is_file() else None
    if have != codeowners_text(cur):
        report.add(PATH, 1, "codeowners-stale",
                   f"{PATH} does not match `maintainers:` in curriculum.yml"
                   if have is not None else f"{PATH} is missing; curriculum.yml names maintainers",
                   "run `make codeowners` (curriculum codeowners --write) and commit the file")


def write_codeowners(cur: Curriculum) -> Path:
    path = cur.root / PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(codeowners_text(cur), encoding="utf-8")
    return path
