"""Checks on the words of lessons, handouts and guides.

- phone numbers written by hand must be ones in contacts.yml (1337 is not 1377);
- no personal data (resident registration numbers, mobile numbers, private e-mail);
- no victim-blaming or fear-based wording (language-rules.yml);
- every macro names something that exists (macros.check_macros), no penalty is typed
  by hand and no former name of a body is used unmarked.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from .. import inputs
from ..body import markdown_lines
from ..findings import Report
from ..macros import (MACRO, NEEDLES, WORD_NEEDLES, check_former_names, check_macros,
                      check_penalties, former_names)
from ..model import Reference
from ..source import load_yaml_file
from ..spec import line_of, report_problems, validate

FULL_PHONE = re.compile(r"(?<![\d\w-])(0\d{1,2})[-. )]\s?(\d{3,4})[-. ](\d{4})(?![\d-])")
SERVICE_PHONE = re.compile(r"(?<![\d-])1[5-9]\d\d-\d{4}(?![\d-])")
MOBILE_PREFIX = {"010", "011", "016", "017", "018", "019"}
# Short service numbers: 11x and 13xx-19xx, unless followed by a unit (1988년, 1500원).
SHORT_PHONE = re.compile(r"(?<![A-Za-z0-9.,/=:_-])(#?0?)(11\d|1[3-9]\d\d)(?![\d.,]\d|\d|%)")
UNIT_AFTER = re.compile(r"\s?(년|월|일|명|건|원|분|초|시간|쪽|개|호|조|차시|차|회|번째|세|살|학년|만|억|천|위|점|곳|가지|단계|기|권|장|줄|자|표|항|면|km|kg|m\b|px|KB|MB)")
RRN = re.compile(r"(?<!\d)\d{6}\s?-\s?[1-8]\d{6}(?!\d)")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# One cheap pass finds every run of digits; the precise patterns above then run only
# around those runs (a regex pass per pattern over 5,000 lessons costs seconds).
NUMBER_REST = r"(?:[\-. )]{0,2}[0-9]){2,}"
NUMBERISH = re.compile(r"[0-9]" + NUMBER_REST)  # three digits or more
DIGITS = "0123456789"
QUOTE_MARK = "✗"
INLINE_CODE = re.compile(r"(`+)[^`\n].*?\1")
LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+")


class Locator:
    """Offset -> (line, column), computed only when there is something to report."""

    def __init__(self, text: str, first_line: int):
        self.text, self.first_line = text, first_line

    def __call__(self, pos: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, pos) + 1
        return self.first_line + self.text.count("\n", 0, pos), pos - start + 1

    def line_text(self, pos: int) -> tuple[str, int]:
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return self.text[start:end if end != -1 else len(self.text)], start


def _around(pattern, text: str, spans, needs: str = ""):
    """Matches of `pattern` found near the digit runs only, each once. `spans` are
    (start, end, text of the window); a window without every character of `needs`
    (which every match of the pattern holds) is skipped without a regex call."""
    seen = set()
    for start, end, window in spans:
        if needs and not all(c in window for c in needs):
            continue
        for m in pattern.finditer(text, start, end):
            if m.start() not in seen:
                seen.add(m.start())
                yield m


class Hidden:
    """Where a number is an id or an address, not a phone number typed by hand: inside
    a macro or a link target. Found only when a number would be reported (most texts
    have none), by spans rather than a copy of the text with them blanked out."""

    def __init__(self, text: str):
        self.text, self.spans = text, None

    def covers(self, m: re.Match) -> bool:
        if self.spans is None:
            t = self.text
            self.spans = [x.span() for x in MACRO.finditer(t)] if "{{" in t else []
            if "](" in t or "http" in t:
                self.spans += [x.span() for x in LINK_TARGET.finditer(t)]
        start, end = m.span()
        return any(s < end and start < e for s, e in self.spans)


def blank(text: str, patterns) -> str:
    """Replace matches by spaces of the same length (offsets stay valid)."""
    for pattern in patterns:
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


def mask_fences(text: str) -> str:
    """Fenced code blanked out, offsets and lines kept."""
    return "\n".join(" " * len(line) if code else line
                     for _, line, code in markdown_lines(text))


@dataclass
class LanguageRule:
    id: str
    lang: str
    pattern: re.Pattern
    unless: re.Pattern | None
    why: str
    instead: str
    severity: str = "error"
    keywords: tuple = ()  # the rule is tried only on texts holding one of these


def load_language_rules(root: Path, report: Report) -> list[LanguageRule]:
    name = "language-rules.yml"
    data, lines = load_yaml_file(root, name, report, required=False)
    if data is None:
        return []
    problems = validate(data, inputs.LANGUAGE_RULES)
    report_problems(problems, name, lines, report)
    bad = {p.path[0] for p in problems if p.path and p.kind != "unknown-key"}
    if not isinstance(data, list):
        return []
    rules = []
    for i, item in enumerate(data):
        if i in bad or not isinstance(item, dict):
            continue
        try:
            pattern = re.compile(item["pattern"])
            unless = re.compile(item["unless"]) if item.get("unless") else None
        except re.error as exc:
            report.add(name, line_of(lines, (i, "pattern")), "language-rule-invalid",
                       f"rule `{item['id']}`: the pattern is not a valid regular expression "
                       f"({exc})", "check brackets and escapes; test it with Python's re module")
            continue
        rules.append(LanguageRule(
            id=item["id"], lang=item.get("lang") or "ko", pattern=pattern, unless=unless,
            why=item["why"], instead=item["instead"], severity=item.get("severity") or "error",
            keywords=tuple(item.get("keywords") or ())))
    return rules


def _check_rule_fields(item) -> None:
    """A rule's id names its finding code (wording-<id>); its severity must be one the
    report knows. Raises ValueError (turned into language-rule-invalid)."""
    if not re.fullmatch(r"[A-Za-z0-9_-]+", str(item["id"])):
        raise ValueError(f"id `{item['id']}` may use only letters, digits, - and _")
    if str(item.get("severity", "error")) not in ("error", "warning"):
        raise ValueError(f"severity `{item['severity']}` is not error or warning")


def trie_pattern(words, more: dict[str, str] | None = None) -> str:
    """One regex matching any of `words`, longest first, written as a trie: the regex
    engine then tries one branch per distinct first character instead of one per word
    (hundreds of keywords in one flat alternation cost seconds at 5,000 lessons).
    `more`: further top-level branches, first character -> the regex after it (no word
    may start with that character)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node, more=None) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        branches += [re.escape(ch) + rest for ch, rest in (more or {}).items()]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # A longer keyword wins over its own prefix (greedy ?), as the flat list did.
        return f"(?:{body})?" if ends else body
    if more and set(more) & set(trie):
        raise ValueError("a word starts with a character of `more`")
    return build(trie, more)


