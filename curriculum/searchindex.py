"""The site's Korean search: one tokenizer for the index (here) and for the query (the
browser, overrides/assets/search.js), both driven by curriculum/search_rules.json, and
the table of how people ask (search.yml: synonyms, kinds of question, deep-linked
pages), tokenised here once and carried in the index to the browser.

`search()` below ranks exactly as search.js does (the tests compare the two on the
whole evaluation set); it lets the tests and an editor try queries without a browser.

Why not Material's stock search: its Korean support only trims and drops stop words,
so "딥페이크를" misses pages saying "딥페이크" and words beside 「」·“” vanish. A
morphological analyser (kiwipiepy) would do better at build time, but the browser
cannot run it on the query, and a query normalised differently from the index misses.
A small suffix stripper plus two-syllable pieces is identical on both sides, works
offline and keeps the index a fraction of the stock one.
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict, deque
from itertools import chain, repeat
from pathlib import Path

from dataclasses import dataclass, field

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


def _by_length(suffixes) -> list[tuple[int, set[str]]]:
    """Suffixes grouped by length, longest first."""
    groups: dict[int, set[str]] = {}
    for suffix in suffixes:
        groups.setdefault(len(suffix), set()).add(suffix)
    return sorted(groups.items(), reverse=True)


_KO_ENDS, _EN_ENDS = _by_length(SUFFIXES), _by_length(EN_SUFFIXES)


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The word without its longest listed ending that leaves a long enough stem. A
    word ends with at most one suffix of each length, so one set lookup per length
    finds what trying all hundred suffixes in turn did (cached too: a site's words
    repeat, 11,000 distinct in 140,000)."""
    ends, keep = (_KO_ENDS, MIN_STEM) if word[0] >= "가" else (_EN_ENDS, 3)
    for k, suffixes in ends:
        if len(word) - k >= keep and word[-k:] in suffixes:
            return word[:-k]
    return word


def pieces(s: str) -> list[str]:
    """Two-syllable pieces of a Hangul stem of three syllables or more."""
    if s[0] < "가" or len(s) < 3:
        return []
    return [s[i:i + 2] for i in range(len(s) - 1)]


def is_piece(s: str) -> bool:
    """A two-syllable Hangul word: it may stand inside longer words as a piece."""
    return len(s) == 2 and s[0] >= "가"


PARTICLES = set(SUFFIXES)


def tokens(text: str) -> list[str]:
    """Stems of a text, in order (the same as tokenize() in search.js). A particle
    standing alone (split off by punctuation, as in “딥페이크”는) is dropped."""
    text = unicodedata.normalize("NFC", text).lower()
    return [stem(w) for w in TOKEN.findall(text) if w not in PARTICLES]


@functools.lru_cache(maxsize=1 << 16)
def _piece_terms(s: str) -> tuple[str, ...]:
    return tuple("~" + p for p in pieces(s))


class _PerWord(dict):
    """word -> what `make` gives for it, made on the first lookup: counting through a
    dict's own lookup (map over the words) stays in C, one Python call per new word."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, word):
        value = self[word] = self.make(word)
        return value


# A word's index terms: its stem and the stem's pieces. A particle standing alone gives
# "" (no stem is empty): the particles' count, dropped after counting.
_TERMS_OF = _PerWord(lambda w: ("",) if w in PARTICLES else (stem(w),) + _piece_terms(stem(w)))


def term_counts(text: str) -> tuple[Counter, int]:
    """Index terms of a text with their counts (each stem, and its pieces marked with
    '~' counted as often as the stem), and how many words it has (stems, not pieces).
    Counted in one pass in C over the words: the search index was the largest part of
    the engine's share of a build."""
    words = TOKEN.findall(unicodedata.normalize("NFC", text).lower())
    counts = Counter(chain.from_iterable(map(_TERMS_OF.__getitem__, words)))
    return counts, len(words) - counts.pop("", 0)


def terms(text: str) -> Counter:
    """Index terms of a text: each stem, and its pieces marked with '~'."""
    return term_counts(text)[0]


# Links and pictures (their words kept), tags, macros and Markdown's marks. Each
# alternative starts with a fixed character (`!?[` written as two alternatives, the marks
# one by one), so the regex engine skips to the next such character instead of trying
# every alternative at every character of every page indexed.
MD_NOISE = re.compile(r"!\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)|<[^>]+>|\{\{[^}]*\}\}"
                      r"|#|\*|_|>|`|\|")


