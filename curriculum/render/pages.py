"""The generated pages of the site, as Markdown: lesson pages, catalogs, topic index,
coverage matrix, contacts, the wording rules and the finding codes. Sources are never
written: the adapter hands these strings to the site generator as virtual files.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ..body import without_section
from ..checks.coverage import coverage
from ..codes import AREAS, CODES
from ..printing.source import for_print, nest_markdown_headings
from ..model import Curriculum, Lesson, Track
from .text import (contact_inline, esc, expand_contacts, grades_label, help_block,
                   html_table, kdate)

LESSONS_HOME = "lessons/index.md"
TOPICS_HOME = "topics/index.md"
COVERAGE = "coverage.md"
CONTACTS = "contacts.md"
RULES = "editors/language-rules.md"
FINDING_CODES = "editors/finding-codes.md"
HANDOUT_KINDS = {"worksheet": "활동지", "parent-letter": "가정통신문",
                 "teacher-card": "교사용 요약 카드", "poster": "도움 안내 포스터"}


@dataclass
class Page:
    path: str  # site path of the Markdown source, e.g. lessons/middle/index.md
    markdown: str
    source: str | None = None  # repository file an editor would change ("edit this page")


def link(src: str, dst: str) -> str:
    return posixpath.relpath(dst, posixpath.dirname(src) or ".")


def catalog_path(track: str) -> str:
    return f"lessons/{track}/index.md"


def topic_path(topic: str) -> str:
    return f"topics/{topic}.md"


def handout_path(lesson: Lesson, name: str) -> str:
    return f"{lesson.url_dir}handouts/{name}.md"


def generated_paths(cur: Curriculum) -> set[str]:
    paths = {LESSONS_HOME, TOPICS_HOME, COVERAGE, CONTACTS, RULES, FINDING_CODES, "packs.md",
             "search.md"}
    paths.update(catalog_path(t) for t in cur.tracks)
    paths.update(topic_path(t) for t in cur.topics)
    for lesson in cur.lessons:
        paths.add(lesson.path)
        paths.update(handout_path(lesson, h.name) for h in lesson.handout_files)
    return paths


def length_label(cur: Curriculum, lesson: Lesson) -> str:
    track = cur.tracks[lesson.track]
    return f"{lesson.periods}{track.unit}({track.minutes * lesson.periods}분)"


def topic_links(cur: Curriculum, src: str, topics: list[str]) -> str:
    return ", ".join(f"[{esc(cur.topics[t].name)}]({link(src, topic_path(t))})"
                     for t in topics if t in cur.topics)


def front(title: str, description: str = "") -> str:
    # Titles are quoted for YAML; the theme turns them into "제목 - 사이트 이름".
    t = title.replace('"', "'")
    d = description.replace('"', "'")
    return f'---\ntitle: "{t}"\n' + (f'description: "{d}"\n' if d else "") + "---\n\n"


# --- lesson page -------------------------------------------------------------------

def size_label(n: int) -> str:
    return f"{max(1, round(n / 1024))} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def lesson_page(cur: Curriculum, lesson: Lesson, pdfs: dict | None = None) -> Page:
    src = lesson.path
    track = cur.tracks[lesson.track]
    phases = lesson.phases
    total = sum(p.minutes for p in phases)
    md = [front(lesson.title, lesson.summary or lesson.objectives[0])]
    md.append(f"# {lesson.title}\n")
    md.append(f'[{esc(track.name)} 수업 목록으로]({link(src, catalog_path(track.key))})'
              '{ .back-link }\n')
    if not lesson.published:
        md.append('!!! warning "작성 중인 수업"\n    이 수업안은 아직 검토 중입니다. '
                  '수업에 쓰기 전에 담당자와 확인하세요.\n')
    objectives = "".join(f"<li>{esc(o)}</li>" for o in lesson.objectives)
    materials = ", ".join(esc(m) for m in lesson.materials) or "없음"
    rows = [
        ["대상", f"{esc(track.name)} ({grades_label(lesson.grades)})" if lesson.grades
         else esc(track.name)],
        ["차시", esc(length_label(cur, lesson))],
        ["학습 주제", topic_links(cur, src, lesson.topics)],
        ["학습 목표", f"<ul>{objectives}</ul>"],
        ["준비물", materials],
    ]
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
    md.append("\n" + expand_contacts(body.strip(), cur.contacts) + "\n")
    if lesson.handout_files:
        md.append("\n## 인쇄 자료\n")
        for h in lesson.handout_files:
            kind = HANDOUT_KINDS.get(h.kind, h.kind)
            parts = []
            for variant, label in (("student", kind), ("teacher", f"{kind} 교사용")):
                pdf = (pdfs or {}).get((lesson.id, h.name, variant))
                if pdf is None and h.audience == "teacher" and variant == "teacher":
                    continue
                if pdf is not None:
                    parts.append(f"[{esc(label)} (PDF, {size_label(pdf.size)})]"
                                 f"({link(src, pdf.doc.site_path)})")
            parts.append(f"[{esc(kind)} 화면에서 보기]({link(src, handout_path(lesson, h.name))})")
            md.append(f"- **{esc(h.title)}** (A4 {h.pages}쪽): " + " · ".join(parts))
        if pdfs is None:
            md.append("\n미리 보기에서는 PDF를 만들지 않습니다. PDF는 `make site`로 만든 "
                      "누리집에 있습니다.")
        md.append("")
    md.append("\n" + help_block(track.help, cur.contacts, link(src, CONTACTS)))
    md.append(f"\n<p class=\"page-meta\">마지막 내용 검토: {kdate(lesson.reviewed)} · "
              f"수업 번호: <code>{esc(lesson.id)}</code></p>\n")
    return Page(src, "\n".join(md), lesson.path)


def handout_page(cur: Curriculum, lesson: Lesson, h) -> Page:
    src = handout_path(lesson, h.name)
    kind = HANDOUT_KINDS.get(h.kind, h.kind)
    md = [front(f"{h.title}", f"{lesson.title} {kind}"), f"# {h.title}\n",
          f"[{esc(lesson.title)} 수업안으로]({link(src, lesson.path)}){{ .back-link }}\n",
          f"<p class=\"page-meta\">{esc(kind)} · 대상: "
          f"{ {'student': '학생', 'parent': '학부모', 'teacher': '교사'}.get(h.audience, h.audience)} · "
          f"A4 {h.pages}쪽</p>\n",
          expand_contacts(nest_markdown_headings(for_print(h.body)).strip(), cur.contacts), ""]
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
            f"{n}. [{esc(lesson.title)}]({link(src, lesson.path)})",
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
    form = ('<form id="lesson-finder" class="finder" hidden aria-describedby="finder-help">'
            '<p id="finder-help">조건을 고르면 아래 목록이 바로 줄어듭니다. 같은 칸의 조건은 '
            '“또는”, 다른 칸의 조건은 “그리고”로 묶입니다.</p>'
            + _checks("track", "학교급·대상", [(k, t.name) for k, t in cur.tracks.items()])
            + _checks("grade", "학년", grades)
            + _checks("minutes", "수업 시간", [(str(m), f"{m}분") for m in minutes])
            + _checks("topic", "주제", [(t, cur.topics[t].name) for t in topics])
            + _checks("handouts", "인쇄 자료", [("1", "인쇄 자료가 있는 수업만")])
            + '<button type="reset" class="md-button">조건 모두 지우기</button></form>')
    items = []
    for l in lessons:
        t = cur.tracks[l.track]
        grades_attr = " ".join(f"{t.key}:{g}" for g in l.grades)
        items.append(
            f'<li data-track="{t.key}" data-grade="{grades_attr}" '
            f'data-minutes="{t.minutes * l.periods}" data-topic="{" ".join(l.topics)}" '
            f'data-handouts="{1 if l.handout_files else 0}" markdown="span">'
            f"[{esc(l.title)}]({link(src, l.path)}) "
            f'<span class="finder-meta">{esc(t.name)} · {grades_label(l.grades)} · '
            f"{esc(length_label(cur, l))} · "
            f"{esc(', '.join(cur.topics[x].name for x in l.topics if x in cur.topics))}"
            f"{' · 인쇄 자료' if l.handout_files else ''}</span></li>")
    return ("\n" + form + "\n\n"
            f'<p id="finder-count" role="status" aria-live="polite">전체 수업 {len(lessons)}개</p>\n\n'
            '<ul id="finder-list" class="finder-list" markdown="1">\n' + "\n".join(items)
            + "\n</ul>\n")


def lessons_home(cur: Curriculum) -> Page:
    src = LESSONS_HOME
    rows = []
    for key, track in cur.tracks.items():
        n = len(cur.lessons_of(key, published_only=True))
        rows.append([f"[{esc(track.name)}]({link(src, catalog_path(key))})",
                     f"1{track.unit} {track.minutes}분", f"{n}개"])
    md = [front("수업 찾기", "학교급과 대상별 디지털 성범죄 예방 수업"), "# 수업 찾기\n",
          "학교급·학년·수업 시간·주제로 수업을 골라 보세요. 주제별 목록은 "
          f"[주제별 수업]({link(src, TOPICS_HOME)})에 있습니다.\n",
          html_table("학교급·대상별 수업", ["학교급·대상", "수업 시간", "게시된 수업"], rows,
                     "catalog"),
          "\n## 모든 수업\n", finder(cur, src)]
    return Page(src, "\n".join(md))


SEARCH = "search.md"


def search_page() -> Page:
    md = [front("검색", "수업안과 대응 안내 검색"), "# 검색\n",
          '<form id="search-page-form" class="site-search-page" role="search" action="./" '
          'method="get"><label for="search-page-q">검색어</label> '
          '<input id="search-page-q" name="q" type="search" autocomplete="off" '
          'placeholder="예: 딥페이크를 신고하는 방법"> <button type="submit" class="md-button">'
          "검색</button></form>\n",
          '<p id="search-status" role="status" aria-live="polite"></p>\n',
          '<ol id="search-results" class="search-results"></ol>\n',
          "<noscript><p>검색에는 자바스크립트가 필요합니다. 학교급·주제로 찾으려면 "
          "[수업 찾기](lessons/index.md)를 보세요.</p></noscript>\n"]
    return Page(SEARCH, "\n".join(md))


def topics_home(cur: Curriculum) -> Page:
    src = TOPICS_HOME
    rows = []
    for key, topic in cur.topics.items():
        n = sum(1 for l in cur.lessons if l.published and key in l.topics)
        rows.append([f"[{esc(topic.name)}]({link(src, topic_path(key))})",
                     f'<span lang="en">{esc(topic.name_en)}</span>', f"{n}개"])
    md = [front("주제별 수업", "주제로 찾는 디지털 성범죄 예방 수업"), "# 주제별 수업\n",
          html_table("주제 목록", ["주제", "영문", "게시된 수업"], rows, "catalog")]
    return Page(src, "\n".join(md))


def topic_page(cur: Curriculum, key: str) -> Page:
    src = topic_path(key)
    topic = cur.topics[key]
    md = [front(f"주제: {topic.name}", f"{topic.name} 주제의 수업"), f"# {topic.name}\n",
          f'<p class="page-meta" lang="en">{esc(topic.name_en)}</p>\n']
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


# --- coverage, contacts, wording rules -----------------------------------------------

def coverage_page(cur: Curriculum) -> Page:
    src = COVERAGE
    cov = coverage(cur)
    gaps = []
    for key, c in cov.items():
        t = cur.tracks[key]
        if c.short_by:
            gaps.append(f"- **{t.name}**: 게시된 수업 {c.published}개, {c.short_by}개 더 필요")
        for topic in c.missing:
            gaps.append(f"- **{t.name}**: 필수 주제 “{cur.topics[topic].name}” 수업 없음")
    topics = list(cur.topics)
    headers = ["학교급·대상", "게시 수업 / 최소"] + [cur.topics[t].name for t in topics]
    rows = []
    for key, c in cov.items():
        t = cur.tracks[key]
        mark = "충족" if not c.short_by else "부족"
        row = [f"[{esc(t.name)}]({link(src, catalog_path(key))})",
               f"{c.published} / {c.required} ({mark})"]
        for topic in topics:
            n = c.by_topic.get(topic, 0)
            required = topic in t.required_topics
            if required and n:
                row.append(f'<span class="cov-ok">필수 ✓ {n}</span>')
            elif required:
                row.append('<span class="cov-missing">필수 ✗ 없음</span>')
            elif n:
                row.append(f"{n}")
            else:
                row.append('<span class="cov-none">–</span>')
        rows.append(row)
    md = [front("교육과정 충족 현황", "학교급·대상별 필수 주제 충족 현황"), "# 교육과정 충족 현황\n",
          "각 학교급·대상이 꼭 다뤄야 할 주제(`curriculum.yml`)를 게시된 수업이 얼마나 "
          "다루는지 보여 줍니다. 작성 중인 수업은 세지 않습니다. "
          "“필수 ✓ 2”는 필수 주제를 수업 2개가 다룬다는 뜻이고, “필수 ✗ 없음”은 빠진 "
          "필수 주제입니다. 숫자만 있는 칸은 필수는 아니지만 다루는 수업 수입니다.\n"]
    if gaps:
        md.append('!!! danger "부족한 곳"\n' + "\n".join("    " + g for g in gaps) + "\n")
    else:
        md.append('!!! success "모든 학교급·대상이 요건을 충족합니다."\n    '
                  f"게시된 수업 {sum(c.published for c in cov.values())}개\n")
    md.append('<div class="table-scroll" markdown>\n\n'
              + html_table("학교급·대상 × 주제 충족 표", headers, rows, "coverage") + "\n</div>\n")
    return Page(src, "\n".join(md))


def contacts_page(cur: Curriculum) -> Page:
    src = CONTACTS
    rows = []
    for c in cur.contacts.values():
        source = c.source if not c.source.startswith("http") else f"[{c.source}]({c.source})"
        rows.append([esc(c.name), contact_inline(c).split("**", 2)[-1].strip() or "-",
                     esc(c.hours or "-"), esc(c.purpose), source, kdate(c.checked)])
    md = [front("연락처 모음", "디지털 성범죄 상담·신고·삭제 지원 연락처"), "# 연락처 모음\n",
          "모든 수업과 안내서의 연락처는 이 표 한 곳(`contacts.yml`)에서 가져옵니다. "
          "긴급한 위험이 있으면 **112**에 전화하세요.\n",
          html_table("상담·신고·삭제 지원 연락처", ["기관", "연락처", "운영", "하는 일", "출처",
                                            "확인한 날"], rows, "contacts")]
    return Page(src, "\n".join(md), "contacts.yml")


def rules_page(rules) -> Page:
    src = RULES
    rows = [[f"<code>{esc(r.id)}</code>", f"<code>{esc(r.pattern.pattern)}</code>",
             esc(r.why), esc(r.instead)] for r in rules]
    md = [front("표현 점검 목록", "피해자 비난·공포 조장 표현 점검 규칙"), "# 표현 점검 목록\n",
          "검사(`make check`)는 아래 표현을 찾으면 오류를 냅니다. 표현 목록은 "
          "`language-rules.yml`에 있고, 바꾸려면 끌어오기 요청으로 검토를 받습니다. "
          "잘못된 통념을 바로잡기 위해 인용할 때(“…라고 답했다”, “잘못된 생각”)는 "
          "검사하지 않으며, 하지 말아야 할 말의 예시로 보여 줄 때는 줄 앞에 ✗를 붙입니다.\n",
          html_table("표현 점검 규칙", ["규칙", "찾는 표현(정규식)", "왜 문제인가", "이렇게 바꿔 쓰기"],
                     rows, "rules")]
    return Page(src, "\n".join(md), "language-rules.yml")


SEVERITY_LABELS = {"error": "오류", "warning": "경고", None: "규칙마다 다름"}


def md_cell(text: str) -> str:
    """Inline Markdown for a table cell: `code spans` kept as written, HTML escaped
    elsewhere (so `<field>` shows as text)."""
    return "".join(part if part.startswith("`") else esc(part)
                   for part in re.split(r"(`[^`]*`)", text))


def codes_page() -> Page:
    """Every finding code with its severity, meaning and fix (curriculum/codes.py)."""
    src = FINDING_CODES
    md = [front("검사 결과 코드", "검사가 알려 주는 문제의 코드, 뜻과 고치는 법"), "# 검사 결과 코드\n",
          "검사(`make check`, 끌어오기 요청의 자동 검사)는 문제를 찾으면 하나씩 이렇게 알려 "
          "줍니다.\n",
          "```text\nlessons/middle/deepfake-harm/index.md:21:1 error phase-minutes-sum phase "
          "minutes add up to 40 (도입 5 + 전개 30 + 정리 5) but 1 차시 of 중학교 is 45 minutes\n"
          "    hint: change the minutes so they add up to 45, or change `periods`\n```\n",
          "앞에서부터 파일:줄:칸, 심각도, 코드, 설명이고, `hint:` 줄이 고치는 방법입니다. "
          "**오류**(error)가 하나라도 있으면 끌어오기 요청을 병합할 수 없고, **경고**(warning)는 "
          "알려 주기만 합니다. 아래 표에서 코드를 찾아 뜻과 고치는 법을 보세요. "
          "`invalid-<field>`처럼 꺾쇠가 있는 코드는 묶음입니다. 실제 코드에는 그 자리에 항목 "
          "이름이나 규칙 이름이 들어갑니다(예: `invalid-periods`). 이 목록은 검사 도구의 "
          "`curriculum/codes.py`에서 만들어지므로, 검사가 내는 코드는 모두 여기에 있습니다.\n"]
    for area in AREAS:
        rows = []
        for c in CODES:
            if c.area != area:
                continue
            anchor = f"family-{c.family.rstrip('-')}" if c.family else c.code
            rows.append([f'<code id="{anchor}">{esc(c.code)}</code>',
                         SEVERITY_LABELS[c.severity], md_cell(c.meaning), md_cell(c.fix)])
        if rows:
            md += [f"## {area}\n",
                   html_table(f"{area} 검사 결과 코드", ["코드", "심각도", "뜻", "고치는 법"], rows,
                              "codes")]
    return Page(src, "\n".join(md), "curriculum/codes.py")


PACKS = "packs.md"


def packs_page(cur: Curriculum, printed) -> Page:
    src = PACKS
    md = [front("인쇄 꾸러미", "현장지원단용 학교급별 인쇄 자료 묶음"), "# 인쇄 꾸러미\n",
          "현장지원단이 학교를 방문할 때 쓰는 인쇄 자료 묶음입니다. 학교급·대상마다 "
          "수업 순서대로 모든 PDF를 담은 ZIP(목록 manifest 포함)과, 인쇄소에 그대로 맡길 수 "
          "있도록 하나로 합친 PDF가 있습니다. 모두 A4이며 흑백으로 인쇄해도 됩니다. "
          "학생용·가정통신문은 한 반(30명)에 30부, 교사용은 1부, 포스터는 2부를 권합니다.\n"]
    if printed is None:
        md.append("미리 보기(`make serve`)에서는 PDF와 꾸러미를 만들지 않습니다. "
                  "`make site`로 만든 누리집에서 내려받으세요.\n")
        return Page(src, "\n".join(md))
    rows = []
    for p in printed.packs:
        name = "전체 교육과정" if p.key == "all" else cur.tracks[p.key].name
        rows.append([esc(name), f"{p.files}개", f"{p.pages}쪽",
                     f"[{esc(name)} 꾸러미 (ZIP, {size_label(p.zip_size)})](packs/{p.key}.zip)",
                     f"[{esc(name)} 인쇄소용 (PDF, {size_label(p.pdf_size)})](packs/{p.key}.pdf)",
                     p.date])
    md.append(html_table("학교급·대상별 인쇄 꾸러미", ["학교급·대상", "파일", "쪽수", "묶음 내려받기",
                                                "한 파일로 인쇄", "내용 기준일"], rows, "catalog"))
    return Page(src, "\n".join(md))


def all_pages(loaded, printed=None) -> list[Page]:
    """Every generated page; `printed` (PDFs and packs) is None in the live preview."""
    cur = loaded.curriculum
    pdfs = printed.by_handout() if printed is not None else None
    pages = [lessons_home(cur), topics_home(cur), coverage_page(cur), contacts_page(cur),
             rules_page(loaded.rules), codes_page(), packs_page(cur, printed), search_page()]
    pages += [catalog_page(cur, t) for t in cur.tracks.values()]
    pages += [topic_page(cur, k) for k in cur.topics]
    for lesson in cur.lessons:
        pages.append(lesson_page(cur, lesson, pdfs))
        pages += [handout_page(cur, lesson, h) for h in lesson.handout_files]
    return pages


def page_url(path: str) -> str:
    """Site URL of a Markdown page with directory URLs: guides/help.md -> guides/help/."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def search_index_json(loaded) -> str:
    """The search index (search/index.json) of lessons, guides and the contacts page."""
    import json

    from ..searchindex import build_index, lesson_docs, page_docs

    cur = loaded.curriculum
    docs = lesson_docs(cur, page_url)
    pages = []
    for d in loaded.docs:
        title = str(d.meta.get("title") or "")
        if not title:
            m = re.search(r"(?m)^#\s+(.+)$", d.body)
            title = m.group(1).strip() if m else d.site_path
        label = "대응 안내" if d.site_path.startswith("guides/") else "안내"
        pages.append((page_url(d.site_path), title, d.body, label, d.meta))
    # Generated pages people look for by what they offer.
    for p, title, label, keywords in (
            (contacts_page(cur), "연락처 모음", "연락처",
             "연락처, 전화번호, 상담 전화, 신고 전화, 도움 받을 곳, helpline, phone numbers, hotline"),
            # The finder page lists every lesson (each indexed on its own): index it by
            # its title and keywords only, without rendering it a second time.
            (Page(LESSONS_HOME, "수업 찾기"), "수업 찾기", "수업",
             "수업 찾기, 수업 목록, 학교급별, 학년별, 주제별, lesson finder, lessons, list"),
            (packs_page(cur, None), "인쇄 꾸러미", "인쇄 자료",
             "인쇄 꾸러미, 인쇄, 한꺼번에, 모음, 활동지, 가정통신문, 포스터, PDF, ZIP, "
             "printable, print, worksheets, handouts, pack")):
        pages.append((page_url(p.path), title, p.markdown, label,
                      {"keywords": keywords, "search": {"boost": 1.5}}))
    docs += page_docs(pages)
    return json.dumps(build_index(docs), ensure_ascii=False, separators=(",", ":"))


def guide_help(loaded, src: str) -> str:
    """The help block a guide page ends with (contacts from contacts.yml)."""
    cur = loaded.curriculum
    keys = cur.site.get("guide_help") or list(cur.contacts)
    return help_block([k for k in keys if k in cur.contacts], cur.contacts, link(src, CONTACTS))
