"""The change report: what a change does to the curriculum, for the editors who review it.

`curriculum report --base REF` loads the curriculum at the git ref REF (extracted with
`git archive` into a temporary folder: the working tree is never touched) and the
working tree, and writes one short Korean Markdown report: findings new and fixed,
coverage rows changed (track x topic, published and draft lessons), lessons and
handouts added, changed and removed, for each changed handout its page count before
and after and a PNG of its new first page, and the registry entries (laws,
organisations, contacts, blocks) that changed.

PDFs come from the same cache as the build (.build/pdf-cache, never pruned here); the
first page is drawn by poppler's `pdftoppm` when it is installed (Debian/Ubuntu
poppler-utils, on every CI runner with apt-get), else by PyMuPDF.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import posixpath
import shutil
import subprocess
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# The comment's marker: the workflow finds its own earlier comment by it.
MARKER = "<!-- curriculum-report -->"
MAX_ROWS = 30  # per list: a report stays scannable; the rest is counted


def extract(root: Path, ref: str, dest: Path) -> None:
    """The tree of `ref` into `dest` (git archive: no worktree, no checkout)."""
    run = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", ref],
                         capture_output=True)
    if run.returncode:
        raise SystemExit(f"curriculum: cannot read git ref `{ref}`: "
                         f"{run.stderr.decode(errors='replace').strip()}")
    data = run.stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _lesson_digest(root: Path, lesson) -> str:
    """Everything in the lesson's folder (the plan, handouts, pictures)."""
    h = hashlib.sha256()
    folder = root / lesson.url_dir
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(folder).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


@dataclass
class Side:
    root: Path
    loaded: object

    @property
    def cur(self):
        return self.loaded.curriculum


def load_side(root: Path) -> Side:
    from .engine import load

    return Side(root, load(root))


# -- findings ------------------------------------------------------------------------

def _finding_key(f) -> tuple:
    # Lines move when text is added above: a finding is the same finding when its file,
    # code and message are.
    return (f.path, f.code, f.message)


def findings_diff(base: Side, head: Side):
    b = Counter(_finding_key(f) for f in base.loaded.report.findings)
    h = Counter(_finding_key(f) for f in head.loaded.report.findings)
    def beyond(side, other):
        """Findings of `side` past as many of the same as `other` has."""
        out, seen = [], Counter()
        for f in side.loaded.report.sorted():
            k = _finding_key(f)
            seen[k] += 1
            if seen[k] > other[k]:
                out.append(f)
        return out
    new, fixed = beyond(head, b), beyond(base, h)
    return new, fixed


# -- coverage ------------------------------------------------------------------------

@dataclass
class CoverageRow:
    track: str
    topic: str  # "" for the track's lesson count
    before: tuple[int, int]  # (published, draft)
    after: tuple[int, int]
    required: bool
    met_before: bool
    met_after: bool


def _counts(cur) -> dict[tuple[str, str], tuple[int, int]]:
    out: dict[tuple[str, str], list[int]] = {}
    for lesson in cur.lessons:
        col = 0 if lesson.published else 1
        for topic in [""] + list(lesson.topics):
            out.setdefault((lesson.track, topic), [0, 0])[col] += 1
    return {k: tuple(v) for k, v in out.items()}


def coverage_diff(base: Side, head: Side) -> list[CoverageRow]:
    b, h = _counts(base.cur), _counts(head.cur)
    rows = []
    tracks = list(head.cur.tracks) + [t for t in base.cur.tracks if t not in head.cur.tracks]
    topic_order = {t: i for i, t in enumerate(list(head.cur.topics) + list(base.cur.topics))}
    # Every counted cell, and every required one (a requirement may change alone).
    keys = set(b) | set(h)
    for side in (base, head):
        for k, t in side.cur.tracks.items():
            keys.add((k, ""))
            keys.update((k, topic) for topic in t.required_topics)
    for key in sorted(keys, key=lambda k: (tracks.index(k[0]) if k[0] in tracks
                                           else 99, topic_order.get(k[1], -1))):
        before, after = b.get(key, (0, 0)), h.get(key, (0, 0))
        track, topic = key

        def req(side, counts):
            t = side.cur.tracks.get(track)
            if t is None:
                return False, True
            if topic:
                need = topic in t.required_topics
                return need, (not need) or counts[0] > 0
            return True, counts[0] >= t.min_lessons
        need_b, met_b = req(base, before)
        need_h, met_h = req(head, after)
        if before == after and need_b == need_h and met_b == met_h:
            continue
        rows.append(CoverageRow(track, topic, before, after, need_b or need_h, met_b, met_h))
    return rows


