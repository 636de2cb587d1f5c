"""Generate a curriculum of N lessons for benchmarks by replicating the real ones.

Every lesson folder of this repository (index.md at full length, its handouts and any
pictures) is copied whole, in turn, until there are N: copy i of a lesson lives in the
same track as the original (the first round in the original folders, later ones in `<slug>-<i>`), with its own id, title and
order. Nothing is shortened or generated, so page sizes and the work of the check are
those of real content, and a replicated corpus checks as cleanly as the real one.
The configuration, contacts, language rules, docs and any registries (reference/,
blocks/) come along, so macros in the lessons resolve as they do in the repository.

Usage: python scripts/make_corpus.py N OUT_DIR   (prints what it made)
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPY = ["curriculum.yml", "contacts.yml", "language-rules.yml", "mkdocs.yml", "docs",
        "overrides", "curriculum/mkdocs_hooks.py"]
OPTIONAL = ["reference", "blocks"]  # registries of laws, organisations and shared blocks


def real_lessons(root: Path = ROOT) -> list[Path]:
    return sorted(p.parent for p in (root / "lessons").glob("*/*/index.md"))


def make_corpus(n: int, out: Path) -> Path:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in COPY + [o for o in OPTIONAL if (ROOT / o).exists()]:
        src, dst = ROOT / name, out / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dst)
    templates = real_lessons()
    if not templates:
        raise SystemExit("no lessons to copy from")
    for i in range(n):
        src = templates[i % len(templates)]
        # The first round keeps the real folder names, so guides that link to a lesson
        # still find it; later copies get new folders.
        track = src.parent.name
        slug = src.name if i < len(templates) else f"{src.name}-{i:05d}"
        dst = out / "lessons" / track / slug
        shutil.copytree(src, dst)  # index.md, handouts/, images/: the whole bundle
        text = (dst / "index.md").read_text("utf-8")
        text = re.sub(r"(?m)^id: .*$", f"id: {track}-{slug}", text, count=1)
        text = re.sub(r"(?m)^title: (.*)$", lambda m: "title: " + (
            json.dumps(f"{json.loads(m.group(1))} ({i + 1})", ensure_ascii=False)
            if m.group(1).startswith('"') else f"{m.group(1)} ({i + 1})"), text, count=1)
        text = re.sub(r"(?m)^order: .*$", f"order: {i + 1}", text, count=1)
        (dst / "index.md").write_text(text, "utf-8")
    return out


def describe(root: Path) -> dict:
    """Lessons, handouts and Markdown size of a curriculum (to compare with the real one)."""
    lessons = list((root / "lessons").glob("*/*/index.md"))
    handouts = list((root / "lessons").glob("*/*/handouts/*.md"))
    size = sum(p.stat().st_size for p in lessons + handouts)
    return {"lessons": len(lessons), "handouts": len(handouts),
            "markdown_mb": round(size / 1024 / 1024, 1),
            "kb_per_lesson": round(size / 1024 / max(len(lessons), 1), 1)}


if __name__ == "__main__":
    made = make_corpus(int(sys.argv[1]), Path(sys.argv[2]))
    print(json.dumps({"corpus": describe(made), "real": describe(ROOT)}, ensure_ascii=False))
