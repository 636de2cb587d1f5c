"""Bad input of every kind becomes a finding with a file and line, never a traceback."""

import os

import pytest

from conftest import ROOT, check, site_files
from curriculum.findings import Report
from curriculum.source import parse_yaml, split_front_matter

LESSON = "lessons/middle/fake-photos/index.md"


def codes(root):
    return {(f.path, f.code) for f in check(root).report.findings}


def test_healthy_fixture_has_no_findings(healthy):
    assert check(healthy).report.findings == []


def test_binary_file(healthy):
    (healthy / LESSON).write_bytes(b"---\nid: x\n\x00\x01\x02 binary")
    assert (LESSON, "binary-file") in codes(healthy)


def test_wrong_encoding_points_at_the_line(healthy):
    text = (healthy / LESSON).read_text("utf-8")
    (healthy / LESSON).write_bytes(text.encode("cp949"))
    found = [f for f in check(healthy).report.findings if f.code == "encoding"]
    assert found and found[0].path == LESSON and found[0].line == 3  # first Hangul: the title
    assert "UTF-8" in found[0].hint


def test_huge_file(healthy):
    (healthy / LESSON).write_text("---\n" + "x" * (1024 * 1024 + 10))
    assert (LESSON, "file-too-large") in codes(healthy)


def test_symlinked_lesson_file_and_folder(healthy, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text((healthy / LESSON).read_text())
    (healthy / LESSON).unlink()
    os.symlink(outside, healthy / LESSON)
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", healthy / "lessons/middle/linked")
    hdir = healthy / "lessons/parents/talking/handouts"
    os.symlink(tmp_path / "elsewhere", hdir)
    found = codes(healthy)
    assert (LESSON, "symlink") in found
    assert ("lessons/middle/linked", "symlink") in found
    assert ("lessons/parents/talking/handouts", "symlink") in found


def test_link_to_nowhere_and_a_folder_named_like_a_lesson_file(healthy):
    (healthy / LESSON).unlink()
    os.symlink(healthy / "no-such-file.md", healthy / LESSON)
    assert (LESSON, "symlink") in codes(healthy)
    (healthy / LESSON).unlink()
    (healthy / LESSON).mkdir()
    # A folder is not a file: the lesson folder has no index.md.
    assert (os.path.dirname(LESSON), "lesson-index-missing") in codes(healthy)


def test_yaml_that_is_not_a_mapping(healthy):
    (healthy / LESSON).write_text("---\n- just\n- a list\n---\n\n본문\n")
    assert (LESSON, "front-matter-not-mapping") in codes(healthy)


def test_impossible_date_is_a_finding(healthy):
    text = (healthy / LESSON).read_text().replace("reviewed: 2026-11-01", "reviewed: 2026-13-45")
    (healthy / LESSON).write_text(text)
    assert (LESSON, "yaml-value") in codes(healthy)


def test_wrong_types_in_lists_point_at_the_item(healthy):
    text = (healthy / LESSON).read_text().replace("grades: [1, 2, 3]", "grades:\n  - 1\n  - 둘")
    (healthy / LESSON).write_text(text)
    f = [f for f in check(healthy).report.findings if f.code == "invalid-grades"]
    assert f and f[0].line == 7


def test_broken_config_files_do_not_crash(healthy):
    (healthy / "curriculum.yml").write_text("tracks: [\n")
    (healthy / "contacts.yml").write_bytes(b"\xff\xfe\x00")
    found = codes(healthy)
    assert ("curriculum.yml", "yaml-syntax") in found
    assert ("contacts.yml", "binary-file") in found


def test_checking_writes_nothing(healthy):
    before = site_files(healthy)
    check(healthy)
    assert site_files(healthy) == before


def test_front_matter_split_keeps_line_numbers():
    fm, fm_line, body, body_line = split_front_matter("---\na: 1\nb: 2\n---\n첫 줄\n")
    assert fm == "a: 1\nb: 2\n" and fm_line == 2
    assert body == "첫 줄\n" and body_line == 5


@pytest.mark.parametrize("text,line", [("a: 1\nb: [1,\n", 3), ("a: 1\n  b: 2\n", 2)])
def test_yaml_errors_carry_their_line(text, line):
    report = Report()
    data, _ = parse_yaml(text, "x.md", 2, report)
    assert data is None and report.findings[0].code == "yaml-syntax"
    assert report.findings[0].line == line + 1


def test_plan_lines_are_found_as_the_line_regex_finds_them():
    """body._lines finds candidate lines with str.find; it must yield exactly the lines
    (and line numbers) that INTERESTING, run over the whole body, matches."""
    import random

    from curriculum.body import INTERESTING, _lines

    def by_regex(body, first):
        line, last = first, 0
        for m in INTERESTING.finditer(body):
            line += body.count("\n", last, m.start())
            last = m.start()
            yield line, body[m.start():].split("\n", 1)[0]

    rng = random.Random(7)
    pieces = ["#", "## ", "### 활동", " ", "\t", "\n", "\n\n", "◈", "※", "- ", "* ", "1. ",
              "가", "a", "+", "\u3000"]
    bodies = [("".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))) for _ in range(3000)]
    bodies += [p.read_text("utf-8") for p in sorted(ROOT.glob("lessons/*/*/index.md"))]
    for body in bodies:
        assert list(_lines(body, 5)) == list(by_regex(body, 5)), repr(body)


