"""The one expansion path of every macro, used by the pages (through the Markdown
extension), the handout PDFs (the same extension) and the search index (directly).

    {{contact:KEY}}              a help line from contacts.yml
    {{law:ID}}                   short citation: 성폭력처벌법 제14조의2
    {{law:ID|full}}              「full name」 제14조의2(title)
    {{law:ID|penalty}}           the provision's own penalty (e.g. a 과태료)
    {{law:ID.OFFENCE|penalty}}   the penalty of one act: 7년 이하의 징역 또는 …
    {{law:ID.OFFENCE}}           penalty with the citation: … (성폭력처벌법 제14조의2)
    {{org:KEY}}                  an organisation's current name
    {{block:ID/VARIANT}}         a shared text (blocks/ID/VARIANT.md), alone on its line
    <!-- curriculum:law-table -->   the law guide's table, from the registry

Laws render inside `<span data-law="ID">`, blocks inside `<div data-block="ID/VARIANT">`,
so a test (or a reader's tool) can tell registry text from text typed by hand.
Checks live here too, beside the syntax they check: unknown ids, penalties typed by
hand, former names used unmarked, blocks a track requires.
"""

from __future__ import annotations

import difflib
import re

from .findings import Report
from .model import Law, Offence, Reference
from .render.text import contact_inline, esc, html_table, kdate

MACRO = re.compile(r"\{\{\s*([a-z]+)\s*:\s*([^}|\s]*)\s*(?:\|\s*([^}\s]*)\s*)?\}\}")
CONTACT_MACRO = re.compile(r"\{\{\s*contact\s*:\s*([^}\s]*)\s*\}\}")
KINDS = ("contact", "law", "org", "block")
LAW_FORMS = ("", "cite", "full", "penalty")
LAW_TABLE = "<!-- curriculum:law-table -->"
# What expand() looks for, in this order at each place: a fenced code block, inline code
# (both shown as written: the editors' guide shows the syntax), a block alone on its line
# (it keeps the line's indentation, inside a list or an admonition), a macro, the law
# table. Every alternative starts with a fixed character, a line start being matched as
# the "\n" before it (expand() puts one before the text), so the regular expression
# engine skips from one such character to the next instead of trying each alternative at
# every character (a group of its own around the first character would hide it from the
# engine); every page of a build goes through here.
TOKEN = re.compile(r"\n(?:(?P<fence>[ \t]*(?P<mark>```|~~~).*?^[ \t]*(?P=mark))"
                   r"|(?P<indent>[ \t]*)\{\{\s*block\s*:\s*(?P<block>[^}\s]*)\s*\}\}[ \t]*$)"
                   r"|`(?P<ticks>`*)[^`\n].*?`(?P=ticks)"
                   r"|\{(?P<macro>" + MACRO.pattern[2:] + ")"  # the first "{" outside
                   r"|<(?P<table>" + re.escape(LAW_TABLE[1:]) + ")", re.M | re.S)

# --- words ------------------------------------------------------------------------

def won(amount: int) -> str:
    """Korean money words: 50000000 -> 5천만 원, 3000000 -> 300만 원."""
    if amount % 100_000_000 == 0:
        return f"{amount // 100_000_000}억 원"
    if amount % 10_000_000 == 0:
        return f"{amount // 10_000_000}천만 원"
    if amount % 10_000 == 0:
        return f"{amount // 10_000:,}만 원"
    return f"{amount:,}원"


def penalty_words(o: Offence) -> str:
    parts = []
    if o.life and o.prison_min:
        parts.append(f"무기징역 또는 {o.prison_min}년 이상의 징역")
    elif o.life:
        parts.append("무기징역")
    elif o.prison_min and o.prison_max:
        parts.append(f"{o.prison_min}년 이상 {o.prison_max}년 이하의 징역")
    elif o.prison_min:
        parts.append(f"{o.prison_min}년 이상의 징역")
    elif o.prison_max:
        parts.append(f"{o.prison_max}년 이하의 징역")
    if o.fine:
        parts.append(f"{won(o.fine)} 이하의 벌금")
    text = " 또는 ".join(parts)
    if o.administrative_fine:
        text = (text + ", " if text else "") + f"{won(o.administrative_fine)} 이하의 과태료"
    return text


