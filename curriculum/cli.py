"""Command line: `curriculum check`, `curriculum schema`, `curriculum new`, `curriculum report`.

Exit codes of `check`: 0 no errors (warnings allowed), 1 errors found, 2 the check
itself could not run.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import traceback
from pathlib import Path

from .spec import SLUG
from .findings import default_format, format_report

SCHEMA_DIR = "schema"


def _root(arg: str | None) -> Path:
    root = Path(arg or ".").resolve()
    if not (root / "curriculum.yml").exists():
        raise SystemExit(f"curriculum: no curriculum.yml in {root} (run from the repository "
                         "root or pass --root)")
    return root


def cmd_check(args) -> int:
    from .engine import load

    loaded = load(_root(args.root), keep_text=args.pdf)
    if args.pdf:
        # Page budgets need the real PDFs: rendered once, then reused from the cache.
        from .printing.build import build_print, site_url_from_env
        printed = build_print(loaded, site_url_from_env(), loaded.curriculum.root / ".build",
                              packs=False)
        loaded.report.extend(printed.report)
    fmt = args.format or default_format()
    print(format_report(loaded.report, fmt))
    if args.no_fail:
        return 0
    return 1 if loaded.report.errors else 0


def schema_texts(root: Path) -> dict[str, str]:
    """schema/<input>.schema.json for every YAML input, generated from inputs.INPUTS."""
    from .engine import load
    from .inputs import INPUTS
    from .spec import json_schema

    loaded = load(root, keep_text=False)
    cur = loaded.curriculum
    refs = {"tracks": list(cur.tracks), "topics": list(cur.topics),
            "contacts": list(cur.contacts), "blocks": sorted({b.block_id for b in
                                                               cur.reference.blocks.values()})}
    out = {}
    for item in INPUTS:
        schema = json_schema(item.spec, refs, f"{item.title} ({item.files})",
                             f"{item.name}.schema.json")
        out[f"{SCHEMA_DIR}/{item.name}.schema.json"] = json.dumps(
            schema, ensure_ascii=False, indent=2) + "\n"
    return out


def cmd_schema(args) -> int:
    root = _root(args.root)
    texts = schema_texts(root)
    if args.write:
        # The only files outside site/ this command writes, and only when asked to.
        for path, text in texts.items():
            out = root / path
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    else:
        sys.stdout.write("".join(texts.values()))
    return 0


LESSON_TEMPLATE = """---
id: {id}
title: 수업 제목
track: {track}
grades: {grades}
periods: 1
topics: [{topic}]
objectives:
  - ~을 설명할 수 있다.
summary: 이 수업을 한 문장으로 소개합니다.
status: draft
reviewed: {today}
handouts: []
---

## 준비물

- ◈ 활동지

## 도입 ({intro}분)

### 마음 열기

- **T:** 교사 발문
- **S:** 학생 예상 반응
- ※ 약속 정하기: 이름 말하지 않기, 말하고 싶지 않으면 넘어가기

## 전개 ({main}분)

### 활동 1.

## 정리 ({close}분)

### 배움 정리

## 유의점

- 수업 전 상담 교사에게 수업 일정을 알린다.

## 평가

