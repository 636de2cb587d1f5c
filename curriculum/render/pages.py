"""The generated pages of the site, as Markdown: lesson pages, catalogs, topic index,
coverage matrix, contacts, the wording rules and the finding codes. Sources are never
written: the adapter hands these strings to the site generator as virtual files.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ..body import without_section
from ..macros import expand
from ..printing.source import for_print, has_teacher_content, nest_markdown_headings
from ..model import Curriculum, Lesson, Track
from ..paths import (CONTACTS, CUSTOM_PACK, HELP_PAGE, LESSONS_HOME, PACKS, SEARCH, TOPICS_HOME,
                     catalog_path, for_maintainers, handout_path, link, page_url, topic_path)
from .directives import expand_directives, size_label
from ..vocab import AUDIENCE_WORDS, HANDOUT_KIND_LABELS as HANDOUT_KINDS
from .text import (contact_inline, esc, grades_label, help_block,
                   html_table, kdate)

@dataclass
class Page:
    path: str  # site path of the Markdown source, e.g. lessons/middle/index.md
    markdown: str
    source: str | None = None  # repository file an editor would change ("edit this page")


def length_label(cur: Curriculum, lesson: Lesson) -> str:
    track = cur.tracks[lesson.track]
    return f"{lesson.periods}{track.unit}({track.minutes * lesson.periods}분)"


def topic_links(cur: Curriculum, src: str, topics: list[str]) -> str:
    return ", ".join(f"[{esc(cur.topics[t].name)}]({link(src, topic_path(t))})"
                     for t in topics if t in cur.topics)


def front(title: str, description: str = "", extra: str = "") -> str:
    # Titles are quoted for YAML; the theme turns them into "제목 - 사이트 이름".
    t = title.replace('"', "'")
    d = description.replace('"', "'")
    return (f'---\ntitle: "{t}"\n' + (f'description: "{d}"\n' if d else "") + extra
            + "---\n\n")


# --- lesson page -------------------------------------------------------------------

# A lesson plan speaking of another lesson of its sequence ("지난 시간에 정한 약속",
# "1차시에 쓴 카드"): what a teacher changes when the lesson is taught alone.
OTHER_LESSON = re.compile(r"지난\s?(?:시간|차시)|앞\s?(?:시간|차시)|다음\s?(?:시간|차시)"
                          r"|(?<![\d~(])\d(?:~\d)?차시(?=에|의|\s?약속|\s?안내|\s?이야기|\)| 익명)")


def handout_actions(cur: Curriculum, lesson: Lesson, src: str, pdfs) -> list[str]:
    """One line per handout: its PDFs (student, teacher copy) and its screen view."""
    lines = []
    for h in lesson.handout_files:
        kind = HANDOUT_KINDS.get(h.kind, h.kind)
        parts = []
        for variant, label in (("student", kind), ("teacher", f"{kind} 교사용")):
            pdf = (pdfs or {}).get((lesson.id, h.name, variant))
            if pdf is not None:
                parts.append(f"[{esc(label)} (PDF, {size_label(pdf.size)})]"
                             f"({link(src, pdf.doc.site_path)})")
        student = (pdfs or {}).get((lesson.id, h.name, "student"))
        if student is not None and h.kind == "parent-letter":
            # The editable letter (curriculum/printing/docx.py), beside its PDF.
            parts.append(f"[{esc(kind)} 편집용 (DOCX)]"
                         f"({link(src, student.doc.site_path[:-4] + '.docx')})")
        parts.append(f"[{esc(kind)} 화면에서 보기]({link(src, handout_path(lesson, h.name))})")
        lines.append(f"- **{esc(h.title)}** (A4 {h.pages}쪽): " + " · ".join(parts))
    return lines


def main_sequence(cur: Curriculum, track: str) -> list[Lesson]:
    """The track's published lessons in order, without the easy-read (쉬운 글) versions:
    those are taught instead of a lesson, not after it."""
    return [l for l in cur.lessons_of(track, published_only=True) if not l.easy_read]


class Sequences:
    """Each track's main sequence, sorted once for all the lesson pages of a build (per
    page it made rendering quadratic: at 1,000 lessons most of the pages' time), and a
    lesson's place in it found by identity (a Lesson compares all its fields)."""

    def __init__(self, cur: Curriculum):
        self.cur = cur
        self.seqs: dict[str, list[Lesson]] = {}
        self.places: dict[str, dict[int, int]] = {}

    def of(self, track: str) -> list[Lesson]:
        if track not in self.seqs:
            seq = self.seqs[track] = main_sequence(self.cur, track)
            self.places[track] = {id(l): i for i, l in enumerate(seq)}
        return self.seqs[track]

    def place(self, lesson: Lesson) -> int | None:
        """0-based place of the lesson in its track's sequence, None if not in it."""
        self.of(lesson.track)
        return self.places[lesson.track].get(id(lesson))


