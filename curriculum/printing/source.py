"""Handout Markdown as editors write it, made ready for print and for the screen.

- `!!! teacher "…"` blocks (answers, teacher notes) are removed from student and
  parent versions; the teacher copy keeps them;
- a line of underscores is a writing line, not a horizontal rule;
- the tear-off line (`- - - ✂ 절취선 - - -`) is a dashed cut line, not a nested list.
"""

from __future__ import annotations

import re

from ..body import markdown_lines

TEACHER_START = re.compile(r"^(\s*)[!?]{3}\+?\s+teacher\b.*$")
WRITE_LINE = re.compile(r"^\s*_{3,}\s*$")
WRITE_ITEM = re.compile(r"^(\s*(?:\d+[.)]|[-*+])\s+)_{3,}\s*$")  # "1. ______": an answer line
CUT_LINE = re.compile(r"^\s*\\?-\s*(-\s*)+.*✂.*$|^.*✂\s*절취선.*$")


def strip_teacher(markdown: str) -> str:
    """The Markdown without any `!!! teacher` block (header and indented body)."""
    out, skipping, indent = [], False, 0
    for line in markdown.split("\n"):
        m = TEACHER_START.match(line)
        if m:
            skipping, indent = True, len(m.group(1))
            continue
        if skipping:
            stripped = line.strip()
            if not stripped or len(line) - len(line.lstrip()) > indent:
                continue
            skipping = False
        out.append(line)
    return "\n".join(out)


def has_teacher_content(markdown: str) -> bool:
    return any(TEACHER_START.match(l) for l in markdown.split("\n"))


BLANK = re.compile(r"\((\s{2,})\)")


def _blank(m: re.Match) -> str:
    # "(   )학년" on paper: a box as wide as the spaces the editor typed.
    return f'(<span class="blank" style="width: {max(8, len(m.group(1)) * 2)}mm"></span>)'


def for_print(markdown: str) -> str:
    """Markdown with writing lines, cut lines and fill-in blanks made printable."""
    if "___" not in markdown and "✂" not in markdown and "(  " not in markdown:
        return markdown  # nothing below can match (most handouts' screen pages)
    out = []
    lines = markdown.split("\n")
    for n, line in enumerate(lines):
        # Blank lines between answer items make a "loose" list (<li><p>…), which
        # WeasyPrint tags as LI > P: not valid PDF/UA. Keep such lists tight.
        if (not line.strip() and out and WRITE_ITEM.match(lines[n - 1])
                and n + 1 < len(lines) and WRITE_ITEM.match(lines[n + 1])):
            continue
        if "(  " in line:
            line = BLANK.sub(_blank, line)
        # The patterns only where their literal stands ("___", "✂"): per line of every
        # handout page, matching them all was most of this function's time.
        lined = "___" in line
        if lined and WRITE_LINE.match(line):
            out.append('<div class="write-line"></div>\n')
        elif lined and (item := WRITE_ITEM.match(line)):
            out.append(item.group(1) + '<span class="write-line"></span>')
        elif "✂" in line and CUT_LINE.match(line):
            out.append('\n<div class="cut-line">✂ 절취선</div>\n')
        else:
            out.append(line)
    return "\n".join(out)


MD_HEADING = re.compile(r"^(#{1,6})(\s+.*)$")
# The same headings found in a whole text at once: a line that starts with 1-6 "#" and
# a space (any whitespace but the line's end).
MD_HEADING_START = re.compile(r"^(#{1,6})[^\S\n]", re.M)


def heading_levels(markdown: str) -> set[int]:
    if "```" not in markdown and "~~~" not in markdown:  # no fenced code: one pass
        return {len(m.group(1)) for m in MD_HEADING_START.finditer(markdown)}
    return {len(m.group(1)) for _, line, code in markdown_lines(markdown)
            if not code and (m := MD_HEADING.match(line))}


def nest_markdown_headings(markdown: str, first: int = 2) -> str:
    """Heading levels renumbered to start at `first` without skipping a level (a
    worksheet's `### 1.` activities sit right under the page's title; PDF/UA forbids a
    skipped level). The one renumberer, for the screen page and the PDF alike."""
    mapping = {lv: min(first + i, 6) for i, lv in enumerate(sorted(heading_levels(markdown)))}
    if all(lv == to for lv, to in mapping.items()):
        return markdown  # every heading keeps its level: each line would stay as it is
    out = []
    for _, line, code in markdown_lines(markdown):
        m = None if code else MD_HEADING.match(line)
        out.append("#" * mapping[len(m.group(1))] + m.group(2) if m else line)
    return "\n".join(out)
