"""The curriculum as plain data: tracks, topics, contacts, lessons and handouts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Area:
    key: str
    name: str
    source: str


@dataclass
class Topic:
    key: str
    name: str
    name_en: str


@dataclass
class Track:
    key: str
    name: str
    short: str
    name_en: str
    audience: str  # student | adult
    grades: list[int]
    minutes: int
    unit: str  # 차시 for students, 회기 for adult sessions
    required_topics: list[str]
    min_lessons: int
    help: list[str]
    line: int = 1  # line in curriculum.yml, for coverage findings
    worksheet_per_lesson: bool = False  # requires.worksheet_per_lesson
    parent_letters: int = 0  # requires.parent_letters
    required_blocks: list[str] = field(default_factory=list)  # requires.blocks
    help_lines: dict = field(default_factory=dict)  # contact key -> line in curriculum.yml
    maintainers: list[str] = field(default_factory=list)  # GitHub handles (CODEOWNERS)


@dataclass
class Site:
    """The `site:` settings of curriculum.yml, with their defaults (inputs.SITE)."""

    name: str = "디지털 성범죄 예방교육"
    name_en: str = ""
    owner: str = "전라남도교육청"
    review_months: int = 12
    contact_check_months: int = 6
    guide_help: list[str] = field(default_factory=list)
    help_now: list[str] = field(default_factory=list)
    checklist: str = ""  # "lesson-id/handout-name" of the one-page incident checklist
    line: int = 1
    # curriculum.yml `translations:` handout kind -> language keys each must have
    translations: dict = field(default_factory=dict)


@dataclass
class Contact:
    key: str
    name: str
    name_en: str = ""
    phone: list[str] = field(default_factory=list)
    text: str = ""
    url: str = ""
    where: str = ""
    hours: str = ""
    purpose: str = ""
    purpose_en: str = ""
    source: str = ""
    checked: dt.date | None = None
    line: int = 1
    former: list[tuple[str, dt.date]] = field(default_factory=list)  # (name, last day used)


@dataclass
class Offence:
    key: str
    act: str = ""
    prison_max: int | None = None
    prison_min: int | None = None
    life: bool = False
    fine: int | None = None
    administrative_fine: int | None = None


@dataclass
class Law:
    """One provision of reference/laws.yml."""

    key: str
    law: str
    short: str
    article: str
    title: str
    covers: str
    offences: dict[str, Offence] = field(default_factory=dict)
    penalty: Offence | None = None
    in_force: dt.date | None = None
    source: str = ""
    checked: dt.date | None = None
    note: str = ""
    line: int = 1


@dataclass
class Organisation:
    key: str
    name: str
    short: str = ""
    former: list[tuple[str, dt.date]] = field(default_factory=list)
    source: str = ""
    checked: dt.date | None = None
    line: int = 1


@dataclass
class Block:
    """A shared text: blocks/<id>/<variant>.md, placed with {{block:ID/VARIANT}}."""

    key: str  # "disclosure/lesson"
    title: str
    audience: str
    source: str
    checked: dt.date
    body: str
    path: str
    body_line: int = 1

    @property
    def block_id(self) -> str:
        return self.key.split("/", 1)[0]


@dataclass
class Reference:
    """The registries: what lessons cite instead of typing it."""

    laws: dict[str, Law] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    blocks: dict[str, Block] = field(default_factory=dict)
    contacts: dict[str, Contact] = field(default_factory=dict)


@dataclass
class Phase:
    name: str  # 도입 | 전개 | 정리
    period: int  # 1-based 차시 this phase belongs to
    minutes: int
    line: int
    elements: list[str] = field(default_factory=list)  # the ### headings: 학습 요소
    materials: list[str] = field(default_factory=list)  # lines starting with ◈
    notes: list[str] = field(default_factory=list)  # lines starting with ※


@dataclass
class Handout:
    name: str
    path: str  # relative to the repository
    title: str = ""
    kind: str = ""
    audience: str = ""
    pages: int = 1
    body: str = ""
    body_line: int = 1
    pages_line: int = 1  # where `pages:` is, for the page-budget finding
    translations: list = field(default_factory=list)  # translations.Translation, by LANGS order


@dataclass
class Lesson:
    id: str
    title: str
    track: str
    grades: list[int]
    periods: int
    topics: list[str]
    objectives: list[str]
    status: str
    reviewed: dt.date | None
    handouts: list[str]
    path: str  # lessons/<track>/<slug>/index.md, relative to the repository
    slug: str
    order: int = 0
    summary: str = ""
    standards: list[str] = field(default_factory=list)
    stands_alone: bool | None = None
    when_alone: str = ""
    easy_read: bool = False  # an easy-read (쉬운 글) lesson
    schedule: list[tuple[int, str]] = field(default_factory=list)  # (grade, scene)
    body: str = ""
    body_line: int = 1
    lines: dict = field(default_factory=dict)
    phases: list[Phase] = field(default_factory=list)
    materials: list[str] = field(default_factory=list)  # items of ## 준비물
    handout_files: list[Handout] = field(default_factory=list)

    @property
    def published(self) -> bool:
        return self.status == "published"

    @property
    def url_dir(self) -> str:
        """Where the page lives in the site, e.g. lessons/middle/deepfake-harm/."""
        return self.path.rsplit("/", 1)[0] + "/"


@dataclass
class Curriculum:
    root: Path
    site: Site
    tracks: dict[str, Track]
    topics: dict[str, Topic]
    contacts: dict[str, Contact]
    lessons: list[Lesson] = field(default_factory=list)
    reference: Reference = field(default_factory=Reference)
    areas: dict[str, Area] = field(default_factory=dict)
    pages: set = field(default_factory=set)  # site paths of the hand-written pages (docs/)

    def lessons_of(self, track: str, published_only: bool = False) -> list[Lesson]:
        # Sorted once per track while the list of lessons stays the same (the checks
        # and pages ask for every track several times; 5,000 lessons make that count).
        key = (id(self.lessons), len(self.lessons))
        cache = self.__dict__.get("_by_track")
        if cache is None or cache[0] != key:
            by: dict[str, list[Lesson]] = {}
            for l in sorted(self.lessons, key=lambda l: (l.order or 10**6, l.id)):
                by.setdefault(l.track, []).append(l)
            cache = self.__dict__["_by_track"] = (key, by)
        lessons = cache[1].get(track, [])
        return [l for l in lessons if l.published] if published_only else list(lessons)

    def minutes(self, lesson: Lesson) -> int | None:
        track = self.tracks.get(lesson.track)
        return track.minutes * lesson.periods if track else None