def kit_actions(lesson: Lesson, src: str, kit) -> list[str]:
    """The 내일 수업 준비 line: the lesson's one-page summary, slides (PDF, and PPTX to
    edit) and kit ZIP (saved under its Korean name)."""
    if kit is None:
        return []
    d = kit.site_dir
    return [f"- **내일 수업 준비**: [수업 요약 (PDF, A4 1쪽, {size_label(kit.size('summary'))})]"
            f"({link(src, d + 'summary.pdf')}) · "
            f"[슬라이드 (PDF, 16:9, {kit.slides_pages}장, {size_label(kit.size('slides'))})]"
            f"({link(src, d + 'slides.pdf')}) · "
            f"[슬라이드 편집용 (PPTX, {kit.slides_pages}장, {size_label(kit.size('pptx'))})]"
            f"({link(src, d + 'slides.pptx')}){{ download=\"{kit.pptx_name}\" }} · "
            f"[수업 준비 꾸러미 (ZIP, {size_label(kit.size('zip_path'))})]"
            f"({link(src, d + 'kit.zip')}){{ download=\"{kit.zip_name}\" }}"]


def sequence_note(cur: Curriculum, lesson: Lesson, src: str,
                  seqs: Sequences | None = None) -> str:
    """Where the lesson stands in its track's sequence and, when it refers to other
    lessons, what to change when it is taught alone (from the plan's own words)."""
    track = cur.tracks[lesson.track]
    seqs = seqs or Sequences(cur)
    seq, place = seqs.of(lesson.track), seqs.place(lesson)
    if not lesson.published or len(seq) < 2 or place is None:
        return ""
    pos = place + 1
    lines = [f'!!! info "{esc(track.name)} 수업 {len(seq)}개 가운데 {pos}번째 수업입니다"']
    near = []
    if pos > 1:
        prev = seq[pos - 2]
        near.append(f"앞 수업: [{esc(prev.title)}]({link(src, prev.path)})")
    if pos < len(seq):
        nxt = seq[pos]
        near.append(f"다음 수업: [{esc(nxt.title)}]({link(src, nxt.path)})")
    lines.append("    " + " · ".join(near) + "\n")
    # Quote a line of the plan (what the teacher says) rather than a heading.
    # Every form OTHER_LESSON finds holds 차시 or 시간: the pattern runs only on such lines.
    refs = [plain_line(l) for l in sorted(
        (l for l in lesson.body.split("\n")
         if ("차시" in l or "시간" in l) and OTHER_LESSON.search(l)),
        key=lambda l: l.lstrip().startswith("#"))]
    if pos > 1 or refs:
        alone = ("    **이 수업만 할 때**: 차례대로 가르치면 앞 수업에서 정한 수업 약속과 배운 "
                 "내용을 이어받습니다. 이 수업만 한다면 도입에서 수업 약속을 먼저 함께 정하고, "
                 "다른 수업을 가리키는 말은 빼거나 오늘 수업에 맞게 바꾸어 진행하세요.")
        if refs:
            alone += (f" 이 수업안에서 다른 수업을 가리키는 곳은 {len(refs)}곳입니다. "
                      f"예: “{esc(refs[0])}”")
        lines.append(alone + "\n")
    return "\n".join(lines) + "\n"


def plain_line(line: str) -> str:
    """A plan line as plain words, for a short quotation."""
    text = re.sub(r"^\s*(?:[-*]|\d+\.|#+)\s*", "", line)
    text = re.sub(r"\*\*[TS]:\*\*\s*|[*_`]|^[◈※]\s*", "", text).strip()
    return text if len(text) <= 60 else text[:58].rstrip() + "…"


EASY_READ = "쉬운 글"
EASY_READ_BADGE = (f'<p class="easy-read-badge"><span class="badge badge--easy-read">{EASY_READ}'
                   "</span> 짧은 문장, 한 문장에 한 가지 뜻, 그림 기호로 쓴 수업입니다.</p>")