def cite(law: Law) -> str:
    return f"{law.short} {law.article}"


def full(law: Law) -> str:
    return f"「{law.law}」 {law.article}" + (f"({law.title})" if law.title else "")


def resolve_law(ref: Reference, ident: str):
    """(law, offence or None) of `ID` or `ID.OFFENCE`, or (None, None)."""
    key, _, offence = ident.partition(".")
    law = ref.laws.get(key)
    if law is None:
        return None, None
    if offence:
        return (law, law.offences.get(offence)) if offence in law.offences else (None, None)
    return law, None


def law_text(ref: Reference, ident: str, form: str) -> str | None:
    law, offence = resolve_law(ref, ident)
    if law is None or form not in LAW_FORMS:
        return None
    if form == "full":
        return full(law)
    if form == "penalty":
        o = offence or law.penalty
        return penalty_words(o) if o else None
    if offence is not None:
        return f"{penalty_words(offence)}({cite(law)})"
    return cite(law)


# --- expansion ----------------------------------------------------------------------

def expand(markdown: str, ref: Reference, html: bool = True) -> str:
    """Every macro replaced by its text; code keeps the syntax as written. An unknown
    id stays visible as written (the check reports it with file and line).
    html=False gives plain words (the search index), without the data-* wrappers."""
    if "{{" not in markdown and LAW_TABLE not in markdown:
        return markdown

    def sub(m):
        if m.group("table"):
            return law_table(ref) if html else law_table_text(ref)
        if m.group("macro"):
            kind, ident, form = _parts(m.group(0))
            text = _inline(ref, kind, ident, form, html)
            return m.group(0) if text is None else text
        if m.group("block") is None:  # code, fenced or inline: as written
            return m.group(0)
        block = ref.blocks.get(m.group("block"))
        if block is None:
            return m.group(0)
        body = expand(block.body, ref, html)
        if html:
            body = (f'<div class="block" data-block="{esc(block.key)}" markdown>\n\n'
                    f"{body}\n\n</div>")
        indent = m.group("indent")
        # The "\n" the match began with, then the block, each line indented as it was.
        return "\n" + "\n".join(indent + line if line else line for line in body.split("\n"))

    return TOKEN.sub(sub, "\n" + markdown)[1:]


def _parts(macro: str):
    m = MACRO.match(macro)
    return m.group(1), m.group(2), (m.group(3) or "")


def _inline(ref: Reference, kind: str, ident: str, form: str, html: bool) -> str | None:
    if kind == "contact" and not form:
        c = ref.contacts.get(ident)
        return contact_inline(c) if c else None
    if kind == "org" and not form:
        o = ref.organisations.get(ident)
        return o.name if o else None
    if kind == "law":
        text = law_text(ref, ident, form)
        if text is None:
            return None
        return f'<span data-law="{esc(ident)}">{esc(text)}</span>' if html else text
    return None


def law_table(ref: Reference) -> str:
    """The law guide's table: every provision with its penalties, from the registry."""
    rows = []
    for law in ref.laws.values():
        penalties = [f"{esc(o.act)}: " if o.act else "" for o in law.offences.values()]
        cells = [f'{p}<span data-law="{esc(law.key)}.{esc(o.key)}">{esc(penalty_words(o))}</span>'
                 for p, o in zip(penalties, law.offences.values())]
        if law.penalty:
            cells.append(f'<span data-law="{esc(law.key)}">{esc(penalty_words(law.penalty))}</span>')
        rows.append([
            f'<span data-law="{esc(law.key)}">{esc(cite(law))}</span>'
            + (f"<br><small>{esc(law.title)}</small>" if law.title else ""),
            esc(law.covers),
            "<br>".join(cells) or "처벌 조항 아님",
            kdate(law.in_force) if law.in_force else "-",
            f"[법령 원문]({law.source}) · {kdate(law.checked)} 확인",
        ])
    return html_table("법령 요약표 (법령 목록에서 만든 표)", ["조문", "내용", "처벌", "시행",
                                                  "출처·확인"], rows, "law-table")