# -- lessons and handouts ------------------------------------------------------------

@dataclass
class Change:
    kind: str  # added | changed | removed
    path: str
    title: str
    lesson: object = None  # the lesson (head, else base)
    detail: str = ""


@dataclass
class HandoutChange(Change):
    handout: object = None
    pages_before: int | None = None
    pages_after: int | None = None
    png: str = ""  # path of the preview, relative to the report's folder
    pdf_path: str = ""  # site path of the PDF


def lesson_changes(base: Side, head: Side) -> tuple[list[Change], list[HandoutChange]]:
    bl = {l.path: l for l in base.cur.lessons}
    hl = {l.path: l for l in head.cur.lessons}
    lessons, handouts = [], []
    for path in sorted(set(bl) | set(hl)):
        b, h = bl.get(path), hl.get(path)
        if b is None:
            lessons.append(Change("added", path, h.title, h, _status(h)))
        elif h is None:
            lessons.append(Change("removed", path, b.title, b, _status(b)))
        elif _lesson_digest(base.root, b) != _lesson_digest(head.root, h):
            detail = f"{_status(b)} → {_status(h)}" if b.status != h.status else ""
            lessons.append(Change("changed", path, h.title, h, detail))
        bh = {x.path: x for x in (b.handout_files if b else [])}
        hh = {x.path: x for x in (h.handout_files if h else [])}
        for hp in sorted(set(bh) | set(hh)):
            x, y = bh.get(hp), hh.get(hp)
            if x is None:
                handouts.append(HandoutChange("added", hp, y.title, h, handout=y))
            elif y is None:
                handouts.append(HandoutChange("removed", hp, x.title, b, handout=x))
            elif _digest(base.root / hp) != _digest(head.root / hp):
                handouts.append(HandoutChange("changed", hp, y.title, h, handout=y))
    return lessons, handouts


def _status(lesson) -> str:
    return "게시" if lesson.published else "초안"


def render_handouts(base: Side, head: Side, changes: list[HandoutChange], work: Path,
                    out_dir: Path) -> None:
    """Page counts before and after, and a PNG of the new first page, for every handout
    added or changed (student sheet, or the teacher's sheet when that is all there is)."""
    from . import siteurl
    from .printing.html import handout_document
    from .printing.links import short_codes, targets
    from .printing.pdf import render_all

    font_dir = head.root / "fonts"
    url = siteurl.normalise(siteurl.from_env())
    if siteurl.problem(url):
        url = None

    def docs_for(side: Side, want: list[HandoutChange]):
        codes = short_codes(targets(side.cur)) if url else {}
        by_path = {(l.path, h.path): (l, h) for l in side.cur.lessons for h in l.handout_files}
        docs = []
        for c in want:
            found = by_path.get((c.lesson.path if c.lesson else "", c.path))
            if found is None:
                # The lesson may be a different object on this side: match the handout only.
                found = next(((l, h) for (lp, hp), (l, h) in by_path.items() if hp == c.path),
                             None)
            if found is None:
                docs.append(None)
                continue
            lesson, h = found
            variant = "teacher" if h.audience == "teacher" else "student"
            docs.append(handout_document(side.cur, lesson, h, variant, url, font_dir, codes))
        return docs

    wanted = [c for c in changes if c.kind in ("added", "changed")]
    if not wanted:
        return
    cache = work / "pdf-cache"
    after_docs = docs_for(head, wanted)
    before_docs = docs_for(base, [c for c in wanted if c.kind == "changed"])
    real = [d for d in after_docs + before_docs if d is not None]
    rendered, _ = render_all(real, cache, font_dir)
    pdf_of = {id(r.doc): r for r in rendered}
    it = iter(before_docs)
    (out_dir / "previews").mkdir(parents=True, exist_ok=True)
    for c, doc in zip(wanted, after_docs):
        if doc is not None:
            r = pdf_of[id(doc)]
            c.pages_after = r.pages
            c.pdf_path = doc.site_path
            name = c.path.removeprefix("lessons/").replace("/handouts/", "-") \
                .replace("/", "-").removesuffix(".md") + ".png"
            if first_page_png(r.path, out_dir / "previews" / name):
                c.png = f"previews/{name}"
        if c.kind == "changed":
            bdoc = next(it)
            if bdoc is not None:
                c.pages_before = pdf_of[id(bdoc)].pages