def lesson_page(cur: Curriculum, lesson: Lesson, pdfs: dict | None = None,
                kits: dict | None = None, seqs: Sequences | None = None) -> Page:
    src = lesson.path
    seqs = seqs or Sequences(cur)
    track = cur.tracks[lesson.track]
    phases = lesson.phases
    total = sum(p.minutes for p in phases)
    md = [front(lesson.title, lesson.summary or lesson.objectives[0])]
    md.append(f"# {lesson.title}\n")
    md.append(f'[{esc(track.name)} 수업 목록으로]({link(src, catalog_path(track.key))})'
              '{ .back-link }\n')
    if lesson.easy_read:
        md.append(EASY_READ_BADGE + "\n")
    if not lesson.published:
        md.append('!!! warning "작성 중인 수업"\n    이 수업안은 아직 검토 중입니다. '
                  '수업에 쓰기 전에 담당자와 확인하세요.\n')
    # Print and download first: on a phone the handouts section is far below.
    actions = kit_actions(lesson, src, (kits or {}).get(lesson.id)) + \
        handout_actions(cur, lesson, src, pdfs)
    md.append('<div class="lesson-actions" markdown="1">\n\n'
              '<p class="lesson-actions__title">인쇄·내려받기</p>\n\n'
              + ("\n".join(actions) + "\n\n" if actions else "")
              + '<button type="button" class="md-button lesson-actions__print" data-print '
                'hidden>이 수업안 인쇄하기</button>\n\n</div>\n')
    note = sequence_note(cur, lesson, src, seqs)
    if note:
        md.append(note)
    # Where the template puts the page's contents on phones (overrides/partials/content.html).
    md.append("<!-- page-toc -->\n")
    objectives = "".join(f"<li>{esc(o)}</li>" for o in lesson.objectives)
    materials = ("<ul>" + "".join(f"<li>{esc(m)}</li>" for m in lesson.materials) + "</ul>"
                 if lesson.materials else "없음")
    seq, place = seqs.of(lesson.track), seqs.place(lesson)
    rows = [
        ["대상", f"{esc(track.name)} ({grades_label(lesson.grades)})" if lesson.grades
         else esc(track.name)],
    ]
    if place is not None and len(seq) > 1:
        # 차시 n/m as the plan header writes it: the place in the sequence (the length
        # has its own row, so "차시" never means both).
        rows.append([esc(track.unit), f"{place + 1}/{len(seq)}"])
    rows += [
        ["수업 시간", f"{track.minutes * lesson.periods}분 ({lesson.periods}{esc(track.unit)})"],
        ["학습 주제", topic_links(cur, src, lesson.topics)],
        ["학습 목표", f"<ul>{objectives}</ul>"],
        ["준비물", materials],
    ]
    if lesson.standards:
        rows.append(["관련 성취기준·영역", "<br>".join(
            esc(cur.areas[s].name) if s in cur.areas else esc(s) for s in lesson.standards)])
    if lesson.stands_alone is not None:
        rows.append(["단독 수업", "이 수업만 따로 가르칠 수 있습니다." if lesson.stands_alone
                     else f"앞 차시에 이어지는 수업입니다. 따로 가르칠 때: {esc(lesson.when_alone)}"])
    md.append(html_table("수업 개요", ["항목", "내용"], rows, "plan-header"))
    # The 교수·학습 과정안 at a glance, built from the phase headings of the body.
    prow = []
    for p in phases:
        label = f"{p.period}차시 {p.name}" if lesson.periods > 1 else p.name
        elements = "".join(f"<li>{esc(e)}</li>" for e in p.elements)
        aids = "<br>".join([f"◈ {esc(m)}" for m in p.materials] + [f"※ {esc(n)}" for n in p.notes])
        prow.append([label, f"<ul>{elements}</ul>" if elements else "",
                     str(p.minutes), aids])
    if prow:
        md.append("\n" + html_table(f"교수·학습 과정 (총 {total}분)",
                                    ["학습 단계", "학습 요소", "시간(분)", "자료(◈) 및 유의점(※)"],
                                    prow, "plan-table"))
    body = without_section(lesson.body, "준비물")
    md.append("\n" + body.strip() + "\n")
    if lesson.handout_files:
        md.append("\n## 인쇄 자료\n")
        md += handout_actions(cur, lesson, src, pdfs)
        if pdfs is None:
            md.append("\n미리 보기에서는 PDF를 만들지 않습니다. PDF는 `make site`로 만든 "
                      "누리집에 있습니다.")
        md.append("")
    md.append("\n" + help_block(track.help, cur.contacts, link(src, CONTACTS)))
    md.append(f"\n<p class=\"page-meta\">마지막 내용 검토: {kdate(lesson.reviewed)}</p>\n")
    return Page(src, "\n".join(md), lesson.path)


