"""The pull-request workflows: the report job is read-only, and the job that may write
never checks out or runs the pull request's code."""

from __future__ import annotations

from pathlib import Path

import yaml

WORKFLOWS = Path(__file__).resolve().parents[1] / ".github" / "workflows"


def load(name):
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads `on:` as true
    return data


def test_report_job_is_read_only():
    wf = load("change-report.yml")
    assert list(wf["on"]) == ["pull_request"]
    assert wf["permissions"] == {"contents": "read"}
    for job in wf["jobs"].values():
        assert "permissions" not in job


def test_comment_job_is_minimal_and_runs_no_pull_request_code():
    wf = load("change-report-comment.yml")
    assert list(wf["on"]) == ["workflow_run"]
    assert wf["permissions"] == {}
    (job,) = wf["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    uses = [s.get("uses", "") for s in job["steps"]]
    assert not any(u.startswith("actions/checkout") for u in uses)
    assert not any("run" in s for s in job["steps"])  # no shell steps at all
    script = job["steps"][-1]["with"]["script"]
    assert "curriculum-report" in script and "updateComment" in script
    assert "pr.head.sha !== process.env.RUN_HEAD_SHA" in script


FORMS = WORKFLOWS.parent / "ISSUE_TEMPLATE"


def test_issue_forms_in_korean_ask_for_lesson_page_and_what_is_wrong():
    names = {}
    for path in sorted(FORMS.glob("*.yml")):
        if path.name == "config.yml":
            continue
        form = yaml.safe_load(path.read_text(encoding="utf-8"))
        names[form["name"]] = form
        ids = [item["id"] for item in form["body"] if "id" in item]
        assert len(ids) == len(set(ids)), path
        for item in form["body"]:
            assert item["type"] in ("markdown", "input", "textarea", "dropdown", "checkboxes")
    assert set(names) == {"제안", "오류 신고", "새 수업 요청"}
    error_ids = {i["id"] for i in names["오류 신고"]["body"] if "id" in i}
    assert {"lesson", "page", "wrong"} <= error_ids


def test_new_lesson_form_lists_the_tracks_of_curriculum_yml():
    cfg = yaml.safe_load((WORKFLOWS.parents[1] / "curriculum.yml").read_text(encoding="utf-8"))
    form = yaml.safe_load((FORMS / "3-new-lesson.yml").read_text(encoding="utf-8"))
    options = next(i for i in form["body"] if i.get("id") == "track")["attributes"]["options"]
    assert [t["name"] for t in cfg["tracks"].values()] == options[:-1]