| 평가 요소 | 평가 방법 | 상 | 중 | 하 |
|---|---|---|---|---|
|  |  |  |  |  |
"""


def cmd_new(args) -> int:
    from .engine import load, today

    root = _root(args.root)
    cur = load(root).curriculum
    if args.track not in cur.tracks:
        print(f"curriculum: unknown track `{args.track}`; tracks: {', '.join(cur.tracks)}",
              file=sys.stderr)
        return 2
    if not re.match(SLUG, args.slug):
        print("curriculum: the folder name may use lower-case letters, digits and hyphens",
              file=sys.stderr)
        return 2
    folder = root / "lessons" / args.track / args.slug
    if folder.exists():
        print(f"curriculum: {folder.relative_to(root)} already exists", file=sys.stderr)
        return 2
    track = cur.tracks[args.track]
    m = track.minutes
    intro, close = (5, 5) if m <= 45 else (10, 10) if m >= 60 else (5, 7)
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(LESSON_TEMPLATE.format(
        id=f"{args.track}-{args.slug}", track=args.track, grades=json.dumps(track.grades),
        topic=track.required_topics[0] if track.required_topics else next(iter(cur.topics)),
        today=today().isoformat(), intro=intro, main=m - intro - close, close=close),
        encoding="utf-8")
    print(f"created {(folder / 'index.md').relative_to(root)} (status: draft)")
    return 0


def cmd_codeowners(args) -> int:
    from .codeowners import PATH, codeowners_text, write_codeowners
    from .engine import load

    cur = load(_root(args.root), keep_text=False).curriculum
    if args.write:
        write_codeowners(cur)
        print(f"wrote {PATH}")
    else:
        sys.stdout.write(codeowners_text(cur))
    return 0


def cmd_stage(args) -> int:
    from .printing.build import site_url_from_env
    from .stage import stage

    root = _root(args.root)
    out = Path(args.out) if Path(args.out).is_absolute() else root / args.out
    counts = stage(root, out, site_url_from_env(), pdf=not args.no_pdf)
    print(f"staged {counts['pages']} page(s) and {counts['files']} file(s) in {out}; "
          f"build with: zensical build -f {out}/mkdocs.yml (or mkdocs build -f …)")
    return 0


def cmd_report(args) -> int:
    from .report import write_report

    root = _root(args.root)
    out = Path(args.out) if Path(args.out).is_absolute() else root / args.out
    path, _ = write_report(root, args.base, out, link_base=args.link_base,
                           artifact_url=args.artifact_url or "", pdf=not args.no_pdf)
    sys.stdout.write(path.read_text(encoding="utf-8"))
    print(f"\n(wrote {path})", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="curriculum", description=__doc__.splitlines()[0])
    parser.add_argument("--root", help="repository root (default: current folder)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="check lessons, guides and coverage")
    p.add_argument("--format", choices=["text", "github", "json"],
                   help="output form (default: github under GitHub Actions, else text)")
    p.add_argument("--pdf", action="store_true",
                   help="also render handouts (cached) and check their page budgets")
    p.add_argument("--no-fail", action="store_true",
                   help="report findings but exit 0 (used before building the site)")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("schema", help="print (or --write) the JSON Schemas of every YAML input")
    p.add_argument("--write", action="store_true", help=f"write {SCHEMA_DIR}/*.schema.json")
    p.set_defaults(func=cmd_schema)
    p = sub.add_parser("new", help="create a new draft lesson from the template")
    p.add_argument("track")
    p.add_argument("slug")
    p.set_defaults(func=cmd_new)
    p = sub.add_parser("codeowners", help="print (or --write) .github/CODEOWNERS from the "
                       "tracks' maintainers in curriculum.yml")
    p.add_argument("--write", action="store_true", help="write .github/CODEOWNERS")
    p.set_defaults(func=cmd_codeowners)
    p = sub.add_parser("stage", help="write every page (directives and macros expanded), "
                       "asset, search index and PDF, and a hook-free mkdocs.yml, into a folder")
    p.add_argument("--out", default=".build/stage", help="the folder (default .build/stage)")
    p.add_argument("--no-pdf", action="store_true", help="no handout PDFs or packs")
    p.set_defaults(func=cmd_stage)
    p = sub.add_parser("report", help="the change report against a git ref (Korean Markdown)")
    p.add_argument("--base", required=True, help="git ref to compare with, e.g. origin/main")
    p.add_argument("--out", default=".build/report",
                   help="folder for report.md and previews/*.png (default .build/report)")
    p.add_argument("--link-base", help="prefix of file links (default: relative to --out), "
                   "e.g. https://github.com/OWNER/REPO/blob/SHA/")
    p.add_argument("--artifact-url", help="link previews to this page (a workflow run's "
                   "artifacts) instead of embedding the PNGs")
    p.add_argument("--no-pdf", action="store_true", help="no page counts or previews")
    p.set_defaults(func=cmd_report)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except SystemExit as exc:
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
            return 2
        raise
    except Exception:  # the check itself failed: say so, exit 2, never pretend success
        print("curriculum: internal error, the check could not run:", file=sys.stderr)
        traceback.print_exc()
        return 2


if __name__ == "__main__":
    sys.exit(main())
