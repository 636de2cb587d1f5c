"""Translated handouts (issue 14): loading, the front-matter checks, the staleness
warning, the required-translation report, the language tags of pages and PDFs, and each
script drawn alike by poppler, MuPDF and pdf.js.

The fixture translations are small and made for the tests (tests/fixtures/translations):
the tests do not depend on the translators' letters."""

import re
import shutil

import pytest

from conftest import FIXTURES, ROOT, SITE_URL, check

TR = FIXTURES / "translations"
LESSON = "lessons/middle/fake-photos"
LANGS = ("vi", "zh", "km", "ja", "en")
DANURI = """
danuri:
  name: 다누리콜센터
  phone: ["1577-1366"]
  hours: 24시간
  source: shared/reference/facts.md "Multicultural families in Jeonnam"
  checked: 2026-12-01
"""


def with_translations(repo, langs=LANGS):
    """The healthy fixture with a parent letter and its translations."""
    with open(repo / "contacts.yml", "a", encoding="utf-8") as f:
        f.write(DANURI)
    hdir = repo / LESSON / "handouts"
    shutil.copy(TR / "parent-letter.md", hdir)
    for lang in langs:
        shutil.copy(TR / f"parent-letter.{lang}.md", hdir)
    index = repo / LESSON / "index.md"
    index.write_text(index.read_text("utf-8").replace("handouts: [worksheet]",
                                                      "handouts: [worksheet, parent-letter]"),
                     "utf-8")
    # The real fonts (the fixture has none).
    shutil.copytree(ROOT / "fonts", repo / "fonts", dirs_exist_ok=True)
    return repo


def codes(loaded):
    return [f.code for f in loaded.report.findings]


def test_translations_load_without_findings(healthy):
    loaded = check(with_translations(healthy))
    assert [f for f in loaded.report.findings if f.code.startswith("translation")] == []
    lesson = next(l for l in loaded.curriculum.lessons if l.slug == "fake-photos")
    h = next(h for h in lesson.handout_files if h.name == "parent-letter")
    assert [t.lang for t in h.translations] == list(LANGS)
    assert all(t.draft and not t.stale for t in h.translations)
    assert "handout-unlisted" not in codes(loaded)


def test_body_hash_is_the_agreed_one():
    import hashlib
    from curriculum.translations import body_hash

    text = "---\ntitle: x\n---\n\n본문\n"
    assert body_hash(text) == hashlib.sha256("\n본문\n".encode()).hexdigest()[:12]
    assert body_hash(text.replace("\n", "\r\n")) == body_hash(text)


def test_stale_translation_names_both_files(healthy):
    repo = with_translations(healthy, ("vi",))
    src = repo / LESSON / "handouts" / "parent-letter.md"
    src.write_text(src.read_text("utf-8") + "\n새 문장을 더했습니다.\n", "utf-8")
    stale = [f for f in check(repo).report.findings if f.code == "translation-stale"]
    assert len(stale) == 1 and stale[0].severity == "warning"
    assert stale[0].path.endswith("parent-letter.vi.md")
    assert f"{LESSON}/handouts/parent-letter.md" in stale[0].message


@pytest.mark.parametrize("edit, code", [
    (lambda t: t.replace("status: draft", "status: reviewed"), "translation-review-missing"),
    (lambda t: t.replace("lang: vi", "lang: xx"), "translation-field"),
    (lambda t: t.replace("source_hash: ", "source_hash: zz"), "translation-field"),
    (lambda t: t.replace("title:", "titel:"), "translation-field"),
    (lambda t: t.replace("{{contact:danuri}}", "1577-1366"), "translation-help-missing"),
])
def test_front_matter_findings(healthy, edit, code):
    repo = with_translations(healthy, ("vi",))
    path = repo / LESSON / "handouts" / "parent-letter.vi.md"
    path.write_text(edit(path.read_text("utf-8")), "utf-8")
    assert code in codes(check(repo))


def test_reviewed_with_reviewer_is_fine(healthy):
    repo = with_translations(healthy, ("vi",))
    path = repo / LESSON / "handouts" / "parent-letter.vi.md"
    path.write_text(path.read_text("utf-8").replace(
        "status: draft", "status: reviewed\nreviewed_by: 이름 (기관)\nreviewed_on: 2026-12-10"),
        "utf-8")
    loaded = check(repo)
    assert not [c for c in codes(loaded) if c.startswith("translation")]
    h = next(h for l in loaded.curriculum.lessons for h in l.handout_files if h.translations)
    assert not h.translations[0].draft