# The 160 commonest characters of the lessons, handouts, guides and blocks (bodies,
# digits and spaces left out; counted 2026-12, commonest first). Latin letters are
# among them: links and markup put them in every Korean text.
COMMON_CHARACTERS = (
    '.*_|이다-지는에을,요고"하어사가기:은학게나)도아해말의한(#교보생를로수'
    '않e니있리면서자진라내시그구만ct상알ao할정람장으것동대야과s른일n인l{}안'
    '거신들제친?와방T선주성전원·처담습i피문분님세모화마바업까법r/호려우활때누속'
    '드예번물음잘년합소S관래께못간여답부무연받차`같저되u함반d짜!없린두용오적청실')
_RANK = {c: i + 1 for i, c in enumerate(COMMON_CHARACTERS)}


def _frequency(c: str) -> float:
    """About how often `c` starts a regex attempt: by its rank in COMMON_CHARACTERS
    (Zipf's law), never for a space (a tail does not start with one)."""
    if c.isspace():
        return 1e9
    rank = _RANK.get(c)
    return 1 / (rank + 5) if rank is not None else 1 / (len(COMMON_CHARACTERS) + 50)


def scan_word(word: str) -> str:
    """`word` from its least common character on, keeping at least two characters: a
    text holding the word holds this tail, and the tail starts with a rarer character."""
    if len(word) <= 2:
        return word
    i = min(range(len(word) - 1), key=lambda j: (_frequency(word[j]), j))
    return word[i:]


def choose_tails(words, more: int = 0) -> dict[str, str]:
    """word -> the tail the keyword pass looks for. The pass costs, at every character
    that starts a tail, a step through all the pattern's first characters (the regex
    engine tries its alternatives one by one: measured about 1.5 ns each, plus 25 ns
    per attempt). So fewer distinct first characters can beat rarer ones: from the
    rarest start of each word (scan_word), a first character is dropped while moving
    its words to other first characters already in use lowers
    attempts x (alternatives x 1.5 + 25). `more`: the pattern's other alternatives (the
    ten digits). On the 2026-12 rules: 75 first characters -> 53, the pass 30 % faster."""
    start = {w: len(w) - len(scan_word(w)) for w in words}

    def cost(attempts: float, alternatives: int) -> float:
        return attempts * ((alternatives + more) * 1.5 + 25)

    while True:
        firsts = {w[i] for w, i in start.items()}
        attempts = sum(map(_frequency, firsts))
        best, best_cost = None, cost(attempts, len(firsts))
        for c in sorted(firsts):
            if cost(attempts - _frequency(c), len(firsts) - 1) >= best_cost:
                continue
            others = firsts - {c}
            moves = {}
            for w, i in start.items():
                if w[i] == c:
                    options = [j for j in range(max(1, len(w) - 1)) if w[j] in others]
                    if not options:
                        break
                    moves[w] = min(options, key=lambda j: (_frequency(w[j]), j))
            else:
                best, best_cost = moves, cost(attempts - _frequency(c), len(others))
        if best is None:
            return {w: w[i:] for w, i in start.items()}
        start.update(best)


