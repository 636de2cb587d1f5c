"""Each check on its own: coverage, freshness, wording, phone numbers, output forms, CLI."""

import datetime as dt
import json
import subprocess
import sys

import pytest

from conftest import ROOT, TODAY, check, site_files
from curriculum.checks.coverage import coverage
from curriculum.checks.text import TextChecker, load_language_rules
from curriculum.findings import Report, format_report

LESSON = "lessons/middle/fake-photos/index.md"


def edit(root, path, old, new):
    p = root / path
    text = p.read_text()
    assert old in text
    p.write_text(text.replace(old, new))


def test_coverage_counts_only_published_lessons(healthy):
    edit(healthy, LESSON, "status: published", "status: draft")
    loaded = check(healthy)
    cov = coverage(loaded.curriculum)
    assert cov["middle"].published == 0 and cov["middle"].missing == ["synthetic-media", "law"]
    found = {(f.code, f.message.split("`")[1]) for f in loaded.report.errors}
    assert ("coverage-lessons", "middle") in found
    assert ("coverage-topic", "middle") in found
    msgs = " ".join(f.message for f in loaded.report.errors)
    assert "synthetic-media" in msgs and "law" in msgs


def test_coverage_names_the_missing_topic(healthy):
    edit(healthy, LESSON, "topics: [synthetic-media, law]", "topics: [synthetic-media]")
    errors = [f for f in check(healthy).report.errors if f.code == "coverage-topic"]
    lines = (healthy / "curriculum.yml").read_text().splitlines()
    assert len(errors) == 1 and "`law`" in errors[0].message
    assert lines[errors[0].line - 1] == "  middle:"


def test_review_older_than_twelve_months_is_a_warning(healthy):
    def stale(on):
        return [f for f in check(healthy, on=on).report.findings if f.code == "review-stale"]
    assert not stale(dt.date(2027, 10, 1))
    later = stale(dt.date(2027, 12, 1))
    assert [(f.path, f.severity) for f in later] == [(LESSON, "warning"),
                                                    ("lessons/parents/talking/index.md", "warning")]


def test_contact_not_checked_for_six_months_is_a_warning(healthy):
    report = check(healthy, on=TODAY + dt.timedelta(days=200)).report
    stale = [f for f in report.warnings if f.code == "contact-stale"]
    assert stale and all(f.path == "contacts.yml" for f in stale)
    lines = (healthy / "contacts.yml").read_text().splitlines()
    assert lines[stale[0].line - 1].strip().startswith("checked:")


@pytest.fixture(scope="module")
def checker():
    loaded = check(ROOT)
    return TextChecker(loaded.curriculum.reference, load_language_rules(ROOT, Report()))


def run(checker, text):
    report = Report()
    checker.check("x.md", text, 1, report)
    return [f.code for f in report.findings]


@pytest.mark.parametrize("text", [
    "신고는 117, 문자 #0117로 합니다.", "디성센터 02-735-8994", "1366이나 1388에 전화",
    "2024년 1,000명 중 948명", "제112조", "54.8%가 답했다", "2024도17801 판결",
    "[자료](https://www.moe.go.kr/boardCnt/boardView.do?boardSeq=101918)",
])
def test_phone_check_accepts_known_numbers_and_other_figures(checker, text):
    assert run(checker, text) == []


@pytest.mark.parametrize("text,code", [
    ("삭제는 1337에 요청", "unknown-phone"), ("02-735-8894로 전화", "unknown-phone"),
    ("문자 #1377", "unknown-phone"), ("담임 010-1234-5678", "personal-phone"),
    ("교사 메일 kim.teacher@naver.com", "personal-email"),
])
def test_phone_check_rejects_wrong_and_personal_numbers(checker, text, code):
    assert run(checker, text) == [code]


@pytest.mark.parametrize("text,code", [
    ("사진을 올리지 않았다면 괜찮았을 것이다.", "wording-blame-posting"),
    ("피해자에게도 책임이 있다.", "wording-blame-victim-share"),
    ("조심하지 않아서 생긴 일이다.", "wording-blame-careless"),
    ("한 번 퍼지면 인생이 끝난다.", "wording-fear-life-over"),
    ("She was asking for it.", "wording-blame-en-asking"),
])
def test_victim_blaming_and_fear_wording_fails(checker, text, code):
    assert run(checker, text) == [code]