def law_table_text(ref: Reference) -> str:
    return "\n".join(f"{cite(l)} {l.title} {l.covers} "
                     + " ".join(penalty_words(o) for o in l.offences.values())
                     for l in ref.laws.values())


# --- checks ---------------------------------------------------------------------------

def _near(word: str, options) -> str:
    m = difflib.get_close_matches(word, sorted(options), 1, 0.5)
    return f"did you mean `{m[0]}`? " if m else ""


def check_macros(path: str, text: str, where, ref: Reference, report: Report) -> None:
    """Every macro names something that exists, in a form that exists. `text` has code
    blanked out already; `where` maps an offset to (line, column), asked only for a
    finding (counting lines for every macro of 5,000 lessons cost more than the rest)."""
    for m in MACRO.finditer(text):
        kind, ident, form = m.group(1), m.group(2), m.group(3) or ""
        if kind not in KINDS:
            line, col = where(m.start())
            report.add(path, line, "macro-unknown-kind", f"`{m.group(0)}` is not a macro",
                       f"{_near(kind, KINDS)}macros are {{{{contact:…}}}}, {{{{law:…}}}}, "
                       "{{org:…}} and {{block:…}}", col=col)
        elif kind == "contact" and (ident not in ref.contacts or form):
            line, col = where(m.start())
            report.add(path, line, "unknown-contact", f"contact `{ident}` is not in contacts.yml",
                       f"{_near(ident, ref.contacts)}use one of: {', '.join(ref.contacts)}",
                       col=col)
        elif kind == "org" and (ident not in ref.organisations or form):
            line, col = where(m.start())
            report.add(path, line, "org-unknown",
                       f"organisation `{ident}` is not in reference/organisations.yml",
                       f"{_near(ident, ref.organisations)}add it there with its source", col=col)
        elif kind == "block":
            if ident not in ref.blocks:
                line, col = where(m.start())
                report.add(path, line, "block-unknown", f"block `{ident}` does not exist",
                           f"{_near(ident, ref.blocks)}blocks are files blocks/<id>/<variant>.md; "
                           f"write {{{{block:ID/VARIANT}}}}, e.g. one of: "
                           f"{', '.join(sorted(ref.blocks)[:8])}", col=col)
            elif not _alone_on_line(text, m):
                line, col = where(m.start())
                report.add(path, line, "block-inline", "a block must stand alone on its line",
                           "put {{block:…}} on a line of its own, with a blank line before "
                           "and after", col=col)
        elif kind == "law":
            law, offence = resolve_law(ref, ident)
            if law is None:
                key = ident.partition(".")[0]
                if key in ref.laws:
                    hint = f"acts of `{key}`: {', '.join(ref.laws[key].offences) or 'none'}"
                else:
                    hint = f"{_near(key, ref.laws)}ids are in reference/laws.yml"
                line, col = where(m.start())
                report.add(path, line, "law-unknown", f"law `{ident}` is not in the law registry",
                           hint, col=col)
            elif form not in LAW_FORMS or (form == "penalty" and not (offence or law.penalty)):
                line, col = where(m.start())
                report.add(path, line, "law-form", f"`{m.group(0)}`: no such form",
                           "forms: {{law:ID}}, {{law:ID|full}}, {{law:ID.ACT|penalty}}"
                           + (f"; acts of `{law.key}`: {', '.join(law.offences)}"
                              if law.offences else ""), col=col)


def _alone_on_line(text: str, m) -> bool:
    start = text.rfind("\n", 0, m.start()) + 1
    end = text.find("\n", m.end())
    end = len(text) if end == -1 else end
    return not text[start:m.start()].strip() and not text[m.end():end].strip()


# A penalty typed by hand: prison terms, fines and 과태료 amounts. Found from the words
# 년, 원, 징역 and ₩ with str.find (a regex step at every offset, or at every digit run,
# costs most of a second on 5,000 lessons), then matched where the number starts.
PENALTY_AT_DIGITS = re.compile(r"\d[\d,]*\s*(?:년\s*(?:이하|이상)|(?:억|천만|백만|만)\s*원)")
PENALTY_AT_WORD = re.compile(r"무기징역|징역\s*\d+\s*년|₩\s*\d")
NUMBER_CHARS = set("0123456789,천백만억 ")


