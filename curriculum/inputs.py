"""The spec of every YAML input, in one place (see spec.py for the language).

Each input names its file, its spec and the title of its generated JSON Schema
(`make schema` writes schema/<name>.schema.json from these).
"""

from __future__ import annotations

from dataclasses import dataclass

from .spec import SLUG, Bool, Date, Field, Int, ListOf, MapOf, Record, Str

STATUSES = ("draft", "published")
AUDIENCES = ("student", "adult")
HANDOUT_KINDS = ("worksheet", "parent-letter", "teacher-card", "poster")
HANDOUT_AUDIENCES = ("student", "parent", "teacher")
BLOCK_AUDIENCES = ("student", "teacher", "staff", "leader", "parent")
PHONE = r"^(#?\d{3,4}|0\d{1,2}-\d{3,4}-\d{4}|1[5-9]\d\d-\d{4})$"
URL = r"^https?://\S+$"
# A key of curriculum.yml `areas`, or a 성취기준 code such as [6도02-01] / [12생윤03-02].
# A GitHub user (@name) or team (@org/team), as CODEOWNERS takes them.
GITHUB_HANDLE = r"^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9][A-Za-z0-9_.-]*)?$"
STANDARD = r"^([a-z0-9]+(-[a-z0-9]+)*|\[\d{1,2}[가-힣]{1,6}\d{2}-\d{2}\])$"
_url = Str(pattern=URL, pattern_hint="a full address starting with https://")
_checked = Field(Date(), True, "Date the entry was last checked against its source.",
                 "look the entry up at its source, then write `checked: 2026-12-01`")
_source = Field(_url, True, "Where the entry was confirmed (official URL).",
                "write the official address where you confirmed it, e.g. https://www.law.go.kr/…")

# --- lesson and handout front matter -------------------------------------------------

LESSON = Record({
    "id": Field(Str(pattern=SLUG), True,
                "Stable, unique id: the track folder, a hyphen, the lesson folder.",
                "write the track and folder name joined by a hyphen, e.g. middle-deepfake-harm"),
    "title": Field(Str(nonempty=True), True, "The lesson's Korean title.",
                   "write a short Korean title"),
    "track": Field(Str(enum="tracks"), True,
                   "Key of a track in curriculum.yml; equals the track folder.",
                   "use the name of the folder the lesson is in"),
    "grades": Field(ListOf(Int()), True, "Grades taught, e.g. [1, 2]; [] for adult tracks.",
                    "write the grades as a list, e.g. [5, 6]"),
    "periods": Field(Int(1, 10), True, "Number of periods (차시) or sessions.",
                     "write a whole number such as 1"),
    "order": Field(Int(1, 99999), False, "Position in the track's sequence (1 = first).",
                   "write a whole number such as 2"),
    "topics": Field(ListOf(Str(enum="topics"), min_items=1), True,
                    "Topic keys from curriculum.yml.",
                    "use keys from curriculum.yml `topics`, e.g. [consent, privacy]"),
    "objectives": Field(ListOf(Str(), min_items=1), True,
                        "Learning objectives, each ending in '~할 수 있다.'",
                        "list at least one objective ending in '~할 수 있다.'"),
    "summary": Field(Str(), False, "One sentence shown in catalogs and search results.",
                     "write one plain sentence"),
    "status": Field(Str(enum=STATUSES), True,
                    "draft while writing; published when it may be taught.",
                    "write draft or published"),
    "reviewed": Field(Date(), True, "Date of the last content review (YYYY-MM-DD).",
                      "write the date as 2026-11-20"),
    "handouts": Field(ListOf(Str(pattern=SLUG)), True,
                      "Names of files in handouts/ (without .md) printed with the lesson.",
                      "list file names from handouts/ without .md, or write []"),
    "standards": Field(ListOf(Str(pattern=STANDARD, pattern_hint="a key of curriculum.yml "
                                  "`areas` or a 성취기준 code in brackets, e.g. [6도02-01]")),
                       False, "관련 성취기준 codes (only confirmed ones) or keys of the "
                              "창체/안전교육 areas in curriculum.yml `areas`.",
                       "write keys from curriculum.yml `areas`, e.g. [safety-violence], or a "
                       "confirmed code such as \"[9정04-02]\" (in quotes)"),
    "stands_alone": Field(Bool(), False, "true when the lesson can be taught on its own; "
                                         "false when it builds on an earlier lesson.",
                          "write true or false"),
    "schedule": Field(ListOf(Record({
        "grade": Field(Int(1, 12), True, "A grade that is taught this lesson.",
                       "write a grade of the lesson, e.g. 2"),
        "scene": Field(Str(nonempty=True), False,
                       "Which version is taught in that grade, when the lesson has more than "
                       "one (the heading of its alternative scenes), so no student hears the "
                       "same story twice."),
    }), unique=False), False, "Scope and sequence: the grades that teach this lesson and the "
                              "version each uses (the 학년별 운영표 is generated from it).",
        "write e.g. schedule: [{grade: 1}, {grade: 2, scene: 2학년 장면}]"),
    "easy_read": Field(Bool(), False,
                       "true for an easy-read lesson (쉬운 글): short plain sentences, one idea "
                       "a sentence, with picture symbols, for students in special education. "
                       "Shown as a 쉬운 글 badge, a finder filter and in search.",
                       "write `easy_read: true` for an easy-read lesson, or leave the field out"),
    "when_alone": Field(Str(nonempty=True), False,
                        "What to change when the lesson is taught without the lessons before "
                        "it (needed when stands_alone is false).",
                        "write one or two sentences: what to add or skip when taught alone"),
}, doc="Lesson front matter (lessons/<track>/<slug>/index.md)")