def test_unknown_language_and_missing_source(healthy):
    repo = with_translations(healthy, ())
    hdir = repo / LESSON / "handouts"
    shutil.copy(TR / "parent-letter.vi.md", hdir / "parent-letter.xx.md")
    shutil.copy(TR / "parent-letter.vi.md", hdir / "poster.vi.md")
    found = codes(check(repo))
    assert "translation-lang-unknown" in found and "translation-source-missing" in found


def test_required_translations_warn_and_show_on_coverage(healthy):
    from curriculum.render.directives import coverage_table

    repo = with_translations(healthy, ("vi", "zh"))
    cfg = repo / "curriculum.yml"
    cfg.write_text(cfg.read_text("utf-8") + "\ntranslations:\n  parent-letter: [vi, zh, km]\n",
                   "utf-8")
    loaded = check(repo)
    missing = [f for f in loaded.report.findings if f.code == "translation-missing"]
    assert len(missing) == 1 and missing[0].severity == "warning" and "km" in missing[0].message
    table = coverage_table(loaded.curriculum, "coverage.md", [], None)
    assert "번역본" in table and "ភាសាខ្មែរ" in table
    cfg.write_text(cfg.read_text("utf-8").replace("[vi, zh, km]", "[vi, zz]"), "utf-8")
    assert "invalid-translations" in codes(check(repo)) or any(
        "translations" in f.message for f in check(repo).report.errors)


def test_pages_carry_the_language(healthy):
    from curriculum.render.translated import language_pages, translation_pages

    loaded = check(with_translations(healthy))
    pages = {p.path: p.markdown for p in translation_pages(loaded) + language_pages(loaded)}
    vi = pages[f"{LESSON}/handouts/parent-letter.vi.md"]
    assert '<div class="translation" lang="vi" markdown="1">' in vi
    assert "번역 검토 중" in vi and "Bản dịch đang được xem xét" in vi
    assert 'lang="zh-Hans"' in pages[f"{LESSON}/handouts/parent-letter.zh.md"]
    assert 'lang="km"' in pages["parents/km.md"]
    # The lesson's page for parents (the Korean letter's QR code) lists the translations.
    from curriculum.render.parents import parents_pages
    parents = parents_pages(loaded)[0].markdown
    for name in ("Tiếng Việt", "中文（简体）", "ភាសាខ្មែរ", "日本語", "English"):
        assert name in parents
    # Links are Markdown (MkDocs turns them into page addresses), never raw .md hrefs.
    for md in list(pages.values()) + [parents]:
        assert not re.search(r'href="[^"]*\.md"', md)


@pytest.fixture(scope="module")
def translated_pdfs(tmp_path_factory):
    """The fixture's translations printed (one render each, in parallel)."""
    from conftest import FIXTURES as F
    from curriculum.printing.build import build_print

    repo = tmp_path_factory.mktemp("tr") / "repo"
    shutil.copytree(F / "healthy", repo)
    loaded = check(with_translations(repo))
    out = build_print(loaded, SITE_URL, repo / ".build", packs=True)
    assert not out.report.findings, [f.text() for f in out.report.findings]
    return out


@pytest.mark.pdf
def test_pdf_language_tags_and_fonts(translated_pdfs):
    import pymupdf

    tags = {"vi": "vi", "zh": "zh-Hans", "km": "km", "ja": "ja", "en": "en"}
    assert {r.doc.variant for r in translated_pdfs.translated} == set(tags)
    for r in translated_pdfs.translated:
        with pymupdf.open(r.path) as pdf:
            root = pdf.xref_object(pdf.pdf_catalog())
            assert f"/Lang ({tags[r.doc.variant]})" in root, root
            fonts = {f[3] for f in pdf[0].get_fonts()}
            # TrueType outlines only (CID-keyed CFF draws blank in MuPDF and pdf.js).
            assert {f[1] for f in pdf[0].get_fonts()} <= {"ttf"}  # pymupdf: the font file type
            text = pdf[0].get_text()
        assert "1577-1366" in text
        assert "번역 검토 중" in text
        # Embedded under the family names of printing/translated.py (subset prefix first).
        want = {"vi": "NotoSans", "en": "NotoSans", "km": "NotoSansKhmer",
                "zh": "NotoSansSC", "ja": "NotoSansJP"}[r.doc.variant]
        assert any(f.split("+")[-1].replace("-", "") == f"Handout{want}" for f in fonts), fonts
    assert {p.lang for p in translated_pdfs.lang_packs} == set(tags)