def first_page_png(pdf: Path, png: Path, dpi: int = 60) -> bool:
    """The first page of `pdf` as `png`: poppler's pdftoppm, else PyMuPDF."""
    if shutil.which("pdftoppm"):
        prefix = png.with_suffix("")
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1",
                        "-singlefile", str(pdf), str(prefix)], check=True,
                       capture_output=True)
        return png.is_file()
    try:
        import fitz  # PyMuPDF
    except ImportError:
        return False
    with fitz.open(str(pdf)) as doc:
        doc[0].get_pixmap(dpi=dpi).save(str(png))
    return png.is_file()


# -- registries ----------------------------------------------------------------------

REGISTRIES = (("laws", "법령", "reference/laws.yml"),
              ("organisations", "기관", "reference/organisations.yml"),
              ("contacts", "연락처", "contacts.yml"),
              ("blocks", "공통 문안", "blocks/"))
_POSITION = {"line", "body_line", "path"}


def _entry(obj) -> dict:
    return {k: v for k, v in dataclasses.asdict(obj).items() if k not in _POSITION}


def _name(obj) -> str:
    for attr in ("name", "title", "short"):
        if getattr(obj, attr, ""):
            return getattr(obj, attr)
    return ""


def registry_diff(base: Side, head: Side) -> list[tuple[str, str, str, str, str]]:
    """(label, file, key, kind, detail) for every registry entry added, changed, removed."""
    out = []
    for attr, label, where in REGISTRIES:
        b = getattr(base.cur.reference, attr)
        h = getattr(head.cur.reference, attr)
        for key in sorted(set(b) | set(h)):
            x, y = b.get(key), h.get(key)
            file = f"blocks/{key}.md" if attr == "blocks" else where
            if x is None:
                out.append((label, file, key, "added", _name(y)))
            elif y is None:
                out.append((label, file, key, "removed", _name(x)))
            else:
                ex, ey = _entry(x), _entry(y)
                fields = [k for k in ey if ex.get(k) != ey.get(k)]
                if fields:
                    out.append((label, file, key, "changed",
                                f"{_name(y)} — 바뀐 항목: {', '.join(fields)}"))
    return out


# -- the report ----------------------------------------------------------------------

KIND = {"added": "추가", "changed": "변경", "removed": "삭제"}
SEVERITY = {"error": "❌ 오류", "warning": "⚠️ 경고"}


@dataclass
class ChangeReport:
    base_ref: str
    new: list = field(default_factory=list)
    fixed: list = field(default_factory=list)
    coverage: list[CoverageRow] = field(default_factory=list)
    lessons: list[Change] = field(default_factory=list)
    handouts: list[HandoutChange] = field(default_factory=list)
    registries: list = field(default_factory=list)
    head_cur: object = None
    base_cur: object = None

    @property
    def empty(self) -> bool:
        return not (self.new or self.fixed or self.coverage or self.lessons or self.handouts
                    or self.registries)


def make_report(root: Path, base_ref: str, out_dir: Path, pdf: bool = True) -> ChangeReport:
    root = Path(root).resolve()
    with tempfile.TemporaryDirectory(prefix="curriculum-base-") as tmp:
        base_root = Path(tmp) / "base"
        base_root.mkdir()
        extract(root, base_ref, base_root)
        base, head = load_side(base_root), load_side(root)
        rep = ChangeReport(base_ref, head_cur=head.cur, base_cur=base.cur)
        rep.new, rep.fixed = findings_diff(base, head)
        rep.coverage = coverage_diff(base, head)
        rep.lessons, rep.handouts = lesson_changes(base, head)
        rep.registries = registry_diff(base, head)
        if out_dir.exists():
            shutil.rmtree(out_dir / "previews", ignore_errors=True)
        out_dir.mkdir(parents=True, exist_ok=True)
        if pdf and rep.handouts:
            render_handouts(base, head, rep.handouts, root / ".build", out_dir)
    return rep


def _link(path: str, link_base: str, label: str | None = None) -> str:
    return f"[{label or path}]({link_base}{path})"


def _more(n: int) -> list[str]:
    return [f"- … 외 {n}건"] if n > 0 else []