HANDOUT = Record({
    "title": Field(Str(nonempty=True), True, "The handout's Korean title.",
                   "write the handout's Korean title"),
    "kind": Field(Str(enum=HANDOUT_KINDS), True, "What sort of sheet it is.",
                  "e.g. `kind: worksheet`"),
    "audience": Field(Str(enum=HANDOUT_AUDIENCES), True, "Who reads the printed sheet.",
                      "who reads the printed sheet: `audience: student`"),
    "pages": Field(Int(1, 20), False, "Page budget in A4 pages.",
                   "the page budget, e.g. `pages: 2`", default=1),
}, doc="Handout front matter (lessons/<track>/<slug>/handouts/<name>.md)")

TRANSLATION_LANGS = ("vi", "zh", "km", "ja", "en", "tl", "ko-easy")  # translations.LANGS
TRANSLATION = Record({
    "title": Field(Str(nonempty=True), True, "The title in the reader's language.",
                   "write the translated title"),
    "lang": Field(Str(enum=TRANSLATION_LANGS), True,
                  "Language key; the same as in the file name (parent-letter.vi.md).",
                  "one of vi, zh, km, ja, en, tl, ko-easy"),
    "source_hash": Field(Str(pattern=r"^[0-9a-f]{12}$",
                             pattern_hint="12 lower-case hex digits"), True,
                         "First 12 hex digits of the sha256 of the Korean source's body (the "
                         "text after the front matter): the version it was translated from.",
                         "write the hash the check prints in `translation-stale`, or run the "
                         "one-liner in docs/editors/translations.md"),
    "status": Field(Str(enum=("draft", "reviewed")), True,
                    "draft (machine-made or unchecked) or reviewed (checked by a person who "
                    "reads both languages).", "write `status: draft` or `status: reviewed`"),
    "translator": Field(Str(), False, "Who or what made the translation, and when."),
    "reviewed_by": Field(Str(nonempty=True), False, "Who reviewed it (name, body); needed "
                         "with `status: reviewed`.", "write e.g. `reviewed_by: 이름 (기관)`"),
    "reviewed_on": Field(Date(), False, "When it was reviewed; needed with `status: reviewed`.",
                         "write e.g. `reviewed_on: 2026-12-10`"),
    "pages": Field(Int(1, 20), False, "Page budget in A4 pages (default: the Korean "
                   "handout's).", "the page budget, e.g. `pages: 2`"),
}, doc="Translated handout front matter (lessons/<track>/<slug>/handouts/<name>.<lang>.md)")

# --- curriculum.yml -------------------------------------------------------------------