NEEDLES = ("년 이", "년이", "만 원", "만원", "억 원", "억원")  # rare in prose: cheap to find


WORD_NEEDLES = ("징역", "₩")


def _penalties(text: str, found=None):
    """Penalties typed by hand; `found`: the needles the caller already knows the text
    holds (one shared keyword pass), else all are looked for."""
    needles = NEEDLES if found is None else [n for n in NEEDLES if n in found]
    words = WORD_NEEDLES if found is None else [w for w in WORD_NEEDLES if w in found]
    for needle in needles:
        pos = text.find(needle)
        while pos != -1:
            start = pos
            while start > 0 and text[start - 1] in NUMBER_CHARS:
                start -= 1
            while start < pos and not text[start].isdigit():
                start += 1
            hit = PENALTY_AT_DIGITS.match(text, start) if start < pos else None
            if hit:
                yield hit
            pos = text.find(needle, pos + 1)
    for word in words:
        pos = text.find(word)
        while pos != -1:
            start = pos - 2 if text.startswith("무기", pos - 2) else pos
            hit = PENALTY_AT_WORD.match(text, start)
            if hit:
                yield hit
            pos = text.find(word, pos + 1)


def check_penalties(path: str, text: str, where, ref: Reference, report: Report,
                    found=None) -> None:
    """A penalty written by hand drifts from the law: point at the macro to use."""
    seen = set()
    for m in _penalties(text, found):
        if m.start() in seen:
            continue
        seen.add(m.start())
        raw, start = where.line_text(m.start())
        if raw.lstrip().startswith("✗"):
            continue
        line, col = where(m.start())
        report.add(path, line, "penalty-by-hand", f"`{m.group(0)}`: a penalty typed by hand",
                   f"write it from the law registry: {_suggest(ref, m.group(0))}", col=col)


def _suggest(ref: Reference, typed: str) -> str:
    number = re.search(r"\d[\d,]*", typed)
    n = int(number.group(0).replace(",", "")) if number else None
    for law in ref.laws.values():
        for o in list(law.offences.values()) + ([law.penalty] if law.penalty else []):
            values = {o.prison_max, o.prison_min}
            money = {x for x in (o.fine, o.administrative_fine) if x}
            if n is not None and (n in values or any(won(x).startswith(str(n)) for x in money)):
                ident = f"{law.key}.{o.key}" if o.key else law.key
                return f"{{{{law:{ident}|penalty}}}} (`{penalty_words(o)}`)"
    return "{{law:ID.ACT|penalty}} with an id from reference/laws.yml (add the provision there)"


FORMER_MARK = re.compile(r"(?:옛|구|이전|예전|전)\s*(?:이름\s*:?\s*)?[「“\"']?\s*$|\(\s*(?:옛|구)\s*$")


def former_names(ref: Reference) -> dict[str, str]:
    """Former name -> current name, of organisations and contacts."""
    out = {}
    for item in list(ref.organisations.values()) + list(ref.contacts.values()):
        for name, _until in item.former:
            out[name] = item.name
    return out


def check_former_names(path: str, text: str, where, names: dict[str, str],
                       report: Report) -> None:
    for old, new in names.items():
        pos = text.find(old)
        while pos != -1:
            before = text[max(0, pos - 12):pos]
            if not FORMER_MARK.search(before):
                line, col = where(pos)
                report.add(path, line, "former-name", f"`{old}` is a former name (now `{new}`)",
                           f"write `{new}`; where readers know the old name, add it once as "
                           f"“{new}(옛 {old})”", col=col)
            pos = text.find(old, pos + len(old))


def placed_blocks(text: str) -> set[str]:
    """Block ids (not variants) a text places."""
    return {m.group(2).split("/", 1)[0] for m in MACRO.finditer(text) if m.group(1) == "block"}