@pytest.mark.pdf
def test_each_script_draws_alike_in_poppler_mupdf_and_pdfjs(translated_pdfs):
    """Page 1 of each translation: MuPDF and pdf.js draw at least 85% of poppler's ink
    (.build/translation-ink.json records the ratios)."""
    import json
    from test_readers import INK, mupdf_ink, pdfjs_inks, poppler_ink

    paths = {r.doc.variant: r.path for r in translated_pdfs.translated}
    pdfjs = pdfjs_inks(list(paths.values()))
    ratios = {}
    for lang, path in paths.items():
        ref = poppler_ink(path)
        ratios[lang] = {"mupdf": round(mupdf_ink(path) / ref, 3),
                        "pdfjs": round(pdfjs[str(path)] / ref, 3)}
    (ROOT / ".build").mkdir(exist_ok=True)
    (ROOT / ".build" / "translation-ink.json").write_text(json.dumps(ratios, indent=1))
    bad = {l: r for l, r in ratios.items() if min(r.values()) < INK}
    assert not bad, ratios


@pytest.mark.pdf
def test_a_character_no_font_draws_is_reported(tmp_path):
    from curriculum.printing.build import check_glyphs
    from curriculum.printing.translated import translation_documents
    from curriculum.findings import Report

    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "healthy", repo)
    with_translations(repo, ("ja",))
    path = repo / LESSON / "handouts" / "parent-letter.ja.md"
    path.write_text(path.read_text("utf-8") + "\n𠮷野家\n", "utf-8")  # U+20BB7: not in JIS level 1
    cur = check(repo).curriculum
    report = Report()
    check_glyphs(translation_documents(cur, None, repo / "fonts"), repo / "fonts", report)
    assert [f.code for f in report.findings] == ["translation-glyph-missing"]
    assert "U+20BB7" in report.findings[0].message


def test_languages_agree_with_the_spec():
    from curriculum import inputs
    from curriculum.printing.translated import FAMILIES
    from curriculum.translations import LANGS

    assert tuple(LANGS) == inputs.TRANSLATION_LANGS
    assert {LANGS[k].tag for k in LANGS} == {"vi", "zh-Hans", "km", "ja", "en", "fil", "ko"}
    for lang in LANGS.values():
        assert lang.draft and lang.name and all(f in FAMILIES for f in lang.fonts)
        for fam in lang.fonts:
            assert all((ROOT / "fonts" / f).is_file() for f, _ in FAMILIES[fam])


@pytest.mark.pdf
def test_language_packs_hold_every_letter_with_a_manifest(translated_pdfs):
    import json
    import zipfile

    for pack in translated_pdfs.lang_packs:
        with zipfile.ZipFile(pack.zip_path) as z:
            names = z.namelist()
            manifest = json.loads(z.read("manifest.json"))
        assert manifest["lang"] == pack.lang and len(manifest["letters"]) == pack.files == 1
        assert names[0].endswith(f"parent-letter.{pack.lang}.pdf") and "manifest.csv" in names


@pytest.mark.pdf
def test_a_translation_over_its_budget_is_a_warning(tmp_path):
    from curriculum.printing.build import build_print

    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "healthy", repo)
    with_translations(repo, ("en",))
    path = repo / LESSON / "handouts" / "parent-letter.en.md"
    path.write_text(path.read_text("utf-8") + "\nA long line of the letter.\n" * 60, "utf-8")
    out = build_print(check(repo), None, repo / ".build", packs=False)
    found = [(f.code, f.severity, f.path) for f in out.report.findings]
    assert found == [("translation-over-budget", "warning", f"{LESSON}/handouts/parent-letter.en.md")]
    assert re.search(r"`pages: [2-9]`", out.report.findings[0].hint)


def test_a_hash_of_digits_only_is_written_back_quoted_so_yaml_keeps_it_text():
    import yaml

    from curriculum.translations import yaml_text
    for h in ("012345678901", "339ada59b385", "123456789012"):
        line = f"source_hash: {yaml_text(h)}"
        assert yaml.safe_load(line)["source_hash"] == h, line