SITE = Record({
    "name": Field(Str(nonempty=True), False, "Korean name of the curriculum (site title).",
                  default="디지털 성범죄 예방교육"),
    "name_en": Field(Str(), False, "English name.", default=""),
    "owner": Field(Str(nonempty=True), False, "Publishing body, printed on handouts.",
                   default="전라남도교육청"),
    "review_months": Field(Int(1, 60), False,
                           "Months after which a lesson's `reviewed` date is stale (warning).",
                           "write a whole number of months, e.g. 12", default=12),
    "contact_check_months": Field(Int(1, 60), False,
                                  "Months after which a contact's or registry entry's "
                                  "`checked` date is stale (warning).",
                                  "write a whole number of months, e.g. 6", default=6),
    "guide_help": Field(ListOf(Str(enum="contacts")), False,
                        "Contact keys of the help block at the end of every guide page.",
                        "write a list of contact keys, e.g. [police, school-violence]"),
    "help_now": Field(ListOf(Str(enum="contacts")), False,
                      "Contact keys of the “지금 도움이 필요해요” strip (home page, guides, "
                      "contacts page, a search without results): the first numbers to call.",
                      "write a short list of contact keys, e.g. [police, school-violence]"),
    "checklist": Field(Str(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$",
                           pattern_hint="a lesson id and a handout name, e.g. "
                                        "staff-incident-response/teacher-card"), False,
                       "The one-page incident checklist (lesson id/handout name), linked "
                       "from the home page and the guides.",
                       "write the lesson id and the handout's file name without .md, e.g. "
                       "staff-incident-response/teacher-card"),
})

TRACK = Record({
    "name": Field(Str(nonempty=True), True, "Korean name, e.g. 중학교."),
    "short": Field(Str(nonempty=True), False, "Short Korean name for tables."),
    "name_en": Field(Str(), False, "English name."),
    "audience": Field(Str(enum=AUDIENCES), True, "student or adult.",
                      "write `audience: student` or `audience: adult`"),
    "grades": Field(ListOf(Int(1, 12)), True, "Grades of the track ([] for adults).",
                    "write the grades as a list, e.g. [1, 2]"),
    "minutes": Field(Int(10, 240), True, "Minutes of one period or session.",
                     "write the minutes of one period, e.g. 45"),
    "unit": Field(Str(nonempty=True), False, "차시 or 회기.", default="차시"),
    "requires": Field(Record({
        "topics": Field(ListOf(Str(enum="topics")), True, "Topics the track must cover.",
                        "list topic keys from `topics`"),
        "lessons": Field(Int(0, 1000), True, "Minimum number of published lessons.",
                         "write a whole number, e.g. 3"),
        "worksheet_per_lesson": Field(Bool(), False, "Every lesson has a worksheet."),
        "parent_letters": Field(Int(0, 100), False, "Minimum number of letters to parents."),
        "blocks": Field(ListOf(Str(enum="blocks")), False,
                        "Shared blocks every published lesson of the track must place.",
                        "list block ids from blocks/, e.g. [disclosure]"),
    }), True, "What the track must cover.", "give `topics: [..]` and `lessons: N`"),
    "help": Field(ListOf(Str(enum="contacts")), True, "Contact keys of the lesson help block.",
                  "list contact keys from contacts.yml"),
    "maintainers": Field(ListOf(Str(pattern=GITHUB_HANDLE,
                                    pattern_hint="a GitHub handle such as @kim-teacher or a "
                                                 "team such as @jne-edu/middle")),
                         False, "GitHub users or teams who review the track's lessons "
                                "(.github/CODEOWNERS is generated from them).",
                         "list GitHub handles, e.g. [\"@kim-teacher\", \"@jne-edu/middle\"]"),
})

TOPIC = Record({
    "name": Field(Str(nonempty=True), True, "Korean name."),
    "name_en": Field(Str(), False, "English name."),
})

AREA = Record({
    "name": Field(Str(nonempty=True), True, "Korean name as schools log hours under it."),
    "source": Field(Str(nonempty=True), True, "Where the area is defined."),
})

CURRICULUM = Record({
    "site": Field(SITE, False, "Site-wide settings."),
    "tracks": Field(MapOf(TRACK, min_items=1), True, "School levels and adult audiences.",
                    "see the tracks in curriculum.yml on main"),
    "topics": Field(MapOf(TOPIC, min_items=1), True, "The topic vocabulary.",
                    "write `topics:` then `  consent: {name: 동의와 경계, name_en: ...}`"),
    "areas": Field(MapOf(AREA), False, "창의적 체험활동 and 안전교육 areas a lesson's "
                                       "`standards` may name."),
    "translations": Field(MapOf(ListOf(Str(enum=TRANSLATION_LANGS))), False,
                          "Handout kinds every published lesson must have in other languages "
                          "(a missing one is a warning and shows on the coverage page).",
                          "write e.g. `translations: {parent-letter: [vi, zh, km, ja, en]}`"),
}, doc="curriculum.yml: tracks, topics and what each track requires")

