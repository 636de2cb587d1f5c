"""The page for parents of a lesson: where the QR code of a 가정통신문 (or of any sheet
for parents) leads, instead of the teacher's lesson plan.

Made only from what the lesson already says: its title, summary and objectives, the
text of its sheets for parents (without the tear-off reply slip and the blanks the
school fills in on paper), and the help contacts every guide page ends with.
"""

from __future__ import annotations

import re

from ..model import Curriculum, Lesson
from ..printing.links import has_parents_page, parents_page_src
from ..printing.source import CUT_LINE, for_print, nest_markdown_headings, strip_teacher
from ..paths import CONTACTS, handout_path, link
from .directives import size_label
from .pages import Page, front, length_label
from .text import esc, grades_label, help_block, kdate

PARENTS_GUIDE = "guides/parents.md"
# Lines of a letter that only make sense on paper: the school's name and letter number,
# the date and the head's signature left blank for the school to fill in.
PAPER_ONLY = re.compile(r"○○|^\**가정통신문 제|^\d{4}\\?\.[\s.]*$")
STRUCTURE = re.compile(r"^(\||#|>|[-*+]\s|\d+[.)]\s)")  # tables, headings, quotes, lists


def for_web(body: str) -> str:
    """A sheet's Markdown as it reads on a page: no teacher notes, nothing from the cut
    line on (the reply slip), no fill-in lines of the letterhead and signature."""
    out = []
    for line in strip_teacher(body).split("\n"):
        if CUT_LINE.match(line):
            break
        text = line.strip()
        if text and not STRUCTURE.match(text) and PAPER_ONLY.search(text.strip("*")):
            continue
        out.append(line)
    return "\n".join(out).strip() + "\n"


def parents_page(cur: Curriculum, lesson: Lesson, pdfs: dict | None = None,
                 guide: str | None = None) -> Page:
    """`guide`: the title of the parents' guide (docs/guides/parents.md) to link to."""
    src = parents_page_src(lesson)
    track = cur.tracks[lesson.track]
    students = track.audience == "student"
    title = f"학부모님께: {lesson.title}"
    what = "수업" if students else "교육"
    md = [front(title, f"{track.name} {lesson.title} {what}을 가정에서 함께하는 방법"),
          f"# {title}\n"]
    grades = f" {grades_label(lesson.grades)}" if lesson.grades else ""
    md.append(f'<p class="page-meta">{esc(track.name)}{esc(grades)} · '
              f"{esc(length_label(cur, lesson))} · "
              f"마지막 내용 검토: {kdate(lesson.reviewed)}</p>\n")
    if students:
        md.append(f"자녀가 학교에서 「{esc(lesson.title)}」 수업을 합니다. 학교에서 나누어 드린 "
                  "안내문의 QR 코드로 여는 학부모용 페이지입니다. 수업에서 배우는 내용, 가정에서 "
                  "함께할 일, 도움을 받을 수 있는 곳을 모았습니다.\n")
    else:
        md.append(f"학부모 교육 「{esc(lesson.title)}」에서 나누어 드린 자료의 QR 코드로 여는 "
                  "페이지입니다. 교육에서 다루는 내용, 가정에서 할 일, 도움을 받을 수 있는 곳을 "
                  "모았습니다.\n")
    md.append(f"## {what}에서 배우는 내용\n")
    if lesson.summary:
        md.append(esc(lesson.summary) + "\n")
    if lesson.objectives:
        md.append("### 학습 목표\n")
        md += [f"- {esc(o)}" for o in lesson.objectives]
        md.append("")
    for h in lesson.handout_files:
        if h.audience != "parent":
            continue
        md.append(f"## {esc(h.title)}\n")
        # Macros expand in the Markdown extension, as on every page.
        md.append(nest_markdown_headings(for_print(for_web(h.body)), first=3).strip() + "\n")
        pdf = (pdfs or {}).get((lesson.id, h.name, "student"))
        links = []
        if pdf is not None:
            links.append(f"[{esc(h.title)} 인쇄용 (PDF, {size_label(pdf.size)})]"
                         f"({link(src, pdf.doc.site_path)})")
        links.append(f"[{esc(h.title)} 화면에서 보기]({link(src, handout_path(lesson, h.name))})")
        md.append(" · ".join(links) + "\n")
    from .translated import lesson_translation_links
    md.append(lesson_translation_links(lesson, src))
    keys = [k for k in (cur.site.guide_help or list(cur.contacts)) if k in cur.contacts]
    md.append(help_block(keys, cur.contacts, link(src, CONTACTS)))
    more = []
    if guide:
        more.append(f"- [{esc(guide)}]({link(src, PARENTS_GUIDE)})")
    more.append(f"- [교사용 수업안: {esc(lesson.title)}]({link(src, lesson.path)})")
    md.append("\n## 더 알아보기\n\n" + "\n".join(more) + "\n")
    sheets = [h.path for h in lesson.handout_files if h.audience == "parent"]
    return Page(src, "\n".join(md), sheets[0] if sheets else lesson.path)


def parents_pages(loaded, printed=None) -> list[Page]:
    cur = loaded.curriculum
    pdfs = printed.by_handout() if printed is not None else None
    guide = None
    for d in loaded.docs:
        if d.site_path == PARENTS_GUIDE:
            m = re.search(r"(?m)^#\s+(.+)$", d.body)
            guide = str(d.meta.get("title") or (m.group(1).strip() if m else "학부모 안내"))
    return [parents_page(cur, lesson, pdfs, guide) for lesson in cur.lessons
            if has_parents_page(lesson)]
