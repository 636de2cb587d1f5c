"""The page 맞춤 꾸러미 만들기 (custom-pack.md): a school's own pack, built in the browser.

A teacher or the field support team picks lessons (or a whole level), types the
school's name, dates, contact and number of classes, and downloads one ZIP made in
the page by overrides/assets/custom-pack.js with JSZip, pdf-lib and fontkit (vendored
in overrides/assets/vendor/): the chosen lessons' PDFs, their 가정통신문 as PDF with the
school's values drawn in (from its fill template, curriculum/printing/fill.py) and as
DOCX with the same fields filled in (curriculum/printing/docx.py), an order sheet whose
copies follow the number of classes, and a manifest naming exactly the files in the
ZIP. No server: the page reads the site's own files. This module writes the form and
the data it needs (which files each lesson has, their Korean names, pages, copies, and
each letter's slots).
"""

from __future__ import annotations

import json

from ..model import Curriculum
from ..paths import CUSTOM_PACK as PAGE
from ..paths import PACKS, link
from .text import esc


def _rule(r) -> str:
    """How a document's copies grow with the classes: one per student (or family),
    one per class teacher, two posters per class."""
    if r.doc.handout.kind == "poster":
        return "poster"
    return "teacher" if r.doc.audience == "teacher" else "student"


def pack_data(cur: Curriculum, printed) -> dict:
    # Imported here: without PDFs (the preview, CURRICULUM_NO_PDF) printing is not loaded.
    from ..printing.docx import FIELDS, docx_site_path
    from ..printing.fill import FONT_SITE_PATH
    from ..printing.html import AUDIENCE_LABELS, KIND_LABELS
    from ..printing.packs import CLASS_SIZE, PAPER, safe_name, sides

    letters = {x.pdf_site_path: x for x in printed.letters}
    fills = {x.pdf_site_path: x for x in printed.fills}
    tracks = []
    for key, track in cur.tracks.items():
        lessons = []
        for lesson in cur.lessons_of(key, published_only=True):
            files = []
            for r in printed.rendered:
                if r.doc.lesson.id != lesson.id:
                    continue
                kind = KIND_LABELS.get(r.doc.handout.kind, r.doc.handout.kind)
                audience = AUDIENCE_LABELS.get(r.doc.audience, r.doc.audience)
                base = f"{safe_name(lesson.title)}_{safe_name(kind)}_{audience}"
                entry = {"path": r.doc.site_path, "name": base + ".pdf",
                         "title": r.doc.title, "audience": audience,
                         "pages": r.pages, "rule": _rule(r), "sides": sides(r)}
                fill = fills.get(r.doc.site_path)
                if fill is not None:
                    # The letter is filled in from its template (printing/fill.py): the
                    # slots are here, so the page fetches one file per letter, not two.
                    entry["fill"] = {"path": fill.site_path, "slots": fill.slots()}
                files.append(entry)
                if r.doc.site_path in letters:
                    files.append({"path": docx_site_path(r.doc.site_path),
                                  "name": base + ".docx", "title": r.doc.title + " (편집용)",
                                  "audience": audience, "letter": True})
            if files:
                lessons.append({"id": lesson.id, "title": lesson.title, "files": files})
        if lessons:
            tracks.append({"key": key, "name": track.name, "lessons": lessons})
    return {"tracks": tracks, "classSize": CLASS_SIZE, "paper": PAPER, "font": FONT_SITE_PATH,
            "fields": {tag: {"title": t, "placeholder": p} for tag, (t, p) in FIELDS.items()}}