def handout_page(cur: Curriculum, lesson: Lesson, h, pdfs: dict | None = None) -> Page:
    """A handout on screen, as a student sees it: answers and teacher notes (`!!! teacher`
    blocks) are hidden, also when printed; a teacher switch shows them. The sheet's
    PDFs are offered first."""
    src = handout_path(lesson, h.name)
    kind = HANDOUT_KINDS.get(h.kind, h.kind)
    md = [front(f"{h.title}", f"{lesson.title} {kind}"), f"# {h.title}\n",
          f"[{esc(lesson.title)} 수업안으로]({link(src, lesson.path)}){{ .back-link }}\n",
          f"<p class=\"page-meta\">{esc(kind)} · 대상: "
          f"{AUDIENCE_WORDS.get(h.audience, h.audience)} · "
          f"A4 {h.pages}쪽</p>\n"]
    parts = []
    for variant, label in (("student", f"{kind} 인쇄용"), ("teacher", f"{kind} 교사용")):
        pdf = (pdfs or {}).get((lesson.id, h.name, variant))
        if pdf is not None:
            parts.append(f"[{esc(label)} (PDF, {size_label(pdf.size)})]"
                         f"({link(src, pdf.doc.site_path)})")
    answers = h.audience != "teacher" and has_teacher_content(h.body)
    md.append('<div class="lesson-actions" markdown="1">\n\n'
              + (" · ".join(parts) + "\n{: .handout-pdfs }\n\n" if parts else "")
              + '<button type="button" class="md-button lesson-actions__print" data-print '
              f'hidden>이 화면 인쇄하기{" (답안 없이)" if answers else ""}</button>\n\n'
              + ('<p class="answer-toggle"><label><input type="checkbox" id="show-answers" '
                 'autocomplete="off"> 교사용: 예시 답안 보기</label></p>\n\n'
                 if answers else "")
              + "</div>\n")
    md.append("<!-- page-toc -->\n")
    body = nest_markdown_headings(for_print(expand(h.body, cur.reference))).strip()
    # The sheet in its own box: answers inside it are hidden unless the switch is on.
    md += [f'<div class="handout-sheet" markdown="1">\n\n{body}\n\n</div>\n']
    return Page(src, "\n".join(md), h.path)


# --- catalogs ----------------------------------------------------------------------

def catalog_page(cur: Curriculum, track: Track) -> Page:
    src = catalog_path(track.key)
    lessons = cur.lessons_of(track.key)
    published = [l for l in lessons if l.published]
    drafts = [l for l in lessons if not l.published]
    req = topic_links(cur, src, track.required_topics)
    md = [front(f"{track.name} 수업", f"{track.name} 디지털 성범죄 예방 수업 목록"),
          f"# {track.name} 수업\n",
          f"1{track.unit} {track.minutes}분 · 게시된 수업 {len(published)}개 "
          f"(필요 {track.min_lessons}개 이상) · 꼭 다룰 주제: {req}\n"]
    md.append(_lesson_table(cur, src, published, f"{track.name} 수업 목록"))
    md.append(f"\n학교 이름과 날짜를 넣은 이 학교급의 가정통신문과 인쇄 자료를 한 번에 받으려면 "
              f"[맞춤 꾸러미 만들기]({link(src, CUSTOM_PACK)})를 쓰세요.\n")
    if drafts:
        md.append("\n## 작성 중인 수업\n\n아직 검토 중이어서 수업에 쓰지 않습니다.\n")
        md.append(_lesson_table(cur, src, drafts, f"{track.name} 작성 중인 수업"))
    return Page(src, "\n".join(md))


