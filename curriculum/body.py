"""Reading the lesson body: headings, the 도입/전개/정리 phases and their minutes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Phase

HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
PHASE_NAMES = ("도입", "전개", "정리")
MATERIALS = "준비물"  # the section whose list items are the lesson's materials
PHASE = re.compile(r"^(?:(\d+)\s*차시\s*)?(도입|전개|정리)(?![가-힣])\s*(.*)$")
MINUTES = re.compile(r"^\(\s*(\d+)\s*분\s*\)$")
MATERIAL = re.compile(r"^\s*(?:[-*+]\s+|\d+\.\s+)?◈\s*(.+)$")
NOTE = re.compile(r"^\s*(?:[-*+]\s+|\d+\.\s+)?※\s*(.+)$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+(.+)$")


@dataclass
class Heading:
    level: int
    text: str
    line: int  # 1-based line in the file


@dataclass
class Body:
    headings: list[Heading]
    phases: list[Phase]
    bad_phases: list[tuple[int, str]]  # (line, heading) of phase headings without minutes
    sections: dict[str, int]  # level-2 heading text -> line
    materials: list[str]


def markdown_lines(text: str, first_line: int = 1):
    """(line number, line, in_code) of every line; fence lines count as code. The one
    place that knows how fenced code starts and ends."""
    in_fence = False
    for i, raw in enumerate(text.split("\n")):
        if FENCE.match(raw):
            in_fence = not in_fence
            yield first_line + i, raw, True
        else:
            yield first_line + i, raw, in_fence


# Lines that can matter to the plan: headings and ◈/※ lines. Prose lines (most of a
# lesson) are never looked at one by one.
INTERESTING = re.compile(r"(?m)^(?:#{1,6}[ \t]|[ \t]*(?:[-*+][ \t]+|\d+\.[ \t]+)?[◈※])")


def _candidate_starts(body: str) -> list[int]:
    """Offsets of the lines that start with `#` or hold ◈ or ※, found with str.find.
    (A `(?m)^` regex over the whole body costs a step per character: at 5,000 lessons
    that was a tenth of the check.)"""
    starts = {0} if body.startswith("#") else set()
    pos = body.find("\n#")
    while pos != -1:
        starts.add(pos + 1)
        pos = body.find("\n#", pos + 2)
    for mark in ("◈", "※"):
        pos = body.find(mark)
        while pos != -1:
            starts.add(body.rfind("\n", 0, pos) + 1)
            end = body.find("\n", pos)
            pos = -1 if end == -1 else body.find(mark, end)
    return sorted(starts)


def _lines(body: str, first_line: int):
    """(line number, line) of the lines parse_body needs, outside fenced code."""
    if "```" in body or "~~~" in body:
        yield from ((n, raw) for n, raw, code in markdown_lines(body, first_line) if not code)
        return
    line, last = first_line, 0
    for start in _candidate_starts(body):
        if not INTERESTING.match(body, start):
            continue
        line += body.count("\n", last, start)
        last = start
        end = body.find("\n", start)
        yield line, body[start:end if end != -1 else len(body)]


class _Plan:
    """What the headings and ◈/※ lines of a plan make of it; shared by both readers."""

    def __init__(self):
        self.headings: list[Heading] = []
        self.phases: list[Phase] = []
        self.bad: list[tuple[int, str]] = []  # phase headings without minutes
        self.sections: dict[str, int] = {}
        self.current: Phase | None = None  # the phase being read
        self.period = 1

    def heading(self, level: int, text: str, line: int) -> None:
        self.headings.append(Heading(level, text, line))
        if level <= 2:
            self.current = None
            self.sections.setdefault(text, line)
            pm = PHASE.match(text) if level == 2 else None
            if pm:
                if pm.group(1):
                    self.period = int(pm.group(1))
                minutes = MINUTES.match(pm.group(3).strip())
                if minutes:
                    self.current = Phase(pm.group(2), self.period, int(minutes.group(1)), line)
                    self.phases.append(self.current)
                else:
                    self.bad.append((line, text))
        elif self.current is not None and level == 3:
            self.current.elements.append(text)

    @staticmethod
    def mark(phase: Phase, raw: str) -> None:
        """A ◈ line is a material of the phase, a ※ line a note."""
        mm = MATERIAL.match(raw)
        if mm:
            phase.materials.append(mm.group(1).strip())
            return
        nm = NOTE.match(raw)
        if nm:
            phase.notes.append(nm.group(1).strip())

    def body(self, text: str, materials_span: tuple[int, int] | None = None) -> Body:
        """`materials_span`: where the 준비물 section's lines are, if the reader saw it
        (else it is looked for: a `(?m)^` search through the whole body)."""
        if materials_span is not None:
            materials = _list_items(text[materials_span[0]:materials_span[1]])
        else:
            materials = _section_items(text, MATERIALS) if MATERIALS in self.sections else []
        return Body(self.headings, self.phases, self.bad, self.sections, materials)


def parse_body(body: str, first_line: int) -> Body:
    if "```" in body or "~~~" in body:
        return _parse_lines(body, first_line)
    # Headings are found with str.find ("\n#"), their lines counted between them; the
    # ◈/※ lines are looked for only inside the phases, the only place they count.
    # (One Python step per heading, not per line: this runs for 5,000 lesson plans.)
    plan = _Plan()
    regions: list[tuple[Phase, int, int]] = []  # a phase and its offsets in the body
    start = 0
    heads = [0] if body.startswith("#") else []
    at = body.find("\n#")
    while at != -1:
        heads.append(at + 1)
        at = body.find("\n#", at + 1)
    line, last = first_line, 0
    # Where the first 준비물 section's lines start and end, noted on the way.
    materials_at = materials_end = None
    for pos in heads:
        end = body.find("\n", pos)
        end = len(body) if end == -1 else end
        raw = body[pos:end]
        m = HEADING.match(raw)
        if not m or raw[len(m.group(1))] not in " \t":
            continue
        line += body.count("\n", last, pos)
        last = pos
        level = len(m.group(1))
        if level <= 2 and materials_at is not None and materials_end is None:
            materials_end = pos
        if level == 2 and materials_at is None and m.group(2).strip() == MATERIALS:
            materials_at = end
        before = plan.current
        if before is not None and level <= 2:
            regions.append((before, start, pos))
        plan.heading(level, m.group(2).strip(), line)
        if plan.current is not before:
            start = end
    if plan.current is not None:
        regions.append((plan.current, start, len(body)))
    for phase, begin, stop in regions:
        _phase_marks(body, begin, stop, phase)
    if materials_at is None:
        return plan.body(body, (0, 0))
    return plan.body(body, (materials_at, materials_end or len(body)))


def _phase_marks(body: str, start: int, stop: int, phase: Phase) -> None:
    """The ◈ (materials) and ※ (notes) lines of one phase, in order."""
    starts = set()
    for mark in ("◈", "※"):
        at = body.find(mark, start, stop)
        while at != -1:
            starts.add(body.rfind("\n", 0, at) + 1)
            eol = body.find("\n", at)
            at = -1 if eol == -1 else body.find(mark, eol, stop)
    for begin in sorted(starts):
        eol = body.find("\n", begin)
        raw = body[begin:eol if eol != -1 else len(body)]
        if INTERESTING.match(raw):
            _Plan.mark(phase, raw)


def _parse_lines(body: str, first_line: int) -> Body:
    """parse_body line by line, for a body with fenced code (rare)."""
    plan = _Plan()
    for line_no, raw in _lines(body, first_line):
        m = HEADING.match(raw) if raw[:1] == "#" else None
        if m:
            plan.heading(len(m.group(1)), m.group(2).strip(), line_no)
        elif plan.current is not None and ("◈" in raw or "※" in raw):
            _Plan.mark(plan.current, raw)
    return plan.body(body)


def _section_items(body: str, title: str) -> list[str]:
    """List items of one level-2 section (준비물), read from that section only."""
    head = re.search(rf"(?m)^##[ \t]+{re.escape(title)}[ \t#]*$", body)
    if not head:
        return []
    nxt = re.compile(r"(?m)^#{1,2}[ \t]").search(body, head.end())
    return _list_items(body[head.end():nxt.start() if nxt else len(body)])


def _list_items(section: str) -> list[str]:
    items = []
    for raw in section.split("\n"):
        li = LIST_ITEM.match(raw)
        if li:
            items.append(li.group(1).lstrip("◈ ").strip())
    return items


def without_section(body: str, title: str) -> str:
    """The body with one level-2 section removed (shown elsewhere on the page)."""
    out, skipping = [], False
    for _, raw, code in markdown_lines(body):
        m = None if code else HEADING.match(raw)
        if m and len(m.group(1)) <= 2:
            skipping = m.group(2).strip() == title
        if not skipping:
            out.append(raw)
    return "\n".join(out)
