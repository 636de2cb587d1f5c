"""The per-lesson kit for "내일 수업 준비": a one-page A4 수업 요약, 16:9 slides and a ZIP
of both with the lesson's handouts, all generated from the lesson plan and the
registries (nothing is typed twice, nothing is added that the plan does not say).

- **수업 요약**: objectives, the phases with the plan's own minutes and 학습 요소, what
  the plan says to write on the board or show on screen, the ※ notes, the track's help
  contacts. It must fit one A4 page: it is rendered with the most detail first and, if
  that runs over, again with fewer items per phase and shorter notes (levels 0-3); it
  always ends with "자세한 내용은 수업안…".
- **슬라이드** (16:9): a title slide, the class's ground rules where the plan states
  them, then the slides the editor marked in the plan with `!!! slide "제목"` or, in a
  plan without any, one slide per activity (its heading and the plan's board lines,
  or its first question), and the help slide(s). Computed once as data (slides.py:
  `deck`, a list of Slide) and drawn twice, as the PDF (slides.py) and as an editable
  PPTX (pptx.py), so both say the same words.
- **꾸러미** (ZIP): summary, slides (PDF and PPTX), the lesson's handouts (student and
  teacher copies) and a 가정통신문 (the lesson's own, else its track's first), with
  Korean file names safe on Windows.

PDFs are cached like the handouts (pdf.py: the hash of the complete HTML), in
`pdf-cache/kit/`, so a warm build renders none and removing pdf-cache makes a cold one;
the PPTX sits beside them, keyed by its slides (pptx.py).
"""

from __future__ import annotations

import hashlib
import html as htmllib
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..body import HEADING, PHASE, MINUTES, markdown_lines
from ..macros import expand
from ..model import Curriculum, Lesson
from ..render.text import grades_label, kdate
from .html import document_html, keep_korean_words, sheet_css, text_font_chars
from .pdf import Job, RenderedPdf, cache_key, cached, fingerprint, prune, render_missing

KIT_CSS = Path(__file__).with_name("kit.css")
SLIDE_MARK = re.compile(r'^(\s*)[!?]{3}\+?\s+slide(?:\s+"(.*)")?\s*$')
LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
SPEAKER = re.compile(r"^\*\*[TS]:\*\*")
BOARD = re.compile(r"칠판|판서|화면에\s?띄|화면에\s?보여")
CIRCLED = re.compile(r"\s*([①②③④⑤⑥⑦⑧⑨⑩])\s*")
LEVELS = 4  # summary detail levels, 0 (most) to 3 (least)
# (board lines per phase, elements per phase, notes, characters per note/line)
DETAIL = [(3, 6, 6, 120), (2, 5, 4, 90), (1, 4, 3, 70), (1, 3, 2, 50)]
MINUTES_SUFFIX = re.compile(r"\s*\(\s*\d+\s*분\s*\)\s*$")  # "(8분)": the teacher's timing
WINDOWS_BAD = re.compile(r'[/\\:*?"<>|\x00-\x1f]')
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def esc(text: str) -> str:
    return htmllib.escape(str(text), quote=True)


def plain(text: str, cur: Curriculum) -> str:
    """A plan line as plain words: list marks, ◈/※, emphasis and macros resolved."""
    text = LIST_MARK.sub("", text.strip())
    text = re.sub(r"^[◈※]\s*", "", text)
    text = expand(text, cur.reference, html=False)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return re.sub(r"\*\*|__|`", "", text).strip()


