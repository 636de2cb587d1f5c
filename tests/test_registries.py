"""Law, organisation and block registries, the macros that cite them, and the checks
that keep facts said once: penalties and procedures come from the registry, a former
name is marked as former, and any corruption of any YAML input is a finding."""

import datetime as dt
import re

import pytest

from conftest import edit, FIXTURES, TODAY, check
from curriculum.cli import main
from curriculum.macros import expand, penalty_words, won
from curriculum.model import Offence


@pytest.fixture(scope="module")
def ref():
    loaded = check(FIXTURES / "healthy")
    assert loaded.report.findings == []
    return loaded.curriculum.reference


def codes(root, on=TODAY):
    return {(f.path, f.code) for f in check(root, on).report.findings}


# --- words ------------------------------------------------------------------------

@pytest.mark.parametrize("amount, words", [(50_000_000, "5천만 원"), (3_000_000, "300만 원"),
                                           (100_000_000, "1억 원"), (12_345, "12,345원")])
def test_money_is_written_as_korean_law_writes_it(amount, words):
    assert won(amount) == words


def test_penalty_words():
    assert penalty_words(Offence("x", prison_max=7, fine=50_000_000)) == \
        "7년 이하의 징역 또는 5천만 원 이하의 벌금"
    assert penalty_words(Offence("x", prison_min=5, life=True)) == "무기징역 또는 5년 이상의 징역"
    assert penalty_words(Offence("x", prison_min=3)) == "3년 이상의 징역"
    assert penalty_words(Offence("x", administrative_fine=3_000_000)) == "300만 원 이하의 과태료"


# --- expansion ----------------------------------------------------------------------

def test_law_forms_render_from_the_registry_inside_data_law(ref):
    out = expand("{{law:sexual-crimes-14-2}} / {{law:sexual-crimes-14-2|full}} / "
                 "{{law:sexual-crimes-14-2.possess|penalty}} / {{law:child-protection-67|penalty}}",
                 ref)
    assert '<span data-law="sexual-crimes-14-2">성폭력처벌법 제14조의2</span>' in out
    assert "「성폭력범죄의 처벌 등에 관한 특례법」 제14조의2(허위영상물 등의 반포등)" in out
    assert '<span data-law="sexual-crimes-14-2.possess">3년 이하의 징역 또는 3천만 원 이하의 벌금' in out
    assert "300만 원 이하의 과태료" in out


def test_search_text_has_the_same_words_without_markup(ref):
    out = expand("{{law:sexual-crimes-14-2.make}}", ref, html=False)
    assert out == "7년 이하의 징역 또는 5천만 원 이하의 벌금(성폭력처벌법 제14조의2)"


def test_block_keeps_indentation_and_expands_its_own_macros(ref):
    out = expand("!!! note\n\n    {{block:disclosure/lesson}}\n", ref)
    assert '    <div class="block" data-block="disclosure/lesson" markdown>' in out
    assert "    - 그날 바로 학교장과 학교폭력 전담기구에 알린다. **경찰** 112" in out


def test_code_and_unknown_ids_stay_as_written(ref):
    text = "`{{law:sexual-crimes-14-2}}` and {{law:nope}}\n\n```\n{{block:disclosure/lesson}}\n```"
    assert expand(text, ref) == text


def test_org_macro_gives_the_current_name(ref):
    assert expand("{{org:gender-equality-ministry}}", ref) == "성평등가족부"


def test_law_table_directive_is_generated_from_the_registry(ref):
    out = expand("<!-- curriculum:law-table -->", ref)
    assert 'data-law="sexual-crimes-14-2.make"' in out and "300만 원 이하의 과태료" in out
    assert "law.go.kr" in out


# --- checks ---------------------------------------------------------------------------

LESSON = "lessons/middle/fake-photos/index.md"




@pytest.mark.parametrize("macro, code", [
    ("{{law:sexual-crimes-14}}", "law-unknown"),
    ("{{law:sexual-crimes-14-2.sell}}", "law-unknown"),
    ("{{law:sexual-crimes-14-2|penalty}}", "law-form"),
    ("{{law:sexual-crimes-14-2|short}}", "law-form"),
    ("{{org:women-ministry}}", "org-unknown"),
    ("{{contact:polce}}", "unknown-contact"),
    ("{{phone:police}}", "macro-unknown-kind"),
    ("앞 {{block:disclosure/lesson}}", "block-inline"),
    ("\n{{block:disclosure/staff}}\n", "block-unknown"),
])
def test_a_wrong_macro_is_a_finding_with_file_and_line(healthy, macro, code):
    edit(healthy, LESSON, "- 실제 이미지는 보여 주지 않는다.", "- 실제 이미지는 보여 주지 않는다.\n" + macro)
    found = [f for f in check(healthy).report.findings if f.code == code]
    assert found and found[0].path == LESSON and found[0].line >= 40


