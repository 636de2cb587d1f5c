"""Checks on the words of lessons, handouts and guides.

- phone numbers written by hand must be ones in contacts.yml (1337 is not 1377);
- no personal data (resident registration numbers, mobile numbers, private e-mail);
- no victim-blaming or fear-based wording (language-rules.yml);
- {{contact:KEY}} names a contact that exists.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from ..findings import Report
from ..model import Contact
import yaml

from ..source import _Loader, read_text

CONTACT_MACRO = re.compile(r"\{\{\s*contact\s*:\s*([^}\s]*)\s*\}\}")
FULL_PHONE = re.compile(r"(?<![\d\w-])(0\d{1,2})[-. )]\s?(\d{3,4})[-. ](\d{4})(?![\d-])")
MOBILE_PREFIX = {"010", "011", "016", "017", "018", "019"}
# Short service numbers: 11x and 13xx-19xx, unless followed by a unit (1988년, 1500원).
SHORT_PHONE = re.compile(r"(?<![A-Za-z0-9.,/=:_-])(#?0?)(11\d|1[3-9]\d\d)(?![\d.,]\d|\d|%)")
UNIT_AFTER = re.compile(r"^\s?(년|월|일|명|건|원|분|초|시간|쪽|개|호|조|차시|차|회|번째|세|살|학년|만|억|천|위|점|곳|가지|단계|기|권|장|줄|자|표|항|면|km|kg|m\b|px|KB|MB)")
RRN = re.compile(r"(?<!\d)\d{6}\s?-\s?[1-8]\d{6}(?!\d)")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
FENCE = re.compile(r"^\s*(```|~~~)")
QUOTE_MARK = "✗"


@dataclass
class LanguageRule:
    id: str
    lang: str
    pattern: re.Pattern
    unless: re.Pattern | None
    why: str
    instead: str
    severity: str = "error"


def load_language_rules(root: Path, report: Report) -> list[LanguageRule]:
    name = "language-rules.yml"
    path = root / name
    if not path.exists():
        return []
    text = read_text(root, path, report)
    if text is None:
        return []
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        report.add(name, (mark.line + 1) if mark else 1, "yaml-syntax",
                   f"language-rules.yml is not valid YAML: {getattr(exc, 'problem', exc)}",
                   "each rule starts with '- id:' and its fields are indented two spaces")
        return []
    rules = []
    for i, item in enumerate(data if isinstance(data, list) else []):
        try:
            rules.append(LanguageRule(
                id=str(item["id"]), lang=str(item.get("lang", "ko")),
                pattern=re.compile(item["pattern"]),
                unless=re.compile(item["unless"]) if item.get("unless") else None,
                why=str(item.get("why", "")), instead=str(item.get("instead", "")),
                severity=str(item.get("severity", "error"))))
        except (KeyError, TypeError, re.error) as exc:
            report.add(name, 1, "language-rule-invalid", f"rule #{i + 1} cannot be used: {exc}",
                       "each rule needs id, pattern (a valid regular expression), why, instead")
    return rules


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
    def __init__(self, contacts: dict[str, Contact], rules: list[LanguageRule]):
        self.contacts = contacts
        self.rules = rules
        self.phones = {p for c in contacts.values() for p in c.phone}
        self.texts = {c.text for c in contacts.values() if c.text}
        self.emails = {m.group(0).lower() for c in contacts.values()
                       for m in EMAIL.finditer(c.url + " " + c.source)}

    def check(self, path: str, body: str, first_line: int, report: Report) -> None:
        in_fence = False
        for i, raw in enumerate(body.split("\n")):
            if FENCE.match(raw):
                in_fence = not in_fence
                continue
            if in_fence or not raw.strip():
                continue
            line = first_line + i
            for m in CONTACT_MACRO.finditer(raw):
                if m.group(1) not in self.contacts:
                    near = difflib.get_close_matches(m.group(1), list(self.contacts), 1, 0.5)
                    report.add(path, line, "unknown-contact",
                               f"contact `{m.group(1)}` is not in contacts.yml",
                               f"did you mean `{near[0]}`?" if near else
                               f"use one of: {', '.join(self.contacts)}", col=m.start() + 1)
            self._phones(path, line, CONTACT_MACRO.sub(" ", raw), report)
            self._personal(path, line, raw, report)
            if QUOTE_MARK not in raw:
                self._language(path, line, raw, report)

    def _phones(self, path, line, raw, report):
        # Links may carry numbers in their addresses (boardSeq=101918); look at words only.
        text = re.sub(r"\]\([^)]*\)|https?://\S+", " ", raw)
        for m in FULL_PHONE.finditer(text):
            number = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
            if m.group(1) in MOBILE_PREFIX:
                report.add(path, line, "personal-phone",
                           f"`{m.group(0)}` looks like a personal mobile number",
                           "never publish a personal number; give the school's main number "
                           "or a contact from contacts.yml", col=m.start() + 1)
            elif number not in self.phones:
                self._unknown(path, line, m.group(0), number, m.start(), report)
        for m in SHORT_PHONE.finditer(text):
            prefix, number = m.group(1), m.group(2)
            start = m.start(1)
            if text[max(0, start - 1):start] == "제" or UNIT_AFTER.match(text[m.end():]):
                continue
            if prefix.startswith("#"):
                if prefix + number not in self.texts:
                    self._unknown(path, line, prefix + number, prefix + number, start, report,
                                  pool=self.texts)
            elif number not in self.phones:
                self._unknown(path, line, number, number, start, report)

    def _unknown(self, path, line, shown, number, col, report, pool=None):
        pool = pool if pool is not None else self.phones
        near = difflib.get_close_matches(number, sorted(pool), 1, 0.6)
        report.add(path, line, "unknown-phone",
                   f"phone number `{shown}` is not in contacts.yml",
                   (f"did you mean `{near[0]}`? " if near else "")
                   + "write contacts as {{contact:KEY}}; a new number goes into contacts.yml "
                   "with its source and the date it was checked", col=col + 1)

    def _personal(self, path, line, raw, report):
        for m in RRN.finditer(raw):
            report.add(path, line, "personal-id",
                       "this looks like a resident registration number (주민등록번호)",
                       "remove it: never publish personal identification numbers",
                       col=m.start() + 1)
        for m in EMAIL.finditer(raw):
            addr = m.group(0).lower()
            if addr in self.emails or addr.endswith(".go.kr"):
                continue
            report.add(path, line, "personal-email",
                       f"`{m.group(0)}` is not an official contact address",
                       "remove personal e-mail addresses; point to a contact in contacts.yml "
                       "or the school's official channel", col=m.start() + 1)

    def _language(self, path, line, raw, report):
        for rule in self.rules:
            m = rule.pattern.search(raw)
            if m and not (rule.unless and rule.unless.search(raw)) and not quoted(raw, m.start()):
                report.add(path, line, f"wording-{rule.id}",
                           f"“{m.group(0)}”: {rule.why}",
                           f"say instead: {rule.instead} (quoting it to show what not to say? "
                           f"start the line with {QUOTE_MARK})",
                           severity=rule.severity, col=m.start() + 1)
