"""Translated handouts (issue 14; the format is agreed with the translators in
docs/editors/translations.md): `handouts/<name>.<lang>.md` beside a listed Korean
handout, with its own front matter (inputs.TRANSLATION), the hash of the Korean body it
was made from, and its status (draft | reviewed).

Everything language-specific lives in LANGS: the HTML/PDF language tag, the language's
name in its own script, the fonts that draw it, and the few words the engine prints in
the reader's language (the draft banner, the headings of the families' page). Those
words are short and were written by the engine's authors: a native reviewer should
check them with the letters.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import inputs
from .findings import WARNING, Report
from .model import Handout, Lesson
from .source import load_document, rel
from .spec import validate

DRAFT_KO = "번역 검토 중"


@dataclass(frozen=True)
class Lang:
    key: str  # the file-name key: parent-letter.<key>.md
    tag: str  # BCP 47 tag of the page and the PDF (/Lang)
    name: str  # the language's name in its own script
    name_ko: str
    fonts: tuple  # font families (handout.css) tried before Pretendard GOV
    draft: str  # "translation under review", in the language
    letters: str  # heading of the families' page: the letters
    help: str  # the multilingual help line's gloss
    intro: str  # one line under the families' page title


_LATIN = ("Handout Noto Sans",)
LANGS: dict[str, Lang] = {l.key: l for l in (
    Lang("vi", "vi", "Tiếng Việt", "베트남어", _LATIN, "Bản dịch đang được xem xét",
         "Thư gửi phụ huynh", "Tư vấn bằng tiếng Việt, 24 giờ",
         "Các thư nhà trường gửi phụ huynh về giáo dục phòng chống tội phạm tình dục kỹ thuật số."),
    Lang("zh", "zh-Hans", "中文（简体）", "중국어", ("Handout Noto Sans SC",), "译文审核中",
         "致家长的信", "中文咨询，24小时", "学校关于预防数字性犯罪教育致家长的信。"),
    Lang("km", "km", "ភាសាខ្មែរ", "크메르어", ("Handout Noto Sans Khmer",) + _LATIN,
         "ការបកប្រែកំពុងត្រួតពិនិត្យ", "លិខិតជូនមាតាបិតា", "ការប្រឹក្សាជាភាសាខ្មែរ ២៤ ម៉ោង",
         "លិខិតរបស់សាលាជូនមាតាបិតា អំពីការអប់រំបង្ការឧក្រិដ្ឋកម្មផ្លូវភេទឌីជីថល។"),
    Lang("ja", "ja", "日本語", "일본어", ("Handout Noto Sans JP",), "翻訳確認中",
         "保護者の皆様へのお便り", "日本語で相談できます（24時間）",
         "デジタル性犯罪予防教育について、学校から保護者の皆様へのお便りです。"),
    Lang("en", "en", "English", "영어", _LATIN, "Translation under review",
         "Letters to parents", "Help in English and other languages, 24 hours",
         "The school's letters to parents about education to prevent digital sex crimes."),
    Lang("tl", "fil", "Filipino", "필리핀어(타갈로그어)", _LATIN, "Sinusuri pa ang salin",
         "Mga liham sa mga magulang", "Tulong sa wikang Filipino, 24 oras",
         "Mga liham ng paaralan sa mga magulang tungkol sa pag-iwas sa digital na krimeng sekswal."),
    Lang("ko-easy", "ko", "쉬운 한국어", "쉬운 한국어", (), "검토 중인 글입니다",
         "학부모님께 보내는 글", "여러 나라 말로 상담, 24시간",
         "학교에서 학부모님께 보내는 글을 쉬운 말로 옮겼습니다."),
)}
STATUSES = ("draft", "reviewed")
HELP_CONTACT = "danuri"  # the multilingual line, first in every translation's help


@dataclass
class Translation:
    name: str  # the Korean handout's name (parent-letter)
    lang: str  # key of LANGS
    path: str  # the translation's file, relative to the repository
    source_path: str  # the Korean handout's file
    title: str
    status: str  # draft | reviewed
    source_hash: str
    current_hash: str  # the hash of the Korean body now
    translator: str = ""
    reviewed_by: str = ""
    reviewed_on: object = None
    body: str = ""
    body_line: int = 1
    pages: int = 1
    pages_line: int = 1
    handout: Handout | None = field(default=None, repr=False)

    @property
    def stale(self) -> bool:
        return self.source_hash != self.current_hash

    @property
    def draft(self) -> bool:
        return self.status != "reviewed"

    @property
    def info(self) -> Lang:
        return LANGS[self.lang]

    @property
    def file_name(self) -> str:
        return f"{self.name}.{self.lang}"


def body_hash(text: str) -> str:
    """The agreed hash of a Korean handout's body: everything after the line closing
    the front matter, UTF-8 with \\n newlines; sha256, first 12 hex digits."""
    t = text.replace("\r\n", "\n")
    parts = t.split("\n---", 1)
    body = parts[1].split("\n", 1)[1] if len(parts) == 2 and "\n" in parts[1] else t
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]


def yaml_text(value: str) -> str:
    """A hash as YAML reads it back as text: quoted when it is all digits (YAML would
    read 0123… as a number, and a number is not a hash)."""
    return f'"{value}"' if value.isdigit() else value


NAME = re.compile(r"^(?P<name>[^.]+)\.(?P<lang>[^.]+)$")


def is_translation_stem(stem: str) -> bool:
    return bool(NAME.match(stem))


def load_translations(root: Path, files: dict[str, Path], lesson: Lesson,
                      report: Report) -> None:
    """Every `<name>.<lang>.md` of a lesson's handouts folder, attached to its Korean
    handout (`files`: stem -> path of every .md there)."""
    by_name = {h.name: h for h in lesson.handout_files}
    hashes: dict[str, str] = {}  # one hash per Korean source, whatever the languages
    for stem, path in files.items():
        m = NAME.match(stem)
        if not m:
            continue
        name, lang = m.group("name"), m.group("lang")
        fname = rel(root, path)
        if lang not in LANGS:
            report.add(fname, 1, "translation-lang-unknown",
                       f"`{lang}` in {path.name} is not a language the site publishes",
                       "name the file <handout>.<lang>.md with a language key: "
                       + ", ".join(LANGS))
            continue
        source = by_name.get(name)
        if source is None:
            listed = name in lesson.handouts
            report.add(fname, 1, "translation-source-missing",
                       f"{path.name} translates `{name}`, "
                       + ("which could not be loaded" if listed else
                          "which is not a handout listed in the lesson's `handouts`"),
                       f"keep it beside its Korean source handouts/{name}.md, listed in "
                       "`handouts:` of index.md, or rename it")
            continue
        doc = load_document(root, path, report)
        if doc is None:
            continue
        meta = doc.meta
        problems = validate(meta, inputs.TRANSLATION)
        for p in problems:
            report.add(fname, doc.lines.get(p.path[0], doc.meta_line), "translation-field",
                       p.message, p.hint)
        if any(p.kind != "unknown-key" for p in problems):
            continue
        if meta["lang"] != lang:
            report.add(fname, doc.lines.get("lang", doc.meta_line), "translation-field",
                       f"`lang: {meta['lang']}` but the file name says `{lang}`",
                       f"write `lang: {lang}` or rename the file")
            continue
        if meta["status"] == "reviewed" and not (meta.get("reviewed_by")
                                                 and meta.get("reviewed_on")):
            report.add(fname, doc.lines.get("status", doc.meta_line), "translation-review-missing",
                       "`status: reviewed` but who reviewed it and when is not recorded",
                       "add `reviewed_by:` (name, body) and `reviewed_on:` (date), or write "
                       "`status: draft`")
            continue
        if name not in hashes:
            # The loaded body is the file after its front matter, newlines normalised:
            # the agreed text of the hash (body_hash gives the same from the whole file).
            hashes[name] = hashlib.sha256(source.body.encode("utf-8")).hexdigest()[:12]
        t = Translation(
            name=name, lang=lang, path=fname, source_path=source.path,
            title=str(meta["title"]).strip(), status=meta["status"],
            source_hash=str(meta["source_hash"]), current_hash=hashes[name],
            translator=str(meta.get("translator") or ""),
            reviewed_by=str(meta.get("reviewed_by") or ""), reviewed_on=meta.get("reviewed_on"),
            body=doc.body, body_line=doc.body_line, pages=meta.get("pages") or source.pages,
            pages_line=doc.lines.get("pages", doc.meta_line))
        if t.stale:
            report.add(fname, doc.lines.get("source_hash", doc.meta_line), "translation-stale",
                       f"{fname} was translated from another version of {source.path} "
                       f"(source_hash {t.source_hash}, the Korean body is now {t.current_hash})",
                       f"compare with the Korean text (git log -p {source.path}), update the "
                       f"translation, then write `source_hash: {yaml_text(t.current_hash)}`",
                       severity=WARNING)
        if HELP_CONTACT not in doc.body and source.kind == "parent-letter":
            report.add(fname, doc.body_line, "translation-help-missing",
                       f"{path.name} does not give the multilingual line "
                       f"{{{{contact:{HELP_CONTACT}}}}}",
                       f"put `{{{{contact:{HELP_CONTACT}}}}}` first in the help part, with a "
                       "short gloss in the reader's language", severity=WARNING)
        source.translations.append(t)
    for h in lesson.handout_files:
        h.translations.sort(key=lambda t: list(LANGS).index(t.lang))


def missing_translations(cur) -> list[tuple]:
    """(lesson, handout, [missing language keys]) for every published handout of a kind
    that curriculum.yml `translations:` requires in other languages."""
    need = cur.site.translations or {}
    out = []
    for track in cur.tracks:
        for lesson in cur.lessons_of(track, published_only=True):
            for h in lesson.handout_files:
                want = need.get(h.kind) or []
                have = {t.lang for t in h.translations}
                missing = [l for l in want if l not in have]
                if missing:
                    out.append((lesson, h, missing))
    return out


def check_translation_coverage(cur, report: Report) -> None:
    for lesson, h, missing in missing_translations(cur):
        report.add(h.path, 1, "translation-missing",
                   f"{h.path} has no translation into "
                   + ", ".join(f"{LANGS[l].name_ko} ({l})" for l in missing)
                   + " (curriculum.yml `translations`)",
                   "add handouts/" + ", ".join(f"{h.name}.{l}.md" for l in missing)
                   + " (docs/editors/translations.md)", severity=WARNING)


def languages_in_use(cur) -> list[str]:
    used = {t.lang for l in cur.lessons if l.published for h in l.handout_files
            for t in h.translations}
    return [k for k in LANGS if k in used]