def shorten(text: str, limit: int) -> str:
    """The first sentence(s) that fit, else the text cut at a word, with "…"."""
    if len(text) <= limit:
        return text
    cut = -1
    for m in re.finditer(r"[.!?。](?=\s|$)", text):
        if m.end() <= limit:
            cut = m.end()
    if cut > limit // 3:
        return text[:cut]
    head = text[:limit - 1]
    space = head.rfind(" ")
    return (head[:space] if space > limit // 2 else head).rstrip(" ,·") + "…"


def safe_name(name: str) -> str:
    """A file name Windows, macOS and Linux all accept: no / \\ : * ? " < > |."""
    name = name.replace('"', "'").replace(":", " -").replace("?", "")
    name = WINDOWS_BAD.sub("_", name)
    return re.sub(r"\s+", " ", name).strip(" .") or "자료"


# --- reading the plan ----------------------------------------------------------------

@dataclass
class Section:
    """One `###` part of a phase (an activity), with its lines."""
    title: str
    lines: list[str] = field(default_factory=list)
    slides: list[tuple[str, str]] = field(default_factory=list)  # marked: (title, Markdown)


@dataclass
class PhaseText:
    label: str
    minutes: int
    sections: list[Section] = field(default_factory=list)


def phase_texts(lesson: Lesson) -> list[PhaseText]:
    """The plan's phases in order, with each activity's lines (outside code, tables and
    quotes) and its marked slides, matched one to one with `lesson.phases`."""
    out: list[PhaseText] = []
    current: PhaseText | None = None
    slides = iter(marked_slides(lesson))
    in_slide = None
    phases = iter(lesson.phases)
    for _, raw, code in markdown_lines(lesson.body):
        if code:
            continue
        if in_slide is not None:
            if not raw.strip() or len(raw) - len(raw.lstrip()) > in_slide:
                continue
            in_slide = None
        m = SLIDE_MARK.match(raw)
        if m:
            in_slide = len(m.group(1))
            slide = next(slides, None)
            if current is not None and slide is not None:
                current.sections[-1].slides.append(slide)
            continue
        h = HEADING.match(raw)
        if h and len(h.group(1)) <= 2:
            current = None
            pm = PHASE.match(h.group(2).strip()) if len(h.group(1)) == 2 else None
            if pm and MINUTES.match(pm.group(3).strip()):
                p = next(phases, None)
                if p is not None:
                    label = f"{p.period}차시 {p.name}" if lesson.periods > 1 else p.name
                    current = PhaseText(label, p.minutes, [Section("")])
                    out.append(current)
            continue
        if current is None:
            continue
        if h and len(h.group(1)) == 3:
            current.sections.append(Section(h.group(2).strip()))
            continue
        if raw.lstrip().startswith(("|", ">")) or not raw.strip():
            continue
        current.sections[-1].lines.append(raw)
    return out


def slide_words(slide: tuple[str, str], cur: Curriculum) -> str:
    """A marked slide as one line of plain words (for the summary): "제목: 내용 / 내용"."""
    title, md = slide
    lines = [plain(l, cur) for l in md.split("\n") if l.strip() and not l.lstrip().startswith("|")]
    words = " / ".join(l for l in lines if l)
    return f"{title}: {words}" if title and words else title or words


QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”')


def board_lines(lines: list[str], cur: Curriculum, quoted: bool = False) -> list[str]:
    """What the plan says to write on the board or show on screen: the words after
    "칠판에 정리한다:"/"판서:", or the whole instruction when it has no colon (with
    `quoted`, for a slide: only the quoted words of such an instruction, if any)."""
    out = []
    for raw in lines:
        text = LIST_MARK.sub("", raw.strip())
        if SPEAKER.match(text) or not BOARD.search(text):
            continue
        if text.startswith("◈") and "판서:" not in text:
            continue  # a material ("◈ 칠판 그림 …"), not a board line
        words = plain(text, cur)
        if ":" in words:
            head, tail = words.split(":", 1)
            if BOARD.search(head) and tail.strip():
                words = tail.strip()
        elif quoted:
            # On a slide, only what is written: the quoted words, else nothing (an
            # instruction such as "약속을 칠판에 써 둔다." is not slide content).
            if not QUOTED.search(words):
                continue
            words = " / ".join(a or b for a, b in QUOTED.findall(words))
        out.append(words)
    return out


def first_question(lines: list[str], cur: Curriculum) -> str:
    """The teacher's first question in an activity (a T: line with a question mark)."""
    for raw in lines:
        text = LIST_MARK.sub("", raw.strip())
        if text.startswith("**T:**") and "?" in text:
            words = plain(text[len("**T:**"):], cur)
            # From the sentence that holds the question, to its end (not a "?" quoted).
            q = next((i for i, c in enumerate(words) if c == "?" and
                      (words.count('"', 0, i) + words.count("“", 0, i)
                       - words.count("”", 0, i)) % 2 == 0), -1)
            if q < 0:
                continue
            start = max(words.rfind(". ", 0, q), words.rfind("요. ", 0, q))
            return words[start + 2 if start >= 0 else 0:q + 1].strip()
    return ""


RULES_IN_BRACKETS = re.compile(r"약속\s?\(([^)]+)\)")


def ground_rules(lesson: Lesson, cur: Curriculum) -> list[str]:
    """The class's rules as the plan states them: "약속 … ① … ② …" or "우리 반 약속(…,
    …, …)"; [] if it does not state them."""
    for _, raw, code in markdown_lines(lesson.body):
        if code or "약속" not in raw:
            continue
        m = RULES_IN_BRACKETS.search(raw) if "①" not in raw else None
        if m:
            items = [plain(i, cur).strip(" .") for i in m.group(1).split(",")]
            if len([i for i in items if i]) >= 2:
                return [i for i in items if i]
            continue
        if "①" not in raw:
            continue
        text = plain(raw, cur)
        parts = [p.strip(" .") for p in CIRCLED.split(text[text.index("①"):])]
        items = [p for p in parts if p and not CIRCLED.fullmatch(p) and p not in "①②③④⑤⑥⑦⑧⑨⑩"]
        if len(items) >= 2:
            return items
    return []


def marked_slides(lesson: Lesson) -> list[tuple[str, str]]:
    """(title, Markdown) of every `!!! slide "제목"` block of the plan, in order."""
    out, lines = [], list(markdown_lines(lesson.body))
    i = 0
    while i < len(lines):
        _, raw, code = lines[i]
        m = None if code else SLIDE_MARK.match(raw)
        i += 1
        if not m:
            continue
        indent, body = len(m.group(1)), []
        while i < len(lines):
            raw = lines[i][1]
            if raw.strip() and len(raw) - len(raw.lstrip()) <= indent:
                break
            body.append(raw[indent + 4:] if raw.strip() else "")
            i += 1
        out.append(((m.group(2) or "").strip(), "\n".join(body).strip()))
    return out


def notes(lesson: Lesson, texts: list[PhaseText], cur: Curriculum) -> list[str]:
    """The ※ notes: those of 준비물 (before the lesson) first, then the phases'."""
    out = [plain(m, cur) for m in lesson.materials if m.lstrip().startswith("※")]
    for p in lesson.phases:
        out += [plain(n, cur) for n in p.notes]
    return out


def help_items(cur: Curriculum, lesson: Lesson) -> list[tuple[str, str]]:
    """(name, how to reach) of the track's help contacts, from contacts.yml."""
    out = []
    for key in cur.tracks[lesson.track].help:
        c = cur.contacts.get(key)
        if c is None:
            continue
        reach = []
        if c.phone:
            reach.append(", ".join(c.phone))
        if c.text:
            reach.append(f"문자 {c.text}")
        if c.url and not c.phone:
            reach.append(re.sub(r"^https?://", "", c.url).rstrip("/"))
        if c.where and not reach:
            reach.append(c.where)
        if c.hours == "24시간":
            reach.append("24시간")
        out.append((c.name, " · ".join(reach)))
    return out


def edition(lesson: Lesson) -> str:
    h = hashlib.sha256()
    for part in (lesson.title, lesson.body, str(lesson.reviewed)):
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()[:8]


# --- the documents -------------------------------------------------------------------

@dataclass
class KitDoc:
    lesson: Lesson
    kind: str  # summary | slides
    title: str
    html: str
    site_path: str
    level: int = 0
    minutes: list[int] = field(default_factory=list)  # the summary's phase minutes


def lesson_line(cur: Curriculum, lesson: Lesson) -> str:
    track = cur.tracks[lesson.track]
    who = f"{track.name} {grades_label(lesson.grades)}" if lesson.grades else track.name
    return f"{who} · {track.minutes * lesson.periods}분 ({lesson.periods}{track.unit})"


def _ul(items: list[str], cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<ul{c}>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>" if items else ""


def summary_document(cur: Curriculum, lesson: Lesson, font_dir: Path, level: int = 0,
                     lesson_address: str | None = None) -> KitDoc:
    boards, elems, n_notes, chars = DETAIL[level]
    track = cur.tracks[lesson.track]
    texts = phase_texts(lesson)
    total = sum(p.minutes for p in texts)
    rows = []
    for p in texts:
        elements = [s.title for s in p.sections if s.title]
        board = [b for s in p.sections for b in board_lines(s.lines, cur)
                 + [slide_words(x, cur) for x in s.slides]]
        rows.append(
            f'<tr><th scope="row">{esc(p.label)}</th><td class="min">{p.minutes}</td>'
            f"<td>{_ul([shorten(e, chars) for e in elements[:elems]])}</td>"
            f"<td>{_ul([shorten(b, chars) for b in board[:boards]])}</td></tr>")
    table = ('<table class="flow"><caption>수업 흐름 (총 ' f"{total}분)</caption>"
             '<thead><tr><th scope="col">단계</th><th scope="col">시간(분)</th>'
             '<th scope="col">학습 요소</th><th scope="col">칠판·화면</th></tr></thead>'
             f"<tbody>{''.join(rows)}</tbody></table>")
    materials = [plain(m, cur) for m in lesson.materials if not m.lstrip().startswith("※")]
    mat = " · ".join(shorten(m, chars // 2) for m in materials[:6 - level])
    watch = [shorten(n, chars) for n in notes(lesson, texts, cur)[:n_notes]]
    helps = " · ".join(f"{name} {reach}".strip() for name, reach in help_items(cur, lesson))
    where = f"{lesson.title}” ({lesson_address})" if lesson_address else f"{lesson.title}”"
    title = f"수업 요약: {lesson.title}"
    body = f"""<article class="sheet sheet-1 summary s{level}">
<header class="doc-head">
<p class="meta">{esc(track.name)} · 수업 요약 · 교사용</p>
<h1>{esc(lesson.title)}</h1>
<p class="source">{esc(lesson_line(cur, lesson))} · 판 {edition(lesson)} · {kdate(lesson.reviewed)}</p>
</header>
<h2>학습 목표</h2>
<ol>{"".join(f"<li>{esc(shorten(o, chars + 40))}</li>" for o in lesson.objectives)}</ol>
<h2>수업 흐름</h2>
{table}
{f"<h2>준비물</h2><p>{esc(mat)}</p>" if mat else ""}
{f"<h2>꼭 살필 점</h2>{_ul(watch)}" if watch else ""}
<h2>도움 받을 곳</h2>
<p class="help">{esc(helps)}</p>
<p class="more">이 요약은 수업안에서 자동으로 뽑은 것입니다. 발문, 예상 반응, 유의점과 평가 등
자세한 내용은 수업안 “{esc(where)}을 보세요.</p>
</article>
"""
    body = keep_korean_words(body, text_font_chars(font_dir.resolve()))
    footer = f"수업 요약 · {lesson.title} · 판 {edition(lesson)} · {kdate(lesson.reviewed)}"
    html = document_html(title, f"{lesson.title} 수업 요약 (교사용)", font_dir, [body],
                         sheet_css(1, footer) + KIT_CSS.read_text("utf-8"))
    return KitDoc(lesson, "summary", title, html, f"{lesson.url_dir}kit/summary.pdf", level,
                  [p.minutes for p in texts])


# --- building ------------------------------------------------------------------------

@dataclass
class Kit:
    lesson: Lesson
    summary: Path
    summary_pages: int
    summary_level: int
    summary_minutes: list[int]
    slides: Path
    slides_pages: int
    pptx: Path  # the same slides as an editable PowerPoint file (pptx.py)
    slide_count: int  # slides in the deck: the PDF's pages unless one runs over
    zip_path: Path
    zip_name: str  # the Korean name it is saved under
    members: list[str]

    @property
    def site_dir(self) -> str:
        return f"{self.lesson.url_dir}kit/"

    def size(self, what: str) -> int:
        return getattr(self, what).stat().st_size

    @property
    def pptx_name(self) -> str:
        return pptx_name(self.lesson)


def zip_name(lesson: Lesson) -> str:
    return safe_name(f"수업 준비 꾸러미 - {lesson.title}") + ".zip"


def pptx_name(lesson: Lesson) -> str:
    """The PPTX's Korean name, saved from the page and in the kit ZIP (there after "2 ")."""
    return f"슬라이드 (16대9) 편집용 - {safe_name(lesson.title)}.pptx"


def _letter_for(cur: Curriculum, lesson: Lesson, by_lesson: dict) -> list[RenderedPdf]:
    """The lesson's own 가정통신문, else the first one of its track."""
    own = [r for r in by_lesson.get(lesson.id, []) if r.doc.handout.kind == "parent-letter"]
    if own:
        return []
    for other in cur.lessons_of(lesson.track, published_only=True):
        letters = [r for r in by_lesson.get(other.id, []) if r.doc.handout.kind == "parent-letter"
                   and r.doc.variant == "student"]
        if letters:
            return letters[:1]
    return []


def write_zip(path: Path, members: list[tuple[str, Path]], stamp_date) -> None:
    digest = hashlib.sha256("\0".join(f"{n}:{hashlib.sha256(p.read_bytes()).hexdigest()}"
                                      for n, p in members).encode()).hexdigest()[:16]
    stamp = path.with_suffix(".hash")
    if path.exists() and stamp.exists() and stamp.read_text() == digest:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    when = (stamp_date.year, stamp_date.month, stamp_date.day, 0, 0, 0) if stamp_date else ZIP_DATE
    tmp = path.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w") as z:
        for name, src in members:
            info = zipfile.ZipInfo(name, when)  # UTF-8 names (flag 0x800): Korean on Windows
            info.compress_type = zipfile.ZIP_STORED  # PDFs are compressed already
            z.writestr(info, src.read_bytes())
    tmp.replace(path)
    stamp.write_text(digest)


def build_kits(cur: Curriculum, rendered: list[RenderedPdf], site_url: str | None,
               out_dir: Path, cache_dir: Path, font_dir: Path,
               workers: int | None = None) -> tuple[dict[str, Kit], int, int]:
    """Every published lesson's kit; returns {lesson id: Kit}, PDFs rendered, reused."""
    # Both read the plan with this module's helpers: imported when used, not in a circle.
    from .pptx import build_pptx
    from .slides import deck, slides_document, slides_footer
    cache_dir.mkdir(parents=True, exist_ok=True)
    fp = fingerprint(font_dir)
    lessons = [l for t in cur.tracks for l in cur.lessons_of(t, published_only=True)]
    address = {l.id: (site_url.rstrip("/") + "/" + l.url_dir if site_url else None)
               for l in lessons}
    made = 0
    keep: list[Path] = []

    def job(doc: KitDoc) -> Job:
        k = cache_key(doc.html, fp)
        return Job(k, doc.html, str(cache_dir / f"{k}.pdf"))

    # The slides once as data, drawn as the PDF's HTML and as the PPTX.
    decks = {l.id: deck(cur, l) for l in lessons}
    slides = {l.id: slides_document(cur, l, font_dir, decks[l.id]) for l in lessons}
    summaries = {l.id: summary_document(cur, l, font_dir, 0, address[l.id]) for l in lessons}
    jobs = {("slides", i): job(d) for i, d in slides.items()}
    jobs.update({("summary", i): job(d) for i, d in summaries.items()})
    made += render_missing(list(jobs.values()), cache_dir, workers)
    keep += [Path(j.out) for j in jobs.values()]
    # A summary over one page is made again with less detail, until it fits.
    for level in range(1, LEVELS):
        long = [i for i, d in summaries.items() if d.level == level - 1
                and cached(cache_dir, jobs[("summary", i)].key)[1] > 1]
        if not long:
            break
        by_id = {l.id: l for l in lessons}
        for i in long:
            summaries[i] = summary_document(cur, by_id[i], font_dir, level, address[i])
            jobs[("summary", i)] = job(summaries[i])
        made += render_missing([jobs[("summary", i)] for i in long], cache_dir, workers)
        keep += [Path(jobs[("summary", i)].out) for i in long]
    by_lesson: dict[str, list[RenderedPdf]] = {}
    for r in rendered:
        by_lesson.setdefault(r.doc.lesson.id, []).append(r)
    kits = {}
    for lesson in lessons:
        s_pdf, s_pages, _ = cached(cache_dir, jobs[("summary", lesson.id)].key)
        d_pdf, d_pages, _ = cached(cache_dir, jobs[("slides", lesson.id)].key)
        pptx = build_pptx(decks[lesson.id], slides[lesson.id].title,
                          slides_footer(cur, lesson), lesson.reviewed, cache_dir)
        keep.append(pptx)
        members = [(f"1 수업 요약 - {safe_name(lesson.title)}.pdf", s_pdf),
                   (f"2 슬라이드 (16대9) - {safe_name(lesson.title)}.pdf", d_pdf),
                   (f"2 {pptx_name(lesson)}", pptx)]
        n = 3
        for r in by_lesson.get(lesson.id, []) + _letter_for(cur, lesson, by_lesson):
            name = safe_name(r.doc.title)
            members.append((f"{n} {name}.pdf", r.path))
            n += 1
        path = out_dir / f"{lesson.id}.zip"
        write_zip(path, members, lesson.reviewed)
        kits[lesson.id] = Kit(lesson, s_pdf, s_pages, summaries[lesson.id].level,
                              summaries[lesson.id].minutes, d_pdf, d_pages, pptx,
                              len(decks[lesson.id]), path, zip_name(lesson),
                              [m for m, _ in members])
    prune(cache_dir, keep)
    return kits, made, len({p for p in keep if p.suffix == ".pdf"}) - made