@pytest.mark.parametrize("where", ["repository", "broken"])
def test_a_build_loads_without_the_reporting_checks_and_makes_the_same_pages(where):
    """The MkDocs adapter and `curriculum stage` load with checks=False (the check runs on
    its own before a build): every generated page and file is the same as after the whole
    check, and what loading alone finds is a part of what the check finds."""
    from conftest import FIXTURES, TODAY
    from curriculum.engine import load
    from curriculum.render.outputs import generated_files, generated_pages

    root = ROOT if where == "repository" else FIXTURES / "broken"
    full, build = load(root, on=TODAY), load(root, on=TODAY, checks=False)
    assert [(p.path, p.markdown, p.source) for p in generated_pages(build, None)] == \
        [(p.path, p.markdown, p.source) for p in generated_pages(full, None)]
    assert [(f.site_path, f.path, f.content) for f in generated_files(build, None)] == \
        [(f.site_path, f.path, f.content) for f in generated_files(full, None)]
    found = {(f.path, f.line, f.code) for f in full.report.findings}
    assert {(f.path, f.line, f.code) for f in build.report.findings} <= found
    assert len(build.report.findings) < len(found) or where == "repository"


def test_the_plan_reader_agrees_with_the_line_by_line_reader():
    """parse_body finds headings with str.find and ◈/※ lines only inside phases; the
    line-by-line reader (kept for bodies with fenced code) must read every real lesson
    and these odd cases the same way."""
    from curriculum.body import _parse_lines, parse_body
    from curriculum.engine import load
    bodies = [l.body for l in load(ROOT).curriculum.lessons]
    bodies += [
        "# 제목\n## 도입 (5분)\n- ◈ 카드\n※ 주의 ◈ 섞임\n### 활동\n◈ 준비\n## 전개 (30분)\n"
        "#not a heading\n####### seven\n  - ◈ 들여쓴 준비물\n\u3000◈ 전각 공백\n## 정리 (5분)\n※ 끝",
        "## 준비물\n- ◈ 종이\n## 도입(5분)\n◈ 없음 ※ 둘 다\n## 2차시 전개 (40분)\n### A\n※ 메모",
        "",
        "## 도입 (5분)",
        "글만 있는 본문\n◈ 단계 밖의 준비물",
        # 준비물 (materials): the first level-2 section of that name, to the next
        # heading of level 1 or 2, or to the end.
        "## 준비물 ##\n- 가\n### 세부\n- 나\n# 제목\n- 다\n## 준비물\n- 라",
        "### 준비물\n- 아님\n##준비물\n- 아님\n## 도입 (5분)\n## 준비물\n1. 끝까지\n* ◈ 둘",
    ]
    for body in bodies:
        assert parse_body(body, 7) == _parse_lines(body, 7), body[:80]