def test_a_penalty_typed_by_hand_names_the_macro_to_use(healthy):
    edit(healthy, "docs/guides/respond.md", "3. 즉시", "만들면 7년 이하의 징역 또는 5천만 원 이하의 벌금.\n3. 즉시")
    found = [f for f in check(healthy).report.findings if f.code == "penalty-by-hand"]
    assert {f.path for f in found} == {"docs/guides/respond.md"}
    assert "{{law:sexual-crimes-14-2.make|penalty}}" in found[0].hint


def test_a_penalty_shown_as_a_wrong_example_or_in_code_is_allowed(healthy):
    edit(healthy, "docs/guides/respond.md", "3. 즉시",
          "✗ \"소지도 7년\"은 잘못 알려진 말입니다.\n\n`징역 7년`\n\n3. 즉시")
    assert ("docs/guides/respond.md", "penalty-by-hand") not in codes(healthy)


def test_a_former_name_must_be_marked_as_former(healthy):
    edit(healthy, "docs/guides/respond.md", "3. 즉시", "여성가족부에 알립니다.\n3. 즉시")
    assert ("docs/guides/respond.md", "former-name") in codes(healthy)
    edit(healthy, "docs/guides/respond.md", "여성가족부에", "성평등가족부(옛 여성가족부)에")
    assert ("docs/guides/respond.md", "former-name") not in codes(healthy)


def test_a_contact_former_name_counts_too(healthy):
    edit(healthy, "contacts.yml", "kcsc:\n", "kcsc:\n  former: [{name: 옛날위원회, until: 2025-09-30}]\n")
    edit(healthy, "docs/guides/respond.md", "3. 즉시", "옛날위원회에 신고.\n3. 즉시")
    # "옛날위원회" starts with 옛 but is the name itself: still unmarked
    assert ("docs/guides/respond.md", "former-name") in codes(healthy)


def test_a_track_that_requires_a_block_finds_a_lesson_without_it(healthy):
    edit(healthy, LESSON, "{{block:disclosure/lesson}}", "학교장에게 알린다.")
    assert (LESSON, "block-missing") in codes(healthy)


def test_stale_registry_entries_are_warnings_naming_their_source(healthy):
    found = [f for f in check(healthy, on=dt.date(2027, 9, 1)).report.findings
             if f.code == "registry-stale"]
    paths = {f.path for f in found}
    assert {"reference/laws.yml", "reference/organisations.yml",
            "blocks/disclosure/lesson.md"} <= paths
    assert all(f.severity == "warning" for f in found)
    assert any("law.go.kr" in f.message for f in found)


# --- corruption of every YAML input ---------------------------------------------------

CORRUPTIONS = [
    ("curriculum.yml", "review_months: 12", "review_months: twelve"),
    ("curriculum.yml", "review_months: 12", "review_months: 0"),
    ("curriculum.yml", "site:\n", "site: [a, b]\nold_site:\n"),
    ("curriculum.yml", "contact_check_months: 6", "contact_check_months: 6\n  guide_help: police"),
    ("curriculum.yml", "contact_check_months: 6", "contact_check_months: 6\n  colour: blue"),
    ("curriculum.yml", "minutes: 45", "minutes: 45분"),
    ("curriculum.yml", "audience: student", "audience: students"),
    ("curriculum.yml", "blocks: [disclosure]", "blocks: [discloser]"),
    ("curriculum.yml", "lessons: 1", "lessons: one"),
    ("curriculum.yml", "help: [police, school-violence, d4u]", "help: [police, polce]"),
    ("curriculum.yml", "tracks:", "tracks: 3\nold:"),
    ("contacts.yml", 'phone: ["112"]', "phone: 112"),
    ("contacts.yml", "checked: 2026-11-25", "checked: yesterday"),
    ("contacts.yml", "police:\n", "police:\n  colour: blue\n"),
    ("contacts.yml", "kcsc:\n", "kcsc:\n  former: [{until: 2025-09-30}]\n"),
    ("language-rules.yml", "pattern: ", "pattern: \"(\"\n  old: "),
    ("language-rules.yml", "- id: ", "- 3\n- id: "),
    ("reference/laws.yml", "prison: {max: 7}", "prison: {max: seven}"),
    ("reference/laws.yml", "article: 제14조의2", "article: 14조"),
    ("reference/laws.yml", "fine: 50000000", "fine: 50000000\n      colour: red"),
    ("reference/laws.yml", "source: https://www.law.go.kr/법령/성폭력범죄의처벌등에관한특례법",
     "source: 국가법령정보센터"),
    ("reference/laws.yml", "penalty: {administrative_fine: 3000000}", "penalty: {}"),
    ("reference/organisations.yml", "until: 2025-09-30", "until: soon"),
    ("reference/organisations.yml", "name: 성평등가족부", "name: [성평등가족부]"),
    ("blocks/disclosure/lesson.md", "audience: teacher", "audience: kids"),
    ("blocks/disclosure/lesson.md", "title: 학생이 털어놓을 때 (수업 교사용)\n", ""),
    ("blocks/disclosure/lesson.md", "- 끝까지", "{{block:disclosure/lesson}}\n- 끝까지"),
    ("lessons/middle/fake-photos/handouts/worksheet.md", "---\n", "---\npages: two\n"),
]