QUOTES = {"\"": "\"", "“": "”", "‘": "’", "「": "」", "『": "』"}


def quoted(line: str, pos: int) -> bool:
    """Is `pos` inside a quotation? A quoted phrase is mentioned (often to say "don't
    say this"), not said, so the wording check leaves it alone."""
    stack = []
    for i, ch in enumerate(line[:pos]):
        if stack and ch == QUOTES[stack[-1]]:
            stack.pop()
        elif ch in QUOTES:
            stack.append(ch)
    return bool(stack)


class TextChecker:
    def __init__(self, ref: Reference, rules: list[LanguageRule]):
        self.ref = ref
        contacts = ref.contacts
        self.contacts = contacts
        self.former = former_names(ref)
        self.rules = rules
        # All rules' keywords in one pass; a rule without keywords is always tried.
        # One pass finds every word any check starts from: the wording rules' keywords,
        # the needles of penalties typed by hand and the former names of bodies.
        self.needles = set(NEEDLES) | set(WORD_NEEDLES) | set(self.former)
        words = {k for r in rules for k in r.keywords} | self.needles
        # The pass looks for a tail of each word (choose_tails): its cost is a regex
        # attempt at every character that starts a tail, and 이, 지, 사 … start a tenth
        # of all characters. A text holding a word holds its tail, so no rule or needle
        # is missed; the rule's own pattern, or the needle's own search, then decides.
        together = not any(c in DIGITS for w in words for c in w)
        scan = choose_tails(words, len(DIGITS) if together else 0)
        tails = set(scan.values())
        # The same pass finds the runs of digits (NUMBERISH), each as a top-level branch
        # starting with a literal digit: every branch starting with a literal keeps the
        # regex's quick scan for first characters, and one scan of the text instead of
        # two saves a twentieth of the whole check. Only when no tail holds a digit or
        # starts with a character a number may hold: then no match can hide another,
        # and the matches are exactly those of two passes.
        together = together and not any(t[0] in "-. )" for t in tails)
        self.numbers_too = together
        self.keywords = re.compile(trie_pattern(
            tails, {d: NUMBER_REST for d in DIGITS} if together else None))
        # A matched tail may hold a shorter one ("비밀로 할게" holds "할게"): each tail
        # names every rule and every needle whose tail it contains.
        self.keyword_rules = {t: {r.id for r in rules if any(scan[k] in t for k in r.keywords)}
                              for t in tails}
        self.word_needles = {t: {n for n in self.needles if scan[n] in t} for t in tails}
        self.always = [r for r in rules if not r.keywords]
        self.phones = {p for c in contacts.values() for p in c.phone}
        self.texts = {c.text for c in contacts.values() if c.text}
        self.emails = {m.group(0).lower() for c in contacts.values()
                       for m in EMAIL.finditer(c.url + " " + c.source)}

    def check(self, path: str, body: str, first_line: int, report: Report) -> None:
        # Whole-text regex passes (not line by line): the check of 5,000 lessons must
        # stay within seconds. Fenced code is blanked out, keeping offsets and lines.
        text = mask_fences(body) if ("```" in body or "~~~" in body) else body
        if "`" in text:  # `code` shows syntax or a wrong example; it is not content
            text = blank(text, (INLINE_CODE,))
        where = Locator(text, first_line)
        if "{{" in text:
            check_macros(path, text, where, self.ref, report)
        # Where each word is (one pass): the wording rules go straight to those lines.
        present: dict[str, list[int]] = {}
        numbers = []
        for m in self.keywords.finditer(text):
            w = m.group()
            if w[0] in DIGITS:
                numbers.append(m)
            else:
                present.setdefault(w, []).append(m.start())
        if not self.numbers_too:
            numbers = NUMBERISH.finditer(text)
        needles = set().union(*(self.word_needles[w] for w in present)) if present else set()
        if needles:
            check_penalties(path, text, where, self.ref, report, needles)
            former = {k: v for k, v in self.former.items() if k in needles}
            if former:
                check_former_names(path, text, where, former, report)
        # Each run of digits with its surroundings. A match must fit in one window, and
        # a full phone number (9 digits or more), a service number (8) or a resident
        # registration number (13) can only be one run of that many characters: the
        # short runs (years, minutes: most of them) skip those three patterns.
        spans, long = [], []  # long: (window, length of its run) of runs of 8 or more
        for m in numbers:
            start, end = m.span()
            a, b = max(0, start - 3), end + 4
            spans.append((a, b, text[a:b]))
            if end - start >= 8:
                long.append((spans[-1], end - start))
        if spans:
            self._phones(path, where, text, spans, long, report, Hidden(text))
        if long:
            self._personal_ids(path, where, text, [w for w, n in long if n >= 13], report)
        self._emails(path, where, text, report)
        self._language(path, where, text, report, present)

    def _phones(self, path, where, text, spans, long, report, hidden: Hidden):
        """`spans`: every run of digits; `long`: those of 8 characters or more."""
        full = [w for w, n in long if n >= 9]
        for m in _around(FULL_PHONE, text, full, "0"):
            number = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
            mobile = m.group(1) in MOBILE_PREFIX
            if (mobile or number not in self.phones) and not hidden.covers(m):
                line, col = where(m.start())
                if mobile:
                    report.add(path, line, "personal-phone",
                               f"`{m.group(0)}` looks like a personal mobile number",
                               "never publish a personal number; give the school's main "
                               "number or a contact from contacts.yml", col=col)
                else:
                    self._unknown(path, line, m.group(0), number, col, report)
        service = set()  # 1577-1366: a four-digit service number with its line number
        for m in _around(SERVICE_PHONE, text, [w for w, _ in long], "1-"):
            service.add(m.start())
            if m.group(0) not in self.phones and not hidden.covers(m):
                line, col = where(m.start())
                self._unknown(path, line, m.group(0), m.group(0), col, report)
        for m in _around(SHORT_PHONE, text, spans, "1"):
            prefix, number = m.group(1), m.group(2)
            start = m.start(1)
            if start in service:
                continue
            if text[max(0, start - 1):start] == "제" or UNIT_AFTER.match(text, m.end()):
                continue
            shown = prefix + number if prefix.startswith("#") else number
            pool = self.texts if prefix.startswith("#") else self.phones
            if shown not in pool and not hidden.covers(m):
                line, col = where(start)
                self._unknown(path, line, shown, shown, col, report, pool=pool)

    def _unknown(self, path, line, shown, number, col, report, pool=None):
        pool = pool if pool is not None else self.phones
        near = difflib.get_close_matches(number, sorted(pool), 1, 0.6)
        report.add(path, line, "unknown-phone",
                   f"phone number `{shown}` is not in contacts.yml",
                   (f"did you mean `{near[0]}`? " if near else "")
                   + "write contacts as {{contact:KEY}}; a new number goes into contacts.yml "
                   "with its source and the date it was checked", col=col)

    def _personal_ids(self, path, where, text, spans, report):
        for m in _around(RRN, text, spans, "-"):
            line, col = where(m.start())
            report.add(path, line, "personal-id",
                       "this looks like a resident registration number (주민등록번호)",
                       "remove it: never publish personal identification numbers", col=col)

    def _emails(self, path, where, text, report):
        if "@" not in text:
            return
        for m in EMAIL.finditer(text):
            addr = m.group(0).lower()
            if addr in self.emails or addr.endswith(".go.kr"):
                continue
            line, col = where(m.start())
            report.add(path, line, "personal-email",
                       f"`{m.group(0)}` is not an official contact address",
                       "remove personal e-mail addresses; point to a contact in contacts.yml "
                       "or the school's official channel", col=col)

    def _language(self, path, where, text, report, present):
        """`present`: each keyword-pass word found in the text -> its offsets."""
        tried = set().union(*(self.keyword_rules[k] for k in present)) if present else set()
        rules = self.always + [r for r in self.rules if r.id in tried]
        for rule in rules:
            found = [p for w, at in present.items() if rule.id in self.keyword_rules[w]
                     for p in at]
            for raw, offset in _candidate_lines(rule, where, text, found):
                for m in rule.pattern.finditer(raw):
                    if (QUOTE_MARK in raw or (rule.unless and rule.unless.search(raw))
                            or quoted(raw, m.start())):
                        continue
                    line, col = where(offset + m.start())
                    report.add(path, line, f"wording-{rule.id}",
                               f"“{m.group(0)}”: {rule.why}",
                               f"say instead: {rule.instead} (quoting it to show what not to "
                               f"say? put it in quotation marks or start the line with "
                               f"{QUOTE_MARK})", severity=rule.severity, col=col)


def _candidate_lines(rule: LanguageRule, where: "Locator", text: str, found=()):
    """(line, offset) of each line a rule could match: the lines of the offsets where
    the keyword pass found its words (`found`), or every line when the rule has no
    keywords."""
    if not rule.keywords:
        offset = 0
        for raw in text.split("\n"):
            yield raw, offset
            offset += len(raw) + 1
        return
    seen = set()
    for pos in sorted(found):
        raw, start = where.line_text(pos)
        if start not in seen:
            seen.add(start)
            yield raw, start