# --- contacts, organisations, laws ----------------------------------------------------

FORMER = ListOf(Record({
    "name": Field(Str(nonempty=True), True, "The former name."),
    "until": Field(Date(), False, "Last day the former name was in use (leave out when "
                                  "the date is not confirmed).",
                   "write the last day of the old name, e.g. 2025-09-30"),
}))

CONTACT = Record({
    "name": Field(Str(nonempty=True), True, "Current Korean name.",
                  "write `name:` with the body's current name"),
    "name_en": Field(Str(), False, "English name."),
    "former": Field(FORMER, False, "Former names with the date they changed."),
    "phone": Field(ListOf(Str(pattern=PHONE, pattern_hint="a number like 112, 1377, "
                              "1577-1366 or 02-735-8994"), scalar_ok=True), False,
                   "Phone numbers, as text in quotes.", 'write numbers in quotes: phone: ["1377"]'),
    "text": Field(Str(pattern=r"^#\d{3,5}$", pattern_hint="a text number like #0117"), False,
                  "Text-message number."),
    "url": Field(_url, False, "Web address."),
    "where": Field(Str(), False, "Where it is, when it has no number."),
    "hours": Field(Str(), False, "Opening hours, e.g. 24시간."),
    "for": Field(Str(), False, "What it helps with (Korean)."),
    "for_en": Field(Str(), False, "What it helps with (English)."),
    "source": Field(Str(nonempty=True), True, "Where the number was confirmed (official URL, "
                    "or the facts section when no official page states it).",
                    "write where you confirmed the number, e.g. https://www.safe182.go.kr"),
    "checked": _checked,
})

CONTACTS = MapOf(CONTACT, min_items=1, doc="contacts.yml: every help line, with its source")

ORGANISATION = Record({
    "name": Field(Str(nonempty=True), True, "Current Korean name."),
    "short": Field(Str(), False, "Short name readers know."),
    "name_en": Field(Str(), False, "English name."),
    "former": Field(FORMER, False, "Former names with the date they changed."),
    "source": Field(Str(nonempty=True), True, "Where the name was confirmed (official URL, or "
                    "the facts section when no official page states it).",
                    "write where you confirmed the name"),
    "checked": _checked,
    "note": Field(Str(), False, "A note for editors."),
})

ORGANISATIONS = MapOf(ORGANISATION, doc="reference/organisations.yml: public bodies and "
                                        "their former names")

PENALTY = Record({
    "act": Field(Str(nonempty=True), False, "The act, in a few Korean words."),
    "prison": Field(Record({
        "max": Field(Int(1, 50), False, "At most N years."),
        "min": Field(Int(1, 50), False, "At least N years."),
        "life": Field(Bool(), False, "Life imprisonment is possible."),
    }), False, "Prison term in years."),
    "fine": Field(Int(10000, 10**10), False, "Maximum fine in won."),
    "administrative_fine": Field(Int(10000, 10**10), False, "Maximum 과태료 in won."),
})

LAW = Record({
    "law": Field(Str(nonempty=True), True, "Full name of the act."),
    "short": Field(Str(nonempty=True), True, "Short name used in lessons, e.g. 아청법."),
    "article": Field(Str(pattern=r"^(제\d+조.*|[가-힣][가-힣 ·]*)$",
                         pattern_hint="an article like 제14조의2 (or words such as "
                                      "'삭제 지원 조항' where the number is not settled)"), True,
                     "Article, e.g. 제14조의2."),
    "title": Field(Str(nonempty=True), False, "The article's heading (leave out until it "
                                              "is confirmed on law.go.kr)."),
    "covers": Field(Str(nonempty=True), True, "What it covers, in one plain sentence."),
    "offences": Field(MapOf(PENALTY), False, "Acts with their own penalty."),
    "penalty": Field(PENALTY, False, "The provision's own penalty, when it has one."),
    "in_force": Field(Date(), False, "Date the current wording came into force."),
    "source": _source,
    "checked": _checked,
    "note": Field(Str(), False, "What is unconfirmed, for editors."),
})

LAWS = MapOf(LAW, doc="reference/laws.yml: every legal provision the curriculum cites")

