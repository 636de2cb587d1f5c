"""Generated tables inside hand-written pages: a page in docs/ owns its prose and holds
a directive line where the engine's table goes, as Material's `<!-- material/tags -->`:

    <!-- curriculum:coverage -->         track × topic coverage, with the gaps
    <!-- curriculum:contacts -->         every help line with its source and date checked
    <!-- curriculum:language-rules -->   the wording rules the check applies
    <!-- curriculum:packs -->            the print packs (when PDFs were made)
    <!-- curriculum:finding-codes -->    every finding code with its meaning and fix
    <!-- curriculum:scope-sequence -->   학년별 운영표 from each lesson's `schedule`
    <!-- curriculum:help-now -->         the "지금 도움이 필요해요" strip (site.help_now)
    <!-- curriculum:translations -->     the families' page of each language, in its script

(The law guide's table is a macro, `<!-- curriculum:law-table -->`, in macros.py: it
needs only the registries and goes wherever laws are cited.) Wording changes on these
pages are edits to docs/, not to Python.
"""

from __future__ import annotations

import re

from ..checks.coverage import coverage
from ..codes import AREAS, CODES
from ..model import Curriculum
from ..paths import CONTACTS, HELP_PAGE, catalog_path, handout_path, link, pack_path
from .text import contact_reach, display_url, esc, help_now, html_table, kdate

DIRECTIVE = re.compile(r"(?m)^<!--\s*curriculum:([a-z-]+)\s*-->[ \t]*$")


def coverage_table(cur: Curriculum, src: str, rules, printed) -> str:
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
        row = [f"[{esc(t.name)}]({link(src, catalog_path(key))})",
               f"{c.published} / {c.required} ({'충족' if not c.short_by else '부족'})"]
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
    md = []
    if gaps:
        md.append('!!! danger "부족한 곳"\n' + "\n".join("    " + g for g in gaps) + "\n")
    else:
        md.append('!!! success "모든 학교급·대상이 요건을 충족합니다."\n    '
                  f"게시된 수업 {sum(c.published for c in cov.values())}개\n")
    # A matrix reads across: it scrolls in its own box on a phone (never stacked).
    md.append(html_table("학교급·대상 × 주제 충족 표", headers, rows, "coverage", stack=False))
    from .translated import translation_gaps
    md.append(translation_gaps(cur, src))
    return "\n".join(md)


def contacts_table(cur: Curriculum, src: str, rules, printed) -> str:
    rows = []
    for c in cur.contacts.values():
        # An official address is shown as a link; an editors' note (a file of the
        # project, "확인 필요") is not for the public: the page says it is being checked.
        source = (f"[{display_url(c.source)}]({c.source})" if c.source.startswith("http")
                  else "공식 출처 확인 중")
        former = "".join(f"<br><small>(옛 {esc(name)})</small>" for name, _ in c.former)
        rows.append([esc(c.name) + former, contact_reach(c) or "-",
                     esc(c.hours or "-"), esc(c.purpose), source, kdate(c.checked)])
    return html_table("상담·신고·삭제 지원 연락처", ["기관", "연락처", "운영", "하는 일", "출처",
                                              "확인한 날"], rows, "contacts")


def rules_table(cur: Curriculum, src: str, rules, printed) -> str:
    rows = [[f"<code>{esc(r.id)}</code>", f"<code>{esc(r.pattern.pattern)}</code>",
             esc(r.why), esc(r.instead)] for r in rules]
    return html_table("표현 점검 규칙", ["규칙", "찾는 표현(정규식)", "왜 문제인가",
                                    "이렇게 바꿔 쓰기"], rows, "rules")


def size_label(n: int) -> str:
    return f"{max(1, round(n / 1024))} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def packs_table(cur: Curriculum, src: str, rules, printed) -> str:
    if printed is None:
        return ("미리 보기(`make serve`)에서는 PDF와 꾸러미를 만들지 않습니다. "
                "`make site`로 만든 누리집에서 내려받으세요.\n")
    rows = []
    for p in printed.packs:
        name = "전체 교육과정" if p.key == "all" else cur.tracks[p.key].name
        rows.append([esc(name), f"{p.files}개", f"{p.pages}쪽",
                     f"[{esc(name)} 꾸러미 (ZIP, {size_label(p.zip_size)})]"
                     f"({link(src, pack_path(p.key, 'zip'))})"
                     f'{{: download="{esc(p.download_name)}.zip" }}',
                     f"[{esc(name)} 인쇄소용 (PDF, {size_label(p.pdf_size)})]"
                     f"({link(src, pack_path(p.key, 'pdf'))})"
                     f'{{: download="{esc(p.download_name)}_인쇄소용.pdf" }}',
                     p.date])
    return html_table("학교급·대상별 인쇄 꾸러미", ["학교급·대상", "파일", "쪽수", "묶음 내려받기",
                                             "한 파일로 인쇄", "내용 기준일"], rows, "catalog")


SEVERITY_LABELS = {"error": "오류", "warning": "경고", None: "규칙마다 다름"}