def _lesson_table(cur: Curriculum, src: str, lessons: list[Lesson], caption: str) -> str:
    if not lessons:
        return "\n아직 게시된 수업이 없습니다.\n"
    rows = []
    for n, lesson in enumerate(lessons, 1):
        objectives = "".join(f"<li>{esc(o)}</li>" for o in lesson.objectives)
        rows.append([
            f"{n}. [{esc(lesson.title)}]({link(src, lesson.path)})"
            + (f' <span class="badge badge--easy-read">{EASY_READ}</span>'
               if lesson.easy_read else ""),
            grades_label(lesson.grades),
            esc(length_label(cur, lesson)),
            topic_links(cur, src, lesson.topics),
            f"<ul>{objectives}</ul>",
        ])
    return html_table(caption, ["수업", "대상", "차시(시간)", "주제", "학습 목표"], rows,
                      "catalog")


LEVEL_PREFIX = {"elementary": "초", "middle": "중", "high": "고"}


def grade_labels(track) -> list[tuple[str, str]]:
    """(value, label) of each grade of a student track: ("middle:1", "중1")."""
    prefix = "초" if track.key.startswith("elementary") else LEVEL_PREFIX.get(track.key, "")
    return [(f"{track.key}:{g}", f"{prefix}{g}") for g in track.grades]


def _checks(name: str, legend: str, options: list[tuple[str, str]]) -> str:
    boxes = "".join(
        f'<label class="finder-option"><input type="checkbox" name="{name}" value="{esc(v)}"> '
        f"{esc(label)}</label>" for v, label in options)
    return f'<fieldset><legend>{esc(legend)}</legend>{boxes}</fieldset>'


def finder(cur: Curriculum, src: str) -> str:
    """Every published lesson as a list (readable without JavaScript) and, for
    browsers with scripts, filters that only hide what does not match."""
    lessons = [l for t in cur.tracks for l in cur.lessons_of(t, published_only=True)]
    minutes = sorted({cur.tracks[l.track].minutes * l.periods for l in lessons})
    grades = [g for t in cur.tracks.values() if t.audience == "student" for g in grade_labels(t)]
    topics = [t for t in cur.topics if any(t in l.topics for l in lessons)]
    form = ('<form id="lesson-finder" class="finder" hidden autocomplete="off" '
            'aria-describedby="finder-help">'
            '<p id="finder-help">학교급·학년·수업 시간·주제로 골라 보세요. 조건을 고르면 아래 '
            '목록이 바로 줄어듭니다. 같은 칸의 조건은 “또는”, 다른 칸의 조건은 “그리고”로 '
            '묶입니다. 고른 조건은 주소에 남아 즐겨찾기나 뒤로 가기로 다시 볼 수 있습니다.</p>'
            + _checks("track", "학교급·대상", [(k, t.name) for k, t in cur.tracks.items()])
            + _checks("grade", "학년", grades)
            + _checks("minutes", "수업 시간", [(str(m), f"{m}분") for m in minutes])
            + _checks("topic", "주제", [(t, cur.topics[t].name) for t in topics])
            + _checks("handouts", "인쇄 자료", [("1", "인쇄 자료가 있는 수업만")])
            + (_checks("easy", EASY_READ, [("1", f"{EASY_READ} 수업만")])
               if any(l.easy_read for l in lessons) else "")
            + '<button type="reset" class="md-button">조건 모두 지우기</button></form>')
    items = []
    for l in lessons:
        t = cur.tracks[l.track]
        grades_attr = " ".join(f"{t.key}:{g}" for g in l.grades)
        items.append(
            f'<li data-track="{t.key}" data-grade="{grades_attr}" '
            f'data-minutes="{t.minutes * l.periods}" data-topic="{" ".join(l.topics)}" '
            f'data-handouts="{1 if l.handout_files else 0}" '
            f'data-easy="{1 if l.easy_read else 0}" markdown="span">'
            f"[{esc(l.title)}]({link(src, l.path)}) "
            + (f'<span class="badge badge--easy-read">{EASY_READ}</span> ' if l.easy_read else "")
            + f'<span class="finder-meta">{esc(t.name)} · {grades_label(l.grades)} · '
            f"{esc(length_label(cur, l))} · "
            f"{esc(', '.join(cur.topics[x].name for x in l.topics if x in cur.topics))}"
            f"{' · 인쇄 자료' if l.handout_files else ''}</span></li>")
    return ("\n" + form + "\n\n"
            f'<p id="finder-count" role="status" aria-live="polite">전체 수업 {len(lessons)}개</p>\n\n'
            '<p id="finder-none" hidden>조건에 맞는 수업이 없습니다. 조건을 하나씩 빼 보거나 '
            '“조건 모두 지우기”를 누르세요. 수업 시간은 학교급마다 다릅니다.</p>\n\n'
            '<ul id="finder-list" class="finder-list" markdown="1">\n' + "\n".join(items)
            + "\n</ul>\n")