def custom_pack_page(cur: Curriculum, printed, has_packs_page: bool = True):
    from .pages import Page, front

    md = [front("맞춤 꾸러미 만들기", "학교 이름과 날짜를 넣은 가정통신문과 인쇄 자료를 한 번에 내려받기")
          .replace("---\n\n", "custom_pack: true\n---\n\n", 1),
          "# 맞춤 꾸러미 만들기\n",
          "수업(또는 학교급 전체)을 고르고 학교 이름, 교육 날짜, 연락처, 학급 수를 한 번만 "
          "적으면, 고른 수업의 인쇄 자료(PDF), 학교 이름과 날짜를 채운 가정통신문(바로 인쇄할 "
          "PDF와 한글·워드에서 고칠 수 있는 DOCX), 학급 수에 맞춘 인쇄 주문서를 ZIP 하나로 "
          "내려받습니다. "
          "적은 내용은 이 컴퓨터 밖으로 보내지 않습니다. 꾸러미는 브라우저 안에서 만들어집니다.\n",
          f"학교급 전체를 그대로 받으려면 [인쇄 꾸러미]({link(PAGE, PACKS)})를 쓰세요.\n"
          if has_packs_page else ""]
    if printed is None:
        md.append("미리 보기(`make serve`)에서는 PDF를 만들지 않아 맞춤 꾸러미를 만들 수 없습니다. "
                  "`make site`로 만든 누리집에서 쓰세요.\n")
        return Page(PAGE, "\n".join(md))
    from ..printing.packs import CLASS_SIZE

    data = pack_data(cur, printed)
    form = ['<form id="custom-pack" class="custom-pack" novalidate>',
            '<fieldset><legend>학교 정보</legend>',
            '<p><label for="cp-school">학교 이름 (필수)</label> '
            '<input id="cp-school" name="school" type="text" required autocomplete="organization" '
            'placeholder="예: 전남초등학교"></p>',
            '<p><label for="cp-start">교육 시작일</label> '
            '<input id="cp-start" name="start" type="date"></p>',
            '<p><label for="cp-department">담당 부서</label> '
            '<input id="cp-department" name="department" type="text" placeholder="예: 학생안전부"></p>',
            '<p><label for="cp-phone">연락처</label> '
            '<input id="cp-phone" name="phone" type="tel" autocomplete="tel" '
            'placeholder="예: 061-000-0000"></p>',
            '<p><label for="cp-letterno">가정통신문 번호</label> '
            '<input id="cp-letterno" name="letterno" type="text" placeholder="예: 제2027-15호"></p>',
            '<p><label for="cp-classes">학급 수</label> '
            '<input id="cp-classes" name="classes" type="number" min="1" max="200" value="1" '
            'required></p>',
            f'<p><label for="cp-size">학급당 학생 수</label> '
            f'<input id="cp-size" name="size" type="number" min="1" max="60" '
            f'value="{CLASS_SIZE}"></p>',
            '</fieldset>']
    for t in data["tracks"]:
        k = esc(t["key"])
        form.append(f'<fieldset class="cp-track" data-track="{k}"><legend>{esc(t["name"])}</legend>')
        form.append(f'<p><label><input type="checkbox" class="cp-all" data-track="{k}"> '
                    f'{esc(t["name"])} 수업 모두</label></p><ul>')
        for lesson in t["lessons"]:
            form.append(f'<li><label><input type="checkbox" name="lesson" '
                        f'value="{esc(lesson["id"])}" data-track="{k}"> '
                        f'{esc(lesson["title"])}</label></li>')
        form.append("</ul></fieldset>")
    form += ['<p><button type="submit" class="md-button md-button--primary">'
             '꾸러미 만들기 (ZIP)</button></p>',
             '<p id="cp-status" class="cp-status" role="status" aria-live="polite"></p>',
             "</form>"]
    blob = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    md.append("\n".join(form) + "\n")
    md.append(f'<script type="application/json" id="custom-pack-data">{blob}</script>\n')
    md.append("PDF 가정통신문에는 적은 학교 이름·부서·연락처·날짜가 빈칸 자리에 들어가므로 "
              "그대로 인쇄하면 됩니다. 적지 않은 칸은 손으로 쓸 수 있게 밑줄로 남습니다. "
              "문장을 고쳐야 하면 DOCX를 워드(또는 한글)에서 여세요. 학교 정보 칸(콘텐츠 "
              "컨트롤)을 눌러 다시 고칠 수도 있습니다.\n")
    return Page(PAGE, "\n".join(md))
