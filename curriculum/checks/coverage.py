"""Does every track meet its required topics and minimum number of lessons?"""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import Report
from ..model import Curriculum


@dataclass
class TrackCoverage:
    track: str
    published: int
    required: int
    by_topic: dict[str, int]  # every topic -> number of published lessons
    missing: list[str]  # required topics with no published lesson

    @property
    def short_by(self) -> int:
        return max(self.required - self.published, 0)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.short_by


def coverage(cur: Curriculum) -> dict[str, TrackCoverage]:
    out = {}
    for key, track in cur.tracks.items():
        lessons = cur.lessons_of(key, published_only=True)
        by_topic = {t: 0 for t in cur.topics}
        for lesson in lessons:
            for t in lesson.topics:
                if t in by_topic:
                    by_topic[t] += 1
        missing = [t for t in track.required_topics if not by_topic.get(t)]
        out[key] = TrackCoverage(key, len(lessons), track.min_lessons, by_topic, missing)
    return out


def check_coverage(cur: Curriculum, report: Report) -> None:
    for key, cov in coverage(cur).items():
        track = cur.tracks[key]
        if cov.short_by:
            report.add("curriculum.yml", track.line, "coverage-lessons",
                       f"track `{key}` ({track.name}) has {cov.published} published lesson(s); "
                       f"it needs at least {cov.required}",
                       f"publish {cov.short_by} more lesson(s) in lessons/{key}/ "
                       "(drafts do not count)")
        for topic in cov.missing:
            t = cur.topics[topic]
            report.add("curriculum.yml", track.line, "coverage-topic",
                       f"track `{key}` ({track.name}) has no published lesson on required "
                       f"topic `{topic}` ({t.name})",
                       f"add `{topic}` to `topics:` of a published lesson in lessons/{key}/ "
                       "that really teaches it, or write one")


def check_duplicate_ids(cur: Curriculum, report: Report) -> None:
    seen: dict[str, str] = {}
    for lesson in sorted(cur.lessons, key=lambda l: l.path):
        if lesson.id in seen:
            report.add(lesson.path, lesson.lines.get("id", 1), "duplicate-id",
                       f"id `{lesson.id}` is already used by {seen[lesson.id]}",
                       "give each lesson its own id (track + folder name)")
        else:
            seen[lesson.id] = lesson.path


def check_handout_coverage(cur: Curriculum, report: Report) -> None:
    """What the field support team prints for a visit, as curriculum.yml requires it:
    a worksheet for every published lesson, and letters to parents."""
    for key, track in cur.tracks.items():
        lessons = cur.lessons_of(key, published_only=True)
        for lesson in lessons if track.worksheet_per_lesson else []:
            if not any(h.kind == "worksheet" for h in lesson.handout_files):
                report.add(lesson.path, lesson.lines.get("handouts", 1), "worksheet-missing",
                           f"student lesson `{lesson.id}` has no worksheet (활동지)",
                           "add handouts/worksheet.md (kind: worksheet) and list it in `handouts`")
        letters = sum(1 for l in lessons for h in l.handout_files if h.kind == "parent-letter")
        if letters < track.parent_letters:
            report.add("curriculum.yml", track.line, "parent-letter-missing",
                       f"track `{key}` ({track.name}) has no letter to parents (가정통신문)",
                       f"add handouts/parent-letter.md (kind: parent-letter) to a published "
                       f"lesson in lessons/{key}/")
