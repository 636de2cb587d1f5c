"""The site's Korean search: one tokenizer for the index (here) and for the query (the
browser, overrides/assets/search.js), both driven by curriculum/search_rules.json.

Why not Material's stock search: its Korean support only trims and drops stop words,
so "딥페이크를" misses pages saying "딥페이크" and words beside 「」·“” vanish. A
morphological analyser (kiwipiepy) would do better at build time, but the browser
cannot run it on the query, and a query normalised differently from the index misses.
A small suffix stripper plus two-syllable pieces is identical on both sides, works
offline and keeps the index a fraction of the stock one.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from .macros import expand
from .vocab import HANDOUT_KIND_SEARCH

RULES = json.loads(Path(__file__).with_name("search_rules.json").read_text("utf-8"))
SUFFIXES = sorted(RULES["suffixes"], key=len, reverse=True)
EN_SUFFIXES = sorted(RULES["en_suffixes"], key=len, reverse=True)
MIN_STEM = RULES["min_stem"]
TOKEN = re.compile(r"[가-힣]+|[a-z0-9]+")

# How much a word counts by where it stands: a title outweighs the body.
WEIGHTS = {"title": 10.0, "keywords": 5.0, "topics": 5.0, "objectives": 4.0, "summary": 4.0, "audience": 4.0,
           "headings": 2.0, "body": 1.0}


def stem(word: str) -> str:
    if word[0] >= "가":
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
                return word[: -len(suffix)]
        return word
    for suffix in EN_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def pieces(s: str) -> list[str]:
    """Two-syllable pieces of a Hangul stem of three syllables or more."""
    if s[0] < "가" or len(s) < 3:
        return []
    return [s[i:i + 2] for i in range(len(s) - 1)]


PARTICLES = set(SUFFIXES)


def tokens(text: str) -> list[str]:
    """Stems of a text, in order (the same as tokenize() in search.js). A particle
    standing alone (split off by punctuation, as in “딥페이크”는) is dropped."""
    text = unicodedata.normalize("NFC", text).lower()
    return [stem(w) for w in TOKEN.findall(text) if w not in PARTICLES]


def terms(text: str) -> Counter:
    """Index terms of a text: each stem, and its pieces marked with '~'."""
    out: Counter = Counter()
    for s in tokens(text):
        out[s] += 1
        for p in pieces(s):
            out["~" + p] += 1
    return out


MD_NOISE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<[^>]+>|\{\{[^}]*\}\}|[#*_>`|]")


def plain(markdown: str) -> str:
    return MD_NOISE.sub(lambda m: m.group(1) or " ", markdown)


def build_index(docs: list[dict]) -> dict:
    """docs: {url, title, label, summary, fields: {field: text}} -> compact JSON index.

    Postings are flat lists [doc, weight, doc, weight, …] with weights × 10 as integers;
    idf is left to the browser, which knows how many documents there are.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    lengths = []
    for n, doc in enumerate(docs):
        score: Counter = Counter()
        length = 0
        for field, text in doc["fields"].items():
            w = WEIGHTS[field]
            for term, tf in terms(text).items():
                score[term] += w * (1 + math.log(tf))
                if not term.startswith("~"):
                    length += tf
        for term, value in score.items():
            postings[term].extend((n, max(1, round(value * 10))))
        lengths.append(length)
    boosts = [float(d.get("boost", 1)) for d in docs]
    return {
        "version": 2,
        "rules": {k: RULES[k] for k in ("min_stem", "suffixes", "en_suffixes")},
        "docs": [[d["url"], d["title"], d["label"], d["summary"]] for d in docs],
        "lengths": lengths,  # words per document, for BM25's length normalisation
        "boosts": boosts,  # front matter `search: {boost: N}`, as in Material
        "terms": dict(sorted(postings.items())),
    }


def lesson_docs(cur, page_url) -> list[dict]:
    """Search documents for lessons and handouts' parent lessons (published first)."""
    docs = []
    for lesson in sorted(cur.lessons, key=lambda l: (not l.published, l.track, l.order, l.id)):
        track = cur.tracks[lesson.track]
        grades = " ".join(f"{g}학년" for g in lesson.grades)
        label = f"{track.name}" + (f" · {'·'.join(map(str, lesson.grades))}학년"
                                   if lesson.grades else "")
        label += f" · {lesson.periods}{track.unit} {track.minutes * lesson.periods}분"
        topics = " ".join(f"{cur.topics[t].name} {cur.topics[t].name_en}" for t in lesson.topics
                          if t in cur.topics)
        headings = " ".join(re.findall(r"(?m)^#{2,4}\s+(.+)$", lesson.body))
        handouts = " ".join(f"{h.title} {HANDOUT_KIND_SEARCH.get(h.kind, '')}"
                            for h in lesson.handout_files)
        docs.append({
            "url": page_url(lesson.path), "title": lesson.title, "label": label,
            "summary": lesson.summary or lesson.objectives[0],
            "fields": {"title": lesson.title, "topics": topics,
                       "objectives": " ".join(lesson.objectives),
                       "summary": lesson.summary,
                       "audience": f"{track.name} {track.short} {track.name_en} {grades} 수업 "
                                   f"{'연수' if track.audience == 'adult' else ''}",
                       "headings": headings + " " + handouts,
                       "body": plain(expand(lesson.body, cur.reference, html=False))}})
    return docs


def page_docs(pages) -> list[dict]:
    """Search documents for pages: (url, title, markdown, label, meta). `meta` may carry
    `keywords` (a list or text) and `search: {boost: N}` from the page's front matter."""
    docs = []
    for url, title, markdown, label, meta in pages:
        headings = " ".join(re.findall(r"(?m)^#{2,4}\s+(.+)$", markdown))
        first = next((l.strip() for l in plain(markdown).split("\n")
                      if len(l.strip()) > 20 and not l.strip().startswith("---")), "")
        keywords = meta.get("keywords") or ""
        if isinstance(keywords, list):
            keywords = " ".join(map(str, keywords))
        search = meta.get("search") if isinstance(meta.get("search"), dict) else {}
        boost = search.get("boost", 1)
        docs.append({"url": url, "title": title, "label": label,
                     "summary": str(meta.get("description") or first[:120]),
                     "boost": boost if isinstance(boost, (int, float)) and boost > 0 else 1,
                     "fields": {"title": title, "keywords": str(keywords),
                                "headings": headings, "body": plain(markdown)}})
    return docs
