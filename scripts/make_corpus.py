"""Generate a synthetic curriculum of N lessons for benchmarks.

The lessons are the real ones of this repository, cycled across all tracks with new
folders, ids and titles, so page sizes and check work are those of real content.
Usage: python scripts/make_corpus.py N OUT_DIR
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPY = ["curriculum.yml", "contacts.yml", "language-rules.yml", "mkdocs.yml", "docs",
        "reference", "blocks",
        "overrides", "curriculum/mkdocs_hooks.py"]


def make_corpus(n: int, out: Path) -> Path:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in COPY:
        src, dst = ROOT / name, out / name
        if not src.exists():
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dst)
    templates = sorted((ROOT / "lessons").glob("*/*/index.md"))
    if not templates:
        raise SystemExit("no lessons to copy from")
    for i in range(n):
        src = templates[i % len(templates)]
        track, slug = src.parent.parent.name, f"{src.parent.name}-{i:05d}"
        dst = out / "lessons" / track / slug
        shutil.copytree(src.parent, dst)
        text = (dst / "index.md").read_text("utf-8")
        text = re.sub(r"(?m)^id: .*$", f"id: {track}-{slug}", text, count=1)
        text = re.sub(r"(?m)^title: (.*)$", lambda m: "title: " + (
            json.dumps(f"{json.loads(m.group(1))} ({i + 1})", ensure_ascii=False)
            if m.group(1).startswith('"') else f"{m.group(1)} ({i + 1})"), text, count=1)
        text = re.sub(r"(?m)^order: .*$", f"order: {i + 1}", text, count=1)
        (dst / "index.md").write_text(text, "utf-8")
    return out


if __name__ == "__main__":
    make_corpus(int(sys.argv[1]), Path(sys.argv[2]))