def lessons_home(cur: Curriculum) -> Page:
    src = LESSONS_HOME
    rows = []
    for key, track in cur.tracks.items():
        n = len(cur.lessons_of(key, published_only=True))
        rows.append([f"[{esc(track.name)}]({link(src, catalog_path(key))})",
                     f"1{track.unit} {track.minutes}분", f"{n}개"])
    # Each lesson is a search document of its own; the list of them all is not one (it
    # is indexed by its title in search/index.json). Builders with their own index
    # (Zensical: at 1,000 lessons this page is over its limit per field) leave it out.
    md = [front("수업 찾기", "학교급과 대상별 디지털 성범죄 예방 수업",
                "search:\n  exclude: true\n"), "# 수업 찾기\n",
          "학교급·대상별 목록과 모든 수업이 이 페이지에 있습니다. 주제별 목록은 "
          f"[주제별 수업]({link(src, TOPICS_HOME)})에 있습니다.\n",
          html_table("학교급·대상별 수업", ["학교급·대상", "수업 시간", "게시된 수업"], rows,
                     "catalog"),
          "\n## 모든 수업\n", finder(cur, src)]
    return Page(src, "\n".join(md))


def search_page(cur: Curriculum, printed=None) -> Page:
    """The search page: results (search.js), a "more" button, and when nothing is
    found the help numbers (site.help_now) and the ways to browse, which are also
    the page's answer without scripts."""
    from .directives import help_now_strip

    src = SEARCH
    browse = [("수업 찾기: 학교급·학년·주제로 고르기", LESSONS_HOME),
              ("주제별 수업", TOPICS_HOME)]
    browse += [(label, path) for label, path in (
        ("사안 발생 시 대응 절차", "guides/incident-response.md"),
        ("도움이 필요할 때 (학생용)", HELP_PAGE),
        ("학부모 안내", "guides/parents.md"),
        ("자주 묻는 질문", "guides/faq.md"),
        ("연락처 모음", CONTACTS)) if path in cur.pages]
    md = [front("검색", "수업안과 대응 안내 검색"), "# 검색\n",
          '<form id="search-page-form" class="site-search-page" role="search" action="./" '
          'method="get"><label for="search-page-q">검색어</label> '
          '<input id="search-page-q" name="q" type="search" autocomplete="off" '
          'placeholder="예: 딥페이크를 신고하는 방법"> <button type="submit" class="md-button">'
          "검색</button></form>\n",
          '<p id="search-status" role="status" aria-live="polite"></p>\n',
          '<ol id="search-results" class="search-results"></ol>\n',
          '<p><button type="button" id="search-more" class="md-button" hidden>결과 더 보기'
          "</button></p>\n",
          '<div id="search-none" hidden markdown="1">\n\n'
          + help_now_strip(cur, src, None, printed) + "\n</div>\n",
          "<noscript><p>검색 상자는 자바스크립트가 켜져 있어야 움직입니다. 아래에서 골라 "
          "보세요.</p></noscript>\n",
          "## 다른 방법으로 찾기\n",
          "\n".join(f"- [{esc(label)}]({link(src, path)})" for label, path in browse) + "\n"]
    return Page(SEARCH, "\n".join(md))


def topics_home(cur: Curriculum) -> Page:
    src = TOPICS_HOME
    rows = []
    for key, topic in cur.topics.items():
        n = sum(1 for l in cur.lessons if l.published and key in l.topics)
        rows.append([f"[{esc(topic.name)}]({link(src, topic_path(key))})", f"{n}개"])
    md = [front("주제별 수업", "주제로 찾는 디지털 성범죄 예방 수업"), "# 주제별 수업\n",
          html_table("주제 목록", ["주제", "게시된 수업"], rows, "catalog")]
    return Page(src, "\n".join(md))