@pytest.mark.parametrize("name, old, new", CORRUPTIONS, ids=[f"{c[0]}:{c[2][:24]}" for c in CORRUPTIONS])
def test_any_corruption_of_any_yaml_input_is_a_finding_and_exit_1(healthy, capsys, name, old, new):
    edit(healthy, name, old, new)
    rc = main(["--root", str(healthy), "check", "--format", "text"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err and rc == 1, out.out + out.err
    assert re.search(rf"^{re.escape(name)}:\d+:\d+ error ", out.out, re.M), out.out


@pytest.mark.parametrize("name", ["curriculum.yml", "contacts.yml", "language-rules.yml",
                                  "reference/laws.yml", "reference/organisations.yml"])
@pytest.mark.parametrize("content", [b"\xff\xfe\x00binary", b"a: [unclosed", b"- just\n- a list\n",
                                     "\ufeffkey: 값\n  bad indent: x\n".encode()])
def test_unreadable_yaml_files_are_findings(healthy, capsys, name, content):
    (healthy / name).write_bytes(content)
    rc = main(["--root", str(healthy), "check", "--format", "text"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err and rc == 1, out.out + out.err
    assert re.search(rf"^{re.escape(name)}:\d+:\d+ error ", out.out, re.M), out.out


# --- standards and sequence fields ----------------------------------------------------------

def test_standards_name_an_area_or_a_bracketed_code(healthy):
    edit(healthy, "curriculum.yml", "topics:\n", "areas:\n  safety-violence: {name: 폭력예방 및 신변보호, "
          "source: 교육부 고시}\n\ntopics:\n")
    edit(healthy, LESSON, "handouts: [worksheet]", "handouts: [worksheet]\nstandards: [safety-violence, \"[9정04-02]\"]")
    assert not [f for f in check(healthy).report.findings if f.path == LESSON]
    edit(healthy, LESSON, "standards: [safety-violence,", "standards: [safety-violense,")
    found = [f for f in check(healthy).report.findings if f.code == "invalid-standards"]
    assert found and "safety-violence" in found[0].message


def test_a_lesson_that_builds_on_others_says_what_to_change_alone(healthy):
    edit(healthy, LESSON, "handouts: [worksheet]", "handouts: [worksheet]\nstands_alone: false")
    assert (LESSON, "when-alone-missing") in codes(healthy)
    edit(healthy, LESSON, "stands_alone: false", "stands_alone: false\nwhen_alone: 도입에서 약속을 먼저 정한다.")
    assert (LESSON, "when-alone-missing") not in codes(healthy)


def test_schedule_drives_the_scope_and_sequence_table(healthy):
    from curriculum.render.directives import expand_directives
    edit(healthy, LESSON, "handouts: [worksheet]",
          "handouts: [worksheet]\nschedule: [{grade: 1}, {grade: 2, scene: 2학년 장면}]")
    loaded = check(healthy)
    assert not [f for f in loaded.report.findings if f.path == LESSON]
    out = expand_directives("<!-- curriculum:scope-sequence -->", "guides/x.md",
                            loaded.curriculum, loaded.rules, None)
    assert "2학년" in out and "(2학년 장면)" in out and "3학년" in out and "정해지지 않음" in out
    edit(healthy, LESSON, "{grade: 1}", "{grade: 4}")
    assert (LESSON, "invalid-schedule") in codes(healthy)