def md_cell(text: str) -> str:
    """Inline Markdown for a table cell: `code spans` kept as written, HTML escaped
    elsewhere (so `<field>` shows as text)."""
    return "".join(part if part.startswith("`") else esc(part)
                   for part in re.split(r"(`[^`]*`)", text))


def codes_tables(cur: Curriculum, src: str, rules, printed) -> str:
    """One table per area of every finding code (curriculum/codes.py)."""
    md = []
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
    return "\n".join(md)


def scope_table(cur: Curriculum, src: str, rules, printed) -> str:
    """학년별 운영표: for each student track and grade, the lessons and the version taught
    (lesson front matter `schedule`)."""
    out = []
    for key, track in cur.tracks.items():
        if track.audience != "student":
            continue
        lessons = cur.lessons_of(key, published_only=True)
        rows = []
        for grade in track.grades:
            items = []
            for l in lessons:
                for g, scene in l.schedule:
                    if g == grade:
                        items.append(f"[{esc(l.title)}]({link(src, l.path)})"
                                     + (f" <small>({esc(scene)})</small>" if scene else ""))
            rows.append([f"{grade}학년", "<br>".join(items) or "정해지지 않음"])
        unplanned = [l for l in lessons if not l.schedule]
        if unplanned:
            rows.append(["학년 미정", "<br>".join(f"[{esc(l.title)}]({link(src, l.path)})"
                                                for l in unplanned)])
        out.append(f"## {track.name}\n\n" + html_table(f"{track.name} 학년별 운영표",
                                                        ["학년", "수업 (운영할 장면)"], rows,
                                                        "scope"))
    return "\n".join(out)


def checklist_links(cur: Curriculum, src: str, printed) -> list[tuple[str, str]]:
    """(label, link) of the one-page incident checklist (site.checklist): its PDF when
    PDFs were made, and its page."""
    from ..engine import checklist_handout

    lesson, handout = checklist_handout(cur)
    if handout is None:
        return []
    out = []
    pdfs = printed.by_handout() if printed is not None else {}
    pdf = pdfs.get((lesson.id, handout.name, "teacher")) or pdfs.get(
        (lesson.id, handout.name, "student"))
    if pdf is not None:
        out.append((f"{handout.title} (PDF, {size_label(pdf.size)})",
                    link(src, pdf.doc.site_path)))
    out.append((f"{handout.title} 화면에서 보기" if out else handout.title,
                link(src, handout_path(lesson, handout.name))))
    return out


def help_now_strip(cur: Curriculum, src: str, rules, printed) -> str:
    links = [("모든 연락처", link(src, CONTACTS))] if CONTACTS in cur.pages else []
    if src != HELP_PAGE:
        if HELP_PAGE in cur.pages:
            links.append(("학생이라면: 도움이 필요할 때", link(src, HELP_PAGE)))
        links += [(f"교직원용 {label}", href) for label, href in checklist_links(cur, src, printed)]
    keys = cur.site.help_now or cur.site.guide_help[:4]
    return help_now([k for k in keys if k in cur.contacts], cur.contacts, links)


def place_help_now(markdown: str) -> str:
    """The help strip right under the page's title, unless the page places the
    directive itself."""
    if "curriculum:help-now" in markdown:
        return markdown
    m = re.search(r"(?m)^# .+\n", markdown)
    # The page's contents (a template places them at <!-- page-toc -->) come after it.
    line = "\n<!-- curriculum:help-now -->\n\n<!-- page-toc -->\n\n"
    return (markdown[:m.end()] + line + markdown[m.end():]) if m else line + markdown


def language_links(cur, src, rules, printed):
    from .translated import language_links as links  # translated.py imports this module
    return links(cur, src, rules, printed)


DIRECTIVES = {"scope-sequence": scope_table, "coverage": coverage_table,
              "contacts": contacts_table, "language-rules": rules_table, "packs": packs_table,
              "finding-codes": codes_tables, "help-now": help_now_strip,
              "translations": language_links}


def expand_directives(markdown: str, src: str, cur: Curriculum, rules, printed) -> str:
    """Each known directive line replaced by its table; `src` is the page's site path
    (links are relative to it). Unknown names stay (the check reports them)."""
    if "curriculum:" not in markdown:  # not "<!--": every lesson page has <!-- page-toc -->
        return markdown

    def sub(m):
        render = DIRECTIVES.get(m.group(1))
        return render(cur, src, rules, printed) if render else m.group(0)
    return DIRECTIVE.sub(sub, markdown)


def check_directives(path: str, markdown: str, first_line: int, report) -> None:
    from ..macros import LAW_TABLE

    for m in DIRECTIVE.finditer(markdown):
        if m.group(1) not in DIRECTIVES and m.group(0).strip() != LAW_TABLE:
            report.add(path, first_line + markdown.count("\n", 0, m.start()),
                       "directive-unknown", f"`{m.group(0).strip()}` is not a directive",
                       "directives: " + ", ".join(f"<!-- curriculum:{d} -->"
                                                 for d in list(DIRECTIVES) + ["law-table"]))