def topic_page(cur: Curriculum, key: str) -> Page:
    src = topic_path(key)
    topic = cur.topics[key]
    md = [front(f"주제: {topic.name}", f"{topic.name} 주제의 수업"), f"# {topic.name}\n",
          f"[주제별 수업 목록으로]({link(src, TOPICS_HOME)}){{ .back-link }}\n"]
    any_lesson = False
    for tkey, track in cur.tracks.items():
        lessons = [l for l in cur.lessons_of(tkey, published_only=True) if key in l.topics]
        if not lessons:
            continue
        any_lesson = True
        md.append(f"## {track.name}\n")
        for l in lessons:
            md.append(f"- [{esc(l.title)}]({link(src, l.path)}) · {grades_label(l.grades)} · "
                      f"{esc(length_label(cur, l))}")
        md.append("")
    if not any_lesson:
        md.append("아직 이 주제의 게시된 수업이 없습니다.\n")
    return Page(src, "\n".join(md))


def all_pages(loaded, printed=None) -> list[Page]:
    """Every generated page; `printed` (PDFs and packs) is None in the live preview."""
    cur = loaded.curriculum
    pdfs = printed.by_handout() if printed is not None else None
    pages = [lessons_home(cur), topics_home(cur), search_page(cur, printed)]
    pages += [catalog_page(cur, t) for t in cur.tracks.values()]
    from .custompack import custom_pack_page
    pages.append(custom_pack_page(cur, printed,
                                  any(d.site_path == PACKS for d in loaded.docs)))
    pages += [topic_page(cur, k) for k in cur.topics]
    seqs = Sequences(cur)
    for lesson in cur.lessons:
        pages.append(lesson_page(cur, lesson, pdfs,
                                 printed.kits if printed is not None else None, seqs))
        pages += [handout_page(cur, lesson, h, pdfs) for h in lesson.handout_files]
    return pages


MAINTAINERS_BOOST = 0.5  # editors' pages and coverage come after the public pages


def search_documents(loaded) -> list[dict]:
    """Every document of the search: lessons, track lists, topics, handouts, the
    hand-written pages (questions of `search.yml` `sections` pages one by one)."""
    from ..searchindex import (catalog_docs, handout_docs, lesson_docs, page_docs,
                               section_docs, topic_docs)

    cur = loaded.curriculum
    sections = set(loaded.search.sections)
    docs = lesson_docs(cur, page_url)
    docs += catalog_docs(cur, page_url, catalog_path)
    docs += topic_docs(cur, page_url, topic_path)
    docs += handout_docs(cur, page_url, handout_path)
    pages = []
    for d in loaded.docs:
        title = str(d.meta.get("title") or "")
        if not title:
            m = re.search(r"(?m)^#\s+(.+)$", d.body)
            title = m.group(1).strip() if m else d.site_path
        label = "대응 안내" if d.site_path.startswith("guides/") else str(
            d.meta.get("search_label") or "안내")
        meta = d.meta
        if for_maintainers(d.site_path):
            label = "누리집 관리"
            if "search" not in meta:
                meta = {**meta, "search": {"boost": MAINTAINERS_BOOST}}
        body = expand_directives(d.body, d.site_path, cur, loaded.rules, None)
        text = expand(body, cur.reference, html=False)
        if d.site_path in sections:
            docs += section_docs(page_url(d.site_path), title, text, label, meta)
        else:
            pages.append((page_url(d.site_path), title, text, label, meta))
    # The finder page lists every lesson (each indexed on its own): index it by its
    # title and keywords only, without rendering it a second time.
    pages.append((page_url(LESSONS_HOME), "수업 찾기", "수업 찾기", "수업",
                  {"keywords": "수업 찾기, 수업 목록, 학교급별, 학년별, 주제별, lesson finder, "
                               "lessons, list", "search": {"boost": 1.5},
                   "description": "학교급·학년·수업 시간·주제로 모든 수업을 골라 보는 목록"}))
    docs += page_docs(pages)
    return docs


def search_index(loaded) -> dict:
    from ..searchindex import build_index

    return build_index(search_documents(loaded), loaded.search)


def search_index_json(loaded) -> str:
    """The search index (search/index.json)."""
    import json

    return json.dumps(search_index(loaded), ensure_ascii=False, separators=(",", ":"))


def search_index_script(index_json: str) -> str:
    """The same index as a script (search/index.js): a page opened from disk (file://)
    cannot fetch JSON, but it can load a script."""
    return f"window.curriculumSearchIndex={index_json};\n"


def guide_help(loaded, src: str) -> str:
    """The help block a guide page ends with (contacts from contacts.yml)."""
    cur = loaded.curriculum
    keys = cur.site.guide_help or list(cur.contacts)
    return help_block([k for k in keys if k in cur.contacts], cur.contacts, link(src, CONTACTS))