def plain(markdown: str) -> str:
    return MD_NOISE.sub(lambda m: m.group(1) or m.group(2) or " ", markdown)


@dataclass
class SearchWords:
    """search.yml, tokenised: every phrase is a list of stems."""

    synonyms: list = field(default_factory=list)  # [(asks, finds)], each a list of stem lists
    intents: list = field(default_factory=list)  # [(id, asks, pages, boost, optional)]
    sections: list = field(default_factory=list)  # docs/ paths indexed question by question
    lines: dict = field(default_factory=dict)  # search.yml paths -> lines, for findings

    def as_json(self) -> dict:
        return {"synonyms": [[a, f] for a, f in self.synonyms],
                "intents": [[a, p, b, int(o)] for _, a, p, b, o in self.intents]}


def load_search_words(root: Path, report) -> SearchWords:
    """search.yml, checked against its spec (inputs.SEARCH_WORDS): a wrong value is a
    finding at its line; a phrase with no searchable word (only particles or
    punctuation) is a finding too."""
    from . import inputs
    from .source import load_yaml_file
    from .spec import line_of, report_problems, validate

    name = "search.yml"
    data, lines = load_yaml_file(root, name, report, required=False)
    if not isinstance(data, dict):
        return SearchWords()
    problems = validate(data, inputs.SEARCH_WORDS)
    report_problems(problems, name, lines, report)
    bad = {p.path[:2] for p in problems if len(p.path) >= 2 and p.kind != "unknown-key"}
    words = SearchWords(lines=lines)

    def phrases(key, i, part, values):
        out = []
        for j, text in enumerate(values):
            toks = tokens(str(text))
            if toks:
                out.append(toks)
            else:
                report.add(name, line_of(lines, (key, i, part, j)), "search-word-empty",
                           f"`{text}` holds no word the search can find",
                           "write a word of two syllables or more, or a phrase; particles "
                           "alone (을, 에서) are dropped from every query")
        return out

    for i, item in enumerate(data.get("synonyms") or []):
        if ("synonyms", i) in bad or not isinstance(item, dict):
            continue
        asks, finds = phrases("synonyms", i, "ask", item["ask"]), phrases("synonyms", i,
                                                                         "find", item["find"])
        if asks and finds:
            words.synonyms.append((asks, finds))
    for i, item in enumerate(data.get("intents") or []):
        if ("intents", i) in bad or not isinstance(item, dict):
            continue
        asks = phrases("intents", i, "ask", item["ask"])
        if asks:
            words.intents.append((item["id"], asks, list(item["pages"]),
                                  int(item.get("boost") or 2), bool(item.get("optional"))))
    if ("sections",) not in {p.path[:1] for p in problems}:
        words.sections = [str(x) for x in data.get("sections") or []]
    return words


def check_search_pages(words: SearchWords, urls: set[str], docs: set[str], report) -> None:
    """Every page an intent names exists in the site (`urls`: site addresses); every
    deep-linked page is a page of docs/ (`docs`: their paths)."""
    from .spec import line_of

    for i, (ident, _, pages, _, _) in enumerate(words.intents):
        for j, prefix in enumerate(pages):
            page = prefix.split("#", 1)[0]  # a question of a page: the page must exist
            if not any(u.startswith(page) for u in urls):
                report.add("search.yml", line_of(words.lines, ("intents", i, "pages", j)),
                           "search-page-unknown", f"intent `{ident}`: no page of the site "
                           f"is at `{prefix}`", "write a page's address as the site shows "
                           "it, e.g. guides/help/ (a folder such as guides/ takes all its pages)")
    for j, path in enumerate(words.sections):
        if path not in docs:
            report.add("search.yml", line_of(words.lines, ("sections", j)),
                       "search-page-unknown", f"sections: `{path}` is not a page of docs/",
                       "write the path of a page under docs/, e.g. guides/faq.md")


class _FieldWeights(dict):
    """tf -> w * (1 + log tf) of one field's weight w, made on the first lookup."""

    def __init__(self, w: float):
        super().__init__()
        self.w = w

    def __missing__(self, tf: int) -> float:
        value = self[tf] = self.w * (1 + math.log(tf))
        return value


