"""A failed build leaves sources and the last good site alone; a curriculum that falls
short still builds, and its coverage page shows the gap."""

import hashlib
import os
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT, site_files

pytestmark = pytest.mark.site

MKDOCS_YML = """site_name: 테스트
theme:
  name: material
  custom_dir: overrides
  language: custom
  font: false
hooks:
  - curriculum/mkdocs_hooks.py
markdown_extensions:
  - toc:
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds: {case: lower}
  - tables
  - attr_list
  - md_in_html
  - admonition
  - curriculum.markdown_ext
"""


@pytest.fixture
def repo(tmp_path):
    dst = tmp_path / "repo"
    shutil.copytree(FIXTURES / "healthy", dst)
    shutil.copytree(ROOT / "overrides", dst / "overrides")
    shutil.copytree(ROOT / "scripts", dst / "scripts")
    (dst / "curriculum").mkdir()
    shutil.copy(ROOT / "curriculum" / "mkdocs_hooks.py", dst / "curriculum" / "mkdocs_hooks.py")
    (dst / "mkdocs.yml").write_text(MKDOCS_YML)
    return dst


def build(repo):
    # PDFs have their own tests; here they would only slow the build down.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CURRICULUM_NO_PDF="1")
    return subprocess.run([sys.executable, "scripts/build_site.py"], cwd=repo, env=env,
                          capture_output=True, text=True)


def tree_hash(folder):
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def test_failed_build_keeps_last_good_site_and_sources(repo):
    first = build(repo)
    assert first.returncode == 0, first.stderr
    assert (repo / "site" / "lessons" / "middle" / "fake-photos" / "index.html").exists()
    good = tree_hash(repo / "site")

    # A link to nowhere in a guide is a warning, and --strict turns it into a failure.
    guide = repo / "docs" / "guides" / "respond.md"
    guide.write_text(guide.read_text() + "\n[없는 쪽](nowhere.md)\n")
    sources = site_files(repo)
    second = build(repo)
    assert second.returncode != 0
    assert "left as it was" in second.stderr
    assert tree_hash(repo / "site") == good
    assert site_files(repo) == sources
    assert not [p for p in (repo / ".build").iterdir() if p.name.startswith("site-")]


def test_shortfall_still_builds_and_coverage_shows_the_gap(repo):
    lesson = repo / "lessons" / "middle" / "fake-photos" / "index.md"
    lesson.write_text(lesson.read_text().replace("status: published", "status: draft"))
    sources = site_files(repo)
    result = build(repo)
    assert result.returncode == 0, result.stderr
    coverage = (repo / "site" / "coverage" / "index.html").read_text("utf-8")
    assert "부족한 곳" in coverage and 'class="cov-missing"' in coverage
    assert site_files(repo) == sources


def test_broken_lesson_is_left_out_not_fatal(repo):
    lesson = repo / "lessons" / "middle" / "fake-photos" / "index.md"
    lesson.write_text(lesson.read_text().replace("title: 가짜 사진, 진짜 피해", "title: 가짜: 사진"))
    guide = repo / "docs" / "guides" / "respond.md"  # it links to that lesson
    guide.write_text(guide.read_text().replace(
        "[가짜 사진, 진짜 피해 수업](../lessons/middle/fake-photos/index.md)", ""))
    result = build(repo)
    assert result.returncode == 0, result.stderr
    assert not (repo / "site" / "lessons" / "middle" / "fake-photos").exists()