@pytest.mark.parametrize("text", [
    "응답자의 13.6%가 피해자에게도 책임이 있다고 답했다.",
    "피해자에게도 책임이 있다는 생각은 잘못된 생각입니다.",
    '"조심하지 않아서" 같은 말은 하지 않는다.',
    "✗ 사진을 올리지 않았다면 괜찮았을 거야.",
    "겁을 주지 않고 할 수 있는 행동을 알려 준다.",
])
def test_quoting_a_myth_to_challenge_it_is_allowed(checker, text):
    assert run(checker, text) == []


def test_output_forms(healthy):
    edit(healthy, LESSON, "117에", "1337에")
    report = check(healthy).report
    text = format_report(report, "text")
    assert f"{LESSON}:40:" in text and "unknown-phone" in text and "hint:" in text
    gh = format_report(report, "github")
    assert f"::error file={LESSON},line=40," in gh
    data = json.loads(format_report(report, "json"))
    assert data["errors"] == 1 and data["findings"][0]["line"] == 40


def cli(*args, cwd=ROOT, env=None):
    return subprocess.run([sys.executable, "-m", "curriculum", *args], cwd=cwd,
                          capture_output=True, text=True, env=env)


def test_cli_exit_codes(healthy, tmp_path):
    assert cli("--root", str(healthy), "check").returncode == 0
    edit(healthy, LESSON, "## 전개 (35분)", "## 전개 (30분)")
    bad = cli("--root", str(healthy), "check")
    assert bad.returncode == 1 and f"{LESSON}:21:1 error phase-minutes-sum" in bad.stdout
    assert "Traceback" not in bad.stdout + bad.stderr
    assert cli("--root", str(healthy), "check", "--no-fail").returncode == 0
    missing = cli("--root", str(tmp_path / "nowhere"), "check")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_github_format_is_chosen_under_github_actions(healthy):
    import os
    edit(healthy, LESSON, "117에", "1337에")
    env = dict(os.environ, GITHUB_ACTIONS="true")
    out = cli("--root", str(healthy), "check", env=env).stdout
    assert out.startswith("::error file=")


def test_new_lesson_scaffold_passes_its_own_checks_except_review(healthy):
    before = site_files(healthy)
    result = cli("--root", str(healthy), "new", "middle", "new-topic")
    assert result.returncode == 0, result.stderr
    created = set(site_files(healthy)) - set(before)
    assert created == {"lessons/middle/new-topic/index.md"}
    report = check(healthy).report
    mine = [f for f in report.findings if "new-topic" in f.path]
    # the template is a draft; only its placeholder objective wording is flagged
    assert all(f.severity == "warning" for f in mine), mine
    assert cli("--root", str(healthy), "new", "nowhere", "x").returncode == 2


def test_code_spans_are_shown_not_checked_or_expanded(checker):
    from curriculum.macros import expand
    assert run(checker, "예: `1337`로 잘못 쓴 경우, `{{contact:키}}`") == []
    loaded = check(ROOT)
    out = expand("`{{contact:police}}` → {{contact:police}}", loaded.curriculum.reference)
    assert out.startswith("`{{contact:police}}` → **경찰** 112")


def test_parallel_loading_finds_the_same_as_serial(monkeypatch):
    from conftest import FIXTURES
    import curriculum.engine as engine
    monkeypatch.setattr(engine, "PARALLEL_FROM", 1)
    monkeypatch.setattr(engine, "PIECE", 3)  # many pieces, shared between the processes
    for root in (ROOT, FIXTURES / "broken"):
        serial = engine.load(root, on=TODAY, workers=1)
        parallel = engine.load(root, on=TODAY, workers=2)
        assert parallel.report.sorted() == serial.report.sorted()
        assert sorted(l.id for l in parallel.curriculum.lessons) == \
            sorted(l.id for l in serial.curriculum.lessons)


