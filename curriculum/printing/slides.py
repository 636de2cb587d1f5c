"""The lesson's 16:9 slides as data, drawn as the slides PDF's HTML.

`deck` computes the slides once from the plan (kit.py reads it): a list of Slide, each
a title and blocks (a lead line, paragraphs, lists, tables; a marked slide's Markdown
read into them, bold kept). `slides_document` draws them as HTML for WeasyPrint and
pptx.py as PowerPoint, so the PDF and the PPTX cannot say different words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import markdown

from ..macros import expand
from ..model import Curriculum, Lesson
from .html import document_html, keep_korean_words, sheet_css, text_font_chars
from .kit import (KIT_CSS, MINUTES_SUFFIX, KitDoc, board_lines, edition, esc, first_question,
                  ground_rules, help_items, lesson_line, phase_texts, plain, shorten)

SLIDE_PAGE = ("@page { size: 254mm 142.875mm; margin: 11mm 15mm 13mm 15mm; }\n")  # 16:9
SLIDE_CHARS = 110  # about what a 16:9 slide holds at 28 pt under its title
SLIDE_FIT = 165  # ... and at 24 pt (a "dense" slide): more goes on the next slide


def chunks(items: list[str], budget: int = SLIDE_FIT, most: int = 5) -> list[list[str]]:
    """Items in groups that each fit one slide (a long list goes on several)."""
    out: list[list[str]] = [[]]
    used = 0
    for item in items:
        cost = max(len(item), 22)  # a short item still takes a line
        if out[-1] and (used + cost > budget or len(out[-1]) >= most):
            out.append([])
            used = 0
        out[-1].append(item)
        used += cost
    return [c for c in out if c]


Run = tuple[str, str]  # (text, "" | "strong" | "em" | "code")
Text = tuple[Run, ...]


@dataclass(frozen=True)
class Block:
    """A part of a slide's body: "sub" (the lead line), "p", "ul", "ol" (one Text per
    item or paragraph) or "table" (rows of cells, the first `head` rows the header)."""
    kind: str
    items: tuple[Text, ...] = ()
    rows: tuple[tuple[Text, ...], ...] = ()
    head: int = 0


@dataclass(frozen=True)
class Slide:
    """One slide: kind is title | goals | rules | marked | activity | help; `cue` is
    where it comes in the plan (the PowerPoint's speaker note), never on the slide."""
    kind: str
    title: str
    blocks: tuple[Block, ...] = ()
    cue: str = ""

    def texts(self) -> list[Text]:
        return [t for b in self.blocks for t in b.items + tuple(c for r in b.rows for c in r)]

    @property
    def chars(self) -> int:
        # Counted as escaped for HTML (a quote as &quot;), as the PDF's rule always has.
        return sum(len(esc(s)) for t in self.texts() for s, _ in t)

    @property
    def dense(self) -> bool:
        """Over SLIDE_CHARS, it is set a size smaller (24 pt in the PDF)."""
        return self.chars > SLIDE_CHARS


def words(text: str) -> Text:
    return ((text, ""),)


def run_text(text: Text) -> str:
    return "".join(s for s, _ in text)


INLINE_STYLE = {"strong": "strong", "b": "strong", "em": "em", "i": "em", "code": "code"}


def _runs(el, style: str = "") -> list[Run]:
    """The inline text of an HTML element as runs; links and images become their words
    (a slide links nowhere and shows no picture)."""
    out: list[Run] = []

    def put(text, st):
        if text:
            text = re.sub(r"\s+", " ", text)
            if out and out[-1][1] == st:
                out[-1] = (out[-1][0] + text, st)
            else:
                out.append((text, st))
    put(el.text, style)
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "img":
            put(child.get("alt", ""), style)
        elif tag == "br":
            put(" ", style)
        elif tag not in ("ul", "ol", "table"):
            for text, st in _runs(child, INLINE_STYLE.get(tag, style)):
                put(text, st)
        put(child.tail, style)
    return out


def _text(el, style: str = "") -> Text:
    runs = _runs(el, style)
    if runs:  # no space at either end of a line
        runs[0] = (runs[0][0].lstrip(), runs[0][1])
        runs[-1] = (runs[-1][0].rstrip(), runs[-1][1])
    return tuple(r for r in runs if r[0])


def md_blocks(md: str, cur: Curriculum) -> tuple[Block, ...]:
    """A marked slide's Markdown (paragraphs, lists, tables) as blocks; anything else a
    slide box might hold (a heading, a quote, code) is kept as its words in a paragraph."""
    from lxml import html as lxml_html

    source = markdown.markdown(expand(md, cur.reference, html=False), extensions=["tables"])
    if not source.strip():
        return ()
    out: list[Block] = []
    for el in lxml_html.fragment_fromstring(source, create_parent="div"):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("ul", "ol"):
            items = [_text(li) for li in el.iter("li")]
            out.append(Block(tag, tuple(i for i in items if i)))
        elif tag == "table":
            head = el.xpath("./thead/tr")
            rows = [tuple(_text(c) for c in tr.xpath("./th|./td")) for tr in el.iter("tr")]
            out.append(Block("table", rows=tuple(r for r in rows if r), head=len(head)))
        elif tag != "hr":
            text = _text(el, "strong" if re.fullmatch(r"h[1-6]", tag) else "")
            if text:
                out.append(Block("p", (text,)))
    return tuple(b for b in out if b.items or b.rows)


def _list_slides(kind: str, title: str, items: list[str], lead: str = "",
                 cue: str = "") -> list[Slide]:
    """A list as one slide or, when it is long, several ("제목 (2/3)")."""
    groups = chunks(items, SLIDE_FIT - len(lead)) or [[]]
    out = []
    for n, group in enumerate(groups, 1):
        t = f"{title} ({n}/{len(groups)})" if len(groups) > 1 else title
        blocks = [Block("sub", (words(lead),))] if lead and n == 1 else []
        if group:
            blocks.append(Block("ul", tuple(words(i) for i in group)))
        out.append(Slide(kind, t, tuple(blocks), cue))
    return out


HELP_LEAD = "혼자 고민하지 않아도 됩니다. 피해를 입은 사람의 잘못이 아닙니다."


def deck(cur: Curriculum, lesson: Lesson) -> list[Slide]:
    """Every slide of the lesson, in order: title, objectives, ground rules (where the
    plan states them), the activities' slides, the help contacts."""
    slides = [Slide("title", lesson.title, (Block("sub", (words(lesson_line(cur, lesson)),)),)),
              *_list_slides("goals", "오늘의 목표", [shorten(o, 90) for o in lesson.objectives])]
    texts = phase_texts(lesson)
    marked = [x for p in texts for sec in p.sections for x in sec.slides]
    rules = ground_rules(lesson, cur)
    if rules and not any("약속" in t for t, _ in marked):
        slides.append(Slide("rules", "수업 약속", (Block("ol", tuple(words(r) for r in rules)),)))
    for p in texts:
        for s in p.sections:
            cue = f"{p.label} ({p.minutes}분)" + (f" · {plain(s.title, cur)}" if s.title else "")
            # An activity with `!!! slide` blocks shows exactly those; one without, an
            # automatic slide: its heading with the plan's board lines or first question.
            for t, md in s.slides:
                slides.append(Slide("marked", t or MINUTES_SUFFIX.sub("", s.title) or lesson.title,
                                    md_blocks(md, cur), cue))
            if s.slides or not s.title:
                continue
            board = [shorten(b, 90) for b in board_lines(s.lines, cur, quoted=True)][:4]
            if not board:
                q = first_question(s.lines, cur)
                board = [shorten(q, 110)] if q else []
            if board or p.label.endswith("전개"):
                slides += _list_slides("activity", MINUTES_SUFFIX.sub("", s.title), board, cue=cue)
    helps = [f"{name} {reach}".strip() for name, reach in help_items(cur, lesson)]
    slides += _list_slides("help", "도움 받을 곳", helps, HELP_LEAD)
    return slides


def slides_footer(cur: Curriculum, lesson: Lesson) -> str:
    return f"{lesson.title} · {cur.tracks[lesson.track].name} · 판 {edition(lesson)}"


def text_html(text: Text) -> str:
    return "".join(f"<{st}>{esc(s)}</{st}>" if st else esc(s) for s, st in text)


def block_html(b: Block) -> str:
    if b.kind == "sub":
        return "".join(f'<p class="sub">{text_html(t)}</p>' for t in b.items)
    if b.kind == "p":
        return "".join(f"<p>{text_html(t)}</p>" for t in b.items)
    if b.kind in ("ul", "ol"):
        return f"<{b.kind}>" + "".join(f"<li>{text_html(t)}</li>" for t in b.items) + f"</{b.kind}>"
    head = "".join("<tr>" + "".join(f"<th>{text_html(c)}</th>" for c in r) + "</tr>"
                   for r in b.rows[:b.head])
    body = "".join("<tr>" + "".join(f"<td>{text_html(c)}</td>" for c in r) + "</tr>"
                   for r in b.rows[b.head:])
    return (f"<table>{f'<thead>{head}</thead>' if head else ''}<tbody>{body}</tbody></table>")


def slide_html(s: Slide) -> str:
    dense = " dense" if s.dense else ""
    head = f"<h1>{esc(s.title)}</h1>" if s.kind == "title" else f"<h2>{esc(s.title)}</h2>"
    return (f'<section class="slide{dense}">{head}'
            + "".join(block_html(b) for b in s.blocks) + "</section>")


def slides_document(cur: Curriculum, lesson: Lesson, font_dir: Path,
                    slides: list[Slide] | None = None) -> KitDoc:
    slides = deck(cur, lesson) if slides is None else slides
    title = f"수업 슬라이드: {lesson.title}"
    body = ('<article class="sheet sheet-1 slides">' + "\n".join(map(slide_html, slides))
            + "</article>")
    body = keep_korean_words(body, text_font_chars(font_dir.resolve()))
    html = document_html(title, f"{lesson.title} 수업 슬라이드 (16:9)", font_dir, [body],
                         SLIDE_PAGE + sheet_css(1, slides_footer(cur, lesson))
                         + KIT_CSS.read_text("utf-8"))
    return KitDoc(lesson, "slides", title, html, f"{lesson.url_dir}kit/slides.pdf")