BLOCK = Record({
    "title": Field(Str(nonempty=True), True, "What the block is, for editors."),
    "audience": Field(Str(enum=BLOCK_AUDIENCES), True, "Who reads it.",
                      "student, teacher, staff, leader or parent"),
    "source": Field(Str(nonempty=True), True, "Which facts it restates (facts, law ids).",
                    "name the facts section or law the block restates"),
    "checked": _checked,
}, doc="Block front matter (blocks/<id>/<variant>.md)")

# --- language-rules.yml ---------------------------------------------------------------

LANGUAGE_RULE = Record({
    "id": Field(Str(pattern=SLUG), True, "Rule id (finding code wording-<id>)."),
    "lang": Field(Str(enum=("ko", "en")), False, "Language of the pattern.", default="ko"),
    "pattern": Field(Str(nonempty=True), True, "Regular expression of the wording."),
    "unless": Field(Str(), False, "Regular expression: the same line matching it is fine."),
    "why": Field(Str(nonempty=True), True, "Why the wording harms."),
    "instead": Field(Str(nonempty=True), True, "What to say instead."),
    "severity": Field(Str(enum=("error", "warning")), False, "error or warning.",
                      default="error"),
    "keywords": Field(ListOf(Str(nonempty=True)), False, "Fast pre-check words."),
})

LANGUAGE_RULES = ListOf(LANGUAGE_RULE, unique=False)

# --- search.yml -------------------------------------------------------------------------

_words = ListOf(Str(nonempty=True), min_items=1)
SEARCH_WORDS = Record({
    "synonyms": Field(ListOf(Record({
        "ask": Field(_words, True, "Words or phrases people type.",
                     "list the words people type, e.g. [몰카, 몰래카메라]"),
        "find": Field(_words, True, "Words or phrases the pages use for the same thing.",
                      "list the words the pages use, e.g. [불법 촬영]"),
    }), unique=False), False, "A query holding an `ask` word also finds the `find` words."),
    "intents": Field(ListOf(Record({
        "id": Field(Str(pattern=SLUG), True, "A name for the kind of question.",
                    "a short name such as `act` or `parent`"),
        "ask": Field(_words, True, "Words or phrases that mark the question.",
                     "list the words, e.g. [신고, 삭제, 상담]"),
        "pages": Field(ListOf(Str(pattern=r"^[a-z0-9][^\s]*$",
                                  pattern_hint="a page's address in the site, e.g. guides/help/ "
                                               "(a folder such as guides/ takes all its pages; "
                                               "guides/faq/#7- one question)"),
                              min_items=1), True,
                       "Addresses (or their beginnings) of the pages that answer it.",
                       "list site addresses such as guides/help/ or guides/"),
        "boost": Field(Int(1, 10), False, "How many times more those pages count.",
                       "a whole number such as 2", default=2),
        "optional": Field(Bool(), False, "The words only mark the kind of question (내가, "
                          "우리 아이): a page need not hold them to match the query.",
                          "write `optional: true` or leave it out", default=False),
    })), False, "Kinds of question and the pages that answer them first."),
    "sections": Field(ListOf(Str(pattern=r"^[a-z0-9][a-z0-9/._-]*\.md$",
                                 pattern_hint="a page of docs/ such as guides/faq.md")), False,
                      "Pages whose `##` questions are found one by one (deep links)."),
}, doc="search.yml: the search's synonyms, kinds of question and deep-linked pages")


@dataclass(frozen=True)
class Input:
    name: str  # schema/<name>.schema.json
    spec: object
    title: str
    files: str  # which files it describes


INPUTS = (
    Input("lesson", LESSON, "Lesson front matter", "lessons/<track>/<slug>/index.md"),
    Input("handout", HANDOUT, "Handout front matter", "lessons/<track>/<slug>/handouts/*.md"),
    Input("translation", TRANSLATION, "Translated handout front matter",
          "lessons/<track>/<slug>/handouts/<name>.<lang>.md"),
    Input("curriculum", CURRICULUM, "curriculum.yml", "curriculum.yml"),
    Input("contacts", CONTACTS, "contacts.yml", "contacts.yml"),
    Input("language-rules", LANGUAGE_RULES, "language-rules.yml", "language-rules.yml"),
    Input("laws", LAWS, "Law registry", "reference/laws.yml"),
    Input("organisations", ORGANISATIONS, "Organisation registry", "reference/organisations.yml"),
    Input("block", BLOCK, "Block front matter", "blocks/<id>/<variant>.md"),
    Input("search", SEARCH_WORDS, "search.yml", "search.yml"),
)