def build_index(docs: list[dict], words: SearchWords | None = None) -> dict:
    """docs: {url, title, label, summary, fields: {field: text}} -> compact JSON index.

    Postings are flat lists [doc, weight, doc, weight, …] with weights × 10 as integers;
    idf is left to the browser, which knows how many documents there are.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    lengths = []
    weights = {f: _FieldWeights(w) for f, w in WEIGHTS.items()}
    ten = 10.0 .__mul__
    for n, doc in enumerate(docs):
        # A term's score sums its fields' weighted counts in the order of the fields.
        # Per field, the weights are looked up and the dicts built in C (map, zip); a
        # Python step only for the terms an earlier field already holds. Millions of
        # (document, term) pairs at 1,000 lessons: this loop was the index's main cost.
        score: dict[str, float] = {}
        length = 0
        for field, text in doc["fields"].items():
            wl = weights[field]
            counts, words_ = term_counts(text)
            length += words_
            add = dict(zip(counts, map(wl.__getitem__, counts.values())))
            for term in score.keys() & add.keys():
                add[term] = score[term] + add[term]
            score.update(add)
        lengths.append(length)
        # postings[term] += [n, max(1, round(score * 10))] for every term, in C.
        deque(map(list.extend, map(postings.__getitem__, score),
                  zip(repeat(n), map(max, repeat(1), map(round, map(ten, score.values()))))),
              maxlen=0)
    boosts = [float(d.get("boost", 1)) for d in docs]
    return {
        "version": 2,
        "rules": {k: RULES[k] for k in ("min_stem", "suffixes", "en_suffixes")},
        "docs": [[d["url"], d["title"], d["label"], d["summary"]] for d in docs],
        "lengths": lengths,  # words per document, for BM25's length normalisation
        "boosts": boosts,  # front matter `search: {boost: N}`, as in Material
        "words": (words or SearchWords()).as_json(),  # search.yml, tokenised
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
        if lesson.easy_read:
            label += " · 쉬운 글"
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
                                   f"{'연수' if track.audience == 'adult' else ''}"
                                   f"{' 쉬운 글 쉬운글 특수교육 특수학급 easy read' if lesson.easy_read else ''}",
                       "headings": headings + " " + handouts,
                       "body": plain(expand(lesson.body, cur.reference, html=False))}})
    return docs


def _first_words(markdown: str, limit: int = 120) -> str:
    """The first sentence-like line of a text, as plain words (a snippet)."""
    first = next((l.strip() for l in plain(markdown).split("\n")
                  if len(l.strip()) > 20 and not l.strip().startswith("---")), "")
    first = re.sub(r"\s+", " ", first)
    return first if len(first) <= limit else first[:limit - 1].rstrip() + "…"


def catalog_docs(cur, page_url, catalog_path) -> list[dict]:
    """A document per track's lesson list ("초등학교 1~2학년 수업")."""
    docs = []
    for key, track in cur.tracks.items():
        lessons = cur.lessons_of(key, published_only=True)
        title = f"{track.name} 수업"
        grades = " ".join(f"{g}학년" for g in track.grades)
        docs.append({
            "url": page_url(catalog_path(key)), "title": title, "label": "수업 목록",
            "summary": f"게시된 수업 {len(lessons)}개: " + ", ".join(l.title for l in lessons),
            "boost": 0.8,
            "fields": {"title": title,
                       "keywords": f"{track.name} {track.short} {track.name_en} {grades} "
                                   "수업 목록 수업안",
                       "body": " ".join(f"{l.title} {l.summary}" for l in lessons)}})
    return docs


def topic_docs(cur, page_url, topic_path) -> list[dict]:
    """A document per topic page ("동의와 경계")."""
    docs = []
    for key, topic in cur.topics.items():
        lessons = [l for l in cur.lessons if l.published and key in l.topics]
        docs.append({
            "url": page_url(topic_path(key)), "title": f"주제: {topic.name}",
            "label": "주제별 수업",
            "summary": f"이 주제의 수업 {len(lessons)}개: " + ", ".join(l.title for l in lessons),
            "boost": 0.8,
            "fields": {"title": topic.name, "keywords": f"{topic.name_en} 주제 수업",
                       "body": " ".join(l.title for l in lessons)}})
    return docs