def test_required_worksheets_and_parent_letters(healthy):
    cfg = healthy / "curriculum.yml"
    cfg.write_text(cfg.read_text().replace(
        "      topics: [synthetic-media, law]\n      lessons: 1\n",
        "      topics: [synthetic-media, law]\n      lessons: 1\n      parent_letters: 1\n").replace(
        "      topics: [family-talk]\n      lessons: 1\n",
        "      topics: [family-talk]\n      lessons: 1\n      worksheet_per_lesson: true\n"))
    found = {(f.path, f.code) for f in check(healthy).report.errors}
    assert found == {("curriculum.yml", "parent-letter-missing"),
                     ("lessons/parents/talking/index.md", "worksheet-missing")}


def test_serve_watches_the_curriculum_sources():
    import importlib.util

    spec = importlib.util.spec_from_file_location("hooks", ROOT / "curriculum" / "mkdocs_hooks.py")
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)

    class Server:
        watched = []

        def watch(self, path):
            self.watched.append(path)

    class Config:
        config_file_path = str(ROOT / "mkdocs.yml")

    hooks.on_startup(command="serve", dirty=False)
    server = hooks.on_serve(Server(), Config(), None)
    assert {str(ROOT / n) for n in ("lessons", "curriculum.yml", "contacts.yml")} <= set(server.watched)
    assert hooks._state["serving"] is True


@pytest.mark.parametrize("text, ok", [("다누리콜센터 1577-1366으로 전화하세요.", True),
                                      ("1577-1234로 전화하세요.", False)])
def test_four_digit_service_numbers_must_be_in_contacts(checker, text, ok):
    assert (run(checker, text) == []) is ok


def test_links_between_lessons_are_resolved_across_worker_processes(healthy, monkeypatch):
    """Each worker knows only its own lessons' files; a link to another lesson's file is
    settled by the parent: a real one passes, a wrong one is reported, in both modes."""
    import curriculum.engine as engine
    monkeypatch.setattr(engine, "PARALLEL_FROM", 1)
    index = healthy / "lessons" / "parents" / "talking" / "index.md"
    index.write_text(index.read_text(encoding="utf-8")
                     + "\n[중학교 수업](../../middle/fake-photos/index.md)\n"
                     + "[중학교 활동지](../../middle/fake-photos/handouts/nothing-here.md)\n",
                     encoding="utf-8")
    for workers in (1, 2):
        found = [(f.path, f.code, f.message) for f in
                 engine.load(healthy, on=TODAY, workers=workers).report.sorted()
                 if f.code == "broken-link"]
        assert found == [("lessons/parents/talking/index.md", "broken-link",
                          "`../../middle/fake-photos/handouts/nothing-here.md` does not lead "
                          "to any page or file of the site")], workers


def test_the_keyword_pass_finds_every_word_and_every_run_of_digits(checker):
    """One regex pass looks for a tail of each keyword and for the runs of digits: on
    every real lesson and handout it must lead to every rule and needle whose word the
    text holds, and find the runs of digits a pass of their own finds."""
    from curriculum.checks.text import NUMBERISH, choose_tails, scan_word

    words = {k for r in checker.rules for k in r.keywords} | checker.needles
    tails = choose_tails(words, 10)
    for word, tail in tails.items():
        assert word.endswith(tail) and (len(tail) >= 2 or tail == word), word
    # Fewer first characters than each word's rarest start: a cheaper pass.
    assert len({t[0] for t in tails.values()}) < len({scan_word(w)[0] for w in words})
    assert checker.numbers_too
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "lessons").rglob("*.md"))]
    assert len(texts) > 50
    for text in texts:
        found, numbers = set(), []
        for m in checker.keywords.finditer(text):
            if m.group()[0].isdigit():
                numbers.append(m.span())
            else:
                found.add(m.group())
        assert numbers == [m.span() for m in NUMBERISH.finditer(text)]
        rules = set().union(*(checker.keyword_rules[w] for w in found)) if found else set()
        needles = set().union(*(checker.word_needles[w] for w in found)) if found else set()
        for rule in checker.rules:
            if any(k in text for k in rule.keywords):
                assert rule.id in rules, rule.id
        assert {n for n in checker.needles if n in text} <= needles
