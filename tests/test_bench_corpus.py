"""The benchmark corpus is the real curriculum replicated: lessons at full length with
their handouts, and as clean under the check as the real one."""

import sys

from conftest import ROOT, check

sys.path.insert(0, str(ROOT / "scripts"))
from make_corpus import describe, make_corpus, real_lessons  # noqa: E402


def test_replicated_lessons_are_whole_real_lessons_and_check_clean(tmp_path):
    n = len(real_lessons()) + 3
    corpus = make_corpus(n, tmp_path / "corpus")
    made, real = describe(corpus), describe(ROOT)
    assert made["lessons"] == n
    assert made["handouts"] >= real["handouts"]
    assert abs(made["kb_per_lesson"] - real["kb_per_lesson"]) / real["kb_per_lesson"] < 0.1
    first = real_lessons()[0]
    copy = corpus / "lessons" / first.parent.name / first.name
    assert sorted(p.name for p in copy.rglob("*")) == sorted(p.name for p in first.rglob("*"))
    loaded = check(corpus)
    assert len(loaded.curriculum.lessons) == n
    # Required translations (curriculum.yml) the translators have not delivered yet are
    # warnings of their own; everything else checks clean.
    assert [f for f in loaded.report.findings if f.code != "translation-missing"] == []