def handout_docs(cur, page_url, handout_path) -> list[dict]:
    """A document per handout's screen page, without its answers (teacher blocks)."""
    from .printing.source import strip_teacher
    from .vocab import HANDOUT_KIND_LABELS

    docs = []
    for lesson in cur.lessons:
        if not lesson.published:
            continue
        track = cur.tracks[lesson.track]
        for h in lesson.handout_files:
            kind = HANDOUT_KIND_LABELS.get(h.kind, h.kind)
            body = plain(expand(strip_teacher(h.body), cur.reference, html=False))
            docs.append({
                "url": page_url(handout_path(lesson, h.name)), "title": h.title,
                "label": f"{kind} · {track.name}",
                "summary": f"{lesson.title} 수업의 {kind} (A4 {h.pages}쪽)",
                "boost": 0.5,
                "fields": {"title": h.title,
                           "keywords": f"{HANDOUT_KIND_SEARCH.get(h.kind, kind)} {track.name} "
                                       f"{track.short} 인쇄",
                           "body": body}})
    return docs


def heading_id(text: str) -> str:
    """The id the site gives a heading (mkdocs.yml: toc slugify, pymdownx.slugs with
    case: lower): the anchor of a deep link."""
    from pymdownx.slugs import slugify

    return slugify(case="lower")(text, "-")


QUESTION_BOOST = 0.8


def section_docs(url: str, title: str, markdown: str, label: str, meta: dict) -> list[dict]:
    """A page of questions (`## …` sections), one document per question, each opening
    the page at its question; and the page itself, found by its title and keywords."""
    parts = re.split(r"(?m)^##\s+(.+)$", markdown)
    keywords = meta.get("keywords") or ""
    if isinstance(keywords, list):
        keywords = " ".join(map(str, keywords))
    search = meta.get("search") if isinstance(meta.get("search"), dict) else {}
    boost = search.get("boost", 1)
    boost = boost if isinstance(boost, (int, float)) and boost > 0 else 1
    docs = [{"url": url, "title": title, "label": label,
             "summary": str(meta.get("description") or _first_words(parts[0])),
             "boost": boost, "fields": {"title": title, "keywords": str(keywords)}}]
    for heading, body in zip(parts[1::2], parts[2::2]):
        heading = plain(heading).strip()
        question = re.sub(r"^\d+\.\s*", "", heading)
        # A question is short: length normalisation already favours it over whole
        # pages, so it does not take the page's boost too.
        docs.append({"url": f"{url}#{heading_id(heading)}", "title": question,
                     "label": title, "summary": _first_words(body), "boost": QUESTION_BOOST,
                     "fields": {"title": question, "body": plain(body)}})
    return docs


def page_docs(pages) -> list[dict]:
    """Search documents for pages: (url, title, markdown, label, meta). `meta` may carry
    `keywords` (a list or text) and `search: {boost: N}` from the page's front matter."""
    docs = []
    for url, title, markdown, label, meta in pages:
        headings = " ".join(re.findall(r"(?m)^#{2,4}\s+(.+)$", markdown))
        first = _first_words(markdown)
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


# --- ranking (the same as search.js) -------------------------------------------------

K1, B = 6.0, 0.35  # k1 suits the field weights (a title counts ten); b: long lessons are not drowned
SYNONYM = 0.8  # a synonym counts a little less than the word itself
PIECES = 0.6  # the two-syllable pieces of a word, together


def _spans(toks: list[str], groups) -> list[tuple[int, int, int]]:
    """(start, length, group) of every phrase of `groups` (lists of stem lists) found
    in the query; the longest first, none overlapping another."""
    found = []
    for g, phrases in enumerate(groups):
        for phrase in phrases:
            n = len(phrase)
            for i in range(len(toks) - n + 1):
                if toks[i:i + n] == phrase:
                    found.append((i, n, g))
    found.sort(key=lambda f: (-f[1], f[0], f[2]))
    taken, out = set(), []
    for i, n, g in found:
        if not taken.intersection(range(i, i + n)):
            taken.update(range(i, i + n))
            out.append((i, n, g))
    return out