def to_markdown(rep: ChangeReport, link_base: str = "", artifact_url: str = "") -> str:
    cur, bcur = rep.head_cur, rep.base_cur

    def track_name(key):
        t = cur.tracks.get(key) or bcur.tracks.get(key)
        return t.name if t else key

    def topic_name(key):
        t = cur.topics.get(key) or bcur.topics.get(key)
        return t.name if t else key

    out = [MARKER, f"## 수업안 변경 보고서 (기준: `{rep.base_ref}`)", ""]
    errors_new = sum(1 for f in rep.new if f.severity == "error")
    summary = [f"새 검사 결과 {len(rep.new)}건(오류 {errors_new}건)",
               f"해결된 검사 결과 {len(rep.fixed)}건",
               f"영역표 변경 {len(rep.coverage)}줄",
               f"수업 {len(rep.lessons)}개", f"인쇄물 {len(rep.handouts)}개",
               f"사실·연락처 {len(rep.registries)}건"]
    out += ["**요약:** " + " · ".join(summary), ""]
    if rep.empty:
        out += ["바뀐 수업·인쇄물·사실이 없습니다.", ""]
        return "\n".join(out)

    if rep.new or rep.fixed:
        out += ["### 검사 결과", ""]
        for title, items in (("새로 생긴 것", rep.new), ("해결된 것", rep.fixed)):
            if not items:
                continue
            out.append(f"**{title}** ({len(items)}건)")
            out.append("")
            for f in items[:MAX_ROWS]:
                out.append(f"- {SEVERITY.get(f.severity, f.severity)} "
                           f"{_link(f.path, link_base, f'{f.path}:{f.line}')} "
                           f"`{f.code}` {f.message}")
            out += _more(len(items) - MAX_ROWS) + [""]

    if rep.coverage:
        out += ["### 영역표 (과정 × 주제)", "",
                "게시된 수업만 충족에 셉니다. 초안은 따로 셉니다.", "",
                "| 과정 | 주제 | 게시 수업 | 초안 | 필수 충족 |", "|---|---|---|---|---|"]
        for r in rep.coverage[:MAX_ROWS]:
            topic = topic_name(r.topic) if r.topic else "(수업 수)"
            met = ("—" if not r.required else
                   f"{'✅' if r.met_before else '❌'} → {'✅' if r.met_after else '❌'}")
            out.append(f"| {track_name(r.track)} | {topic} | {_arrow(r.before[0], r.after[0])} "
                       f"| {_arrow(r.before[1], r.after[1])} | {met} |")
        out += _more(len(rep.coverage) - MAX_ROWS) + [""]

    if rep.lessons:
        out += ["### 수업", ""]
        for c in rep.lessons[:MAX_ROWS]:
            extra = f" ({c.detail})" if c.detail else ""
            out.append(f"- **{KIND[c.kind]}** {track_name(c.lesson.track)} · "
                       f"{_link(c.path, link_base, c.title)}{extra}")
        out += _more(len(rep.lessons) - MAX_ROWS) + [""]

    if rep.handouts:
        out += ["### 인쇄물", "", "| 인쇄물 | 변경 | A4 쪽수 (전 → 후) | 첫 쪽 |",
                "|---|---|---|---|"]
        for c in rep.handouts[:MAX_ROWS]:
            pages = _arrow(c.pages_before, c.pages_after) if c.kind != "removed" else "—"
            budget = getattr(c.handout, "pages", None)
            if c.pages_after and budget and c.pages_after > budget:
                pages += f" ⚠️ 예산 {budget}쪽 초과"
            if c.png and artifact_url:
                preview = f"[PNG]({artifact_url})"
            elif c.png:
                preview = f"![첫 쪽]({c.png})"
            else:
                preview = "—"
            out.append(f"| {_link(c.path, link_base, c.title or c.path)} | {KIND[c.kind]} "
                       f"| {pages} | {preview} |")
        out += _more(len(rep.handouts) - MAX_ROWS) + [""]
        if artifact_url and any(c.png for c in rep.handouts):
            out += [f"첫 쪽 미리보기(PNG)는 [작업 결과물]({artifact_url})에 있습니다.", ""]

    if rep.registries:
        out += ["### 사실·연락처 (등록부)", ""]
        for label, file, key, kind, detail in rep.registries[:MAX_ROWS]:
            out.append(f"- **{KIND[kind]}** {label} `{key}` ({_link(file, link_base)})"
                       + (f": {detail}" if detail else ""))
        out += _more(len(rep.registries) - MAX_ROWS) + [""]
    return "\n".join(out)


def _arrow(before, after) -> str:
    b = "—" if before is None else str(before)
    a = "—" if after is None else str(after)
    return a if b == a else f"{b} → {a}"


def write_report(root: Path, base_ref: str, out_dir: Path, link_base: str | None = None,
                 artifact_url: str = "", pdf: bool = True) -> tuple[Path, ChangeReport]:
    out_dir = Path(out_dir).resolve()
    rep = make_report(root, base_ref, out_dir, pdf=pdf)
    if link_base is None:
        # Links that work from the report's folder on disk.
        link_base = posixpath.join(Path(os.path.relpath(Path(root).resolve(), out_dir))
                                   .as_posix(), "")
    text = to_markdown(rep, link_base, artifact_url)
    path = out_dir / "report.md"
    path.write_text(text + "\n", encoding="utf-8")
    return path, rep