def plan(index: dict, query: str):
    """(units, intents) of a query. A unit is one thing the query asks for: a list of
    (factor, stems) alternatives, and whether a page must hold it; a synonym adds its
    `find` phrases to the words it covers; the words of an `optional` intent (내가,
    우리 아이) need not be held. Intents: (pages, boost) of the kinds of question the
    query holds."""
    toks = tokens(query)
    words = index.get("words") or {}
    synonyms = words.get("synonyms") or []
    intents = words.get("intents") or []
    spans = _spans(toks, [asks for asks, _ in synonyms])
    fired_spans = _spans(toks, [it[0] for it in intents])
    optional = set()
    for i, n, g in fired_spans:
        if intents[g][3]:
            optional.update(range(i, i + n))
    at = {i: (n, g) for i, n, g in spans}
    units, seen, i = [], set(), 0
    while i < len(toks):
        if i in at:
            n, g = at[i]
            alts = [(1.0, toks[i:i + n])] + [(SYNONYM, f) for f in synonyms[g][1]]
        else:
            n = 1
            alts = [(1.0, [toks[i]])]
        needed = not all(k in optional for k in range(i, i + n))
        i += n
        key = "|".join(" ".join(a) for _, a in alts)
        if key not in seen:
            seen.add(key)
            units.append((alts, needed))
    fired = [(intents[g][1], intents[g][2], intents[g][3]) for _, _, g in fired_spans]
    return units, fired


LANDING = 3  # a question of an `optional` intent shows its page within the top 3


def _land(out: list, fired: list, docs: list) -> list:
    """A student's or a parent's question lands on their page: the first `optional`
    intent (in the order of search.yml) the query holds puts its first page within
    the top three, whether or not the page holds the query's words."""
    intents = [pages for pages, _, optional in fired if optional]
    if not intents:
        return out
    home = next((d for d in range(len(docs)) if docs[d][0] == intents[0][0]), None)
    if home is None or any(d == home for _, d in out[:LANDING]):
        return out
    found = next((r for r in out if r[1] == home), (0.0, home))
    rest = [r for r in out if r[1] != home]
    rest.insert(min(LANDING - 1, len(rest)), found)
    return rest


def search(index: dict, query: str) -> list[dict]:
    """Every matching document, best first: BM25 over the field-weighted counts; a
    document gains for each unit of the query it holds (the word, less for its pieces
    or a synonym); documents holding more of the query lead; intent pages and page
    boosts multiply."""
    units, fired = plan(index, query)
    docs, lengths, terms = index["docs"], index["lengths"], index["terms"]
    n = len(docs)
    if not units or not n:
        return []
    avglen = (sum(lengths) / n) or 1
    total = [0.0] * n
    matched = [0.0] * n

    def add(post, factor, score, hit):
        if not post:
            return
        idf = math.log(1 + n / (len(post) / 2))
        for k in range(0, len(post), 2):
            d, tf = post[k], post[k + 1] / 10
            norm = K1 * (1 - B + B * lengths[d] / avglen)
            score[d] += idf * factor * tf * (K1 + 1) / (tf + norm)
            hit[d] = 1

    needed = sum(1 for _, need in units if need) or 1
    for alts, need in units:
        best = [0.0] * n
        best_hit = [0.0] * n
        for factor, stems in alts:
            score = [0.0] * n
            hits = [0] * n
            for stem_ in stems:
                hit = [0] * n
                add(terms.get(stem_), factor, score, hit)
                ps = pieces(stem_)
                for p_ in ps:
                    add(terms.get("~" + p_), factor * PIECES / len(ps), score, hit)
                if is_piece(stem_):  # a two-syllable word inside longer words (합성 → 합성물)
                    add(terms.get("~" + stem_), factor * PIECES, score, hit)
                for d in range(n):
                    hits[d] += hit[d]
            for d in range(n):
                if score[d] > best[d]:
                    best[d] = score[d]
                if hits[d] / len(stems) > best_hit[d]:
                    best_hit[d] = hits[d] / len(stems)
        for d in range(n):
            total[d] += best[d]
            if need:
                matched[d] += best_hit[d]
    boosts = index.get("boosts") or [1] * n
    out = []
    for d in range(n):
        if total[d] > 0:
            lift = 1.0
            for pages, boost, _ in fired:
                if any(docs[d][0].startswith(p) for p in pages) and boost > lift:
                    lift = boost
            frac = min(1.0, matched[d] / needed)
            out.append((total[d] * (frac * frac) * boosts[d] * lift, d))
    out.sort(key=lambda r: (-r[0], r[1]))
    out = _land(out, fired, docs)
    return [{"url": docs[d][0], "title": docs[d][1], "label": docs[d][2],
             "summary": docs[d][3], "score": sc} for sc, d in out]
