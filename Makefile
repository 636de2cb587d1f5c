# Everything a teacher, editor or CI needs, from a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
STAMP  := $(VENV)/.installed

VNU    := .build/tools/vnu.jar
VNU_VERSION := 26.9.27
# pdf.js as Firefox ships it (6.x needs Node 22: the npm package of Node's own binary
# for this machine, so the system's Node 20 is not touched).
PDFJS  := .build/tools/pdfjs/.installed
PDFJS_VERSION := 6.5.438
NAPI_CANVAS_VERSION := 1.1.1
NODE_VERSION := 22.23.5
NODE_ARCH := $(if $(filter aarch64 arm64,$(shell uname -m)),arm64,x64)
# The handout fonts, as kept in fonts/ (see fonts/README.md; `make fonts` re-fetches them).
PRETENDARD_GOV_VERSION := 1.3.9
PRETENDARD_GOV_SHA256 := eed5dc88f4b699bf9543f5c3c77057370f3a541f85f46315b6f2485d2770716c
NOTO_CORE_VERSION := 20201225-1
NOTO_CJK_VERSION := 1:20220127+repack1-1

.PHONY: site serve check test test-fast golden bench bench-check schema browser poppler fonts clean \
	codeowners report bench-builders

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	@touch $(STAMP)

## Debian's Chromium for the browser tests (Playwright never downloads a browser here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Debian's chromium (sudo apt-get install chromium) for the browser tests"; exit 1; fi; }

## poppler (pdftoppm, pdftotext): the reference drawing and text of the PDFs in the tests.
poppler:
	@command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	  else echo "Install Debian's poppler-utils (sudo apt-get install poppler-utils) for the PDF tests"; exit 1; fi; }

## pdf.js (npm pdfjs-dist) with its canvas and Node 22, pinned, for the PDF drawing test.
$(PDFJS):
	@command -v npm >/dev/null || { echo "npm is needed for the pdf.js drawing test (apt-get install npm)"; exit 1; }
	rm -rf .build/tools/pdfjs && mkdir -p .build/tools/pdfjs
	cd .build/tools/pdfjs && echo '{"private": true}' > package.json && \
	  npm install --silent --no-audit --no-fund --no-package-lock --no-save \
	    pdfjs-dist@$(PDFJS_VERSION) @napi-rs/canvas@$(NAPI_CANVAS_VERSION) \
	    node-linux-$(NODE_ARCH)@$(NODE_VERSION) >/dev/null
	@touch $(PDFJS)

## The Nu HTML Checker (npm package vnu-jar; runs on the machine's Java).
$(VNU):
	@command -v java >/dev/null || { echo "Java is needed for the HTML checker (apt-get install default-jre-headless)"; exit 1; }
	mkdir -p .build/tools
	cd .build/tools && npm pack --silent vnu-jar@$(VNU_VERSION) >/dev/null && \
	  tar xzf vnu-jar-$(VNU_VERSION).tgz package/build/dist/vnu.jar && \
	  mv package/build/dist/vnu.jar vnu.jar && rm -rf package vnu-jar-$(VNU_VERSION).tgz

## make site: check (reporting, not blocking), then build site/ (kept if the build fails);
## BUILDER=zensical stages every page and PDF (curriculum stage) and builds with Zensical
BUILDER ?= mkdocs
site: $(STAMP)
	$(PY) -m curriculum check --no-fail
	$(PY) scripts/build_site.py --builder $(BUILDER)

## make serve: preview on http://127.0.0.1:8000, reloading on lesson changes
serve: $(STAMP)
	$(VENV)/bin/mkdocs serve

## make check: the pull-request gate (exit 1 on any error, including a coverage shortfall
## and a handout over its page budget; PDFs come from the cache in .build/)
check: $(STAMP)
	$(PY) -m curriculum check --pdf

## make test: the whole test suite
test: $(STAMP) browser poppler $(VNU) $(PDFJS)
	$(PY) -m pytest

## make test-fast: everything but the browser, site-build and PDF tiers (no Chromium,
## Java or WeasyPrint rendering; seconds, not minutes)
test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser and not site and not pdf"

## make golden: rewrite tests/golden/ (the whole report on the broken fixtures) after an
## intended change to a message, hint or code; review it with `git diff tests/golden/`
golden: $(STAMP)
	$(PY) -m pytest -q tests/test_golden.py --update-golden

## make fonts: fetch the handout fonts again (pinned) and check them against fonts/SHA256SUMS
fonts:
	rm -rf .build/fonts && mkdir -p .build/fonts
	cd .build/fonts && npm pack --silent pretendard-gov@$(PRETENDARD_GOV_VERSION) >/dev/null && \
	  echo "$(PRETENDARD_GOV_SHA256)  pretendard-gov-$(PRETENDARD_GOV_VERSION).tgz" | sha256sum -c --quiet && \
	  tar xzf pretendard-gov-$(PRETENDARD_GOV_VERSION).tgz package/dist/LICENSE.txt \
	    package/dist/public/static/alternative/PretendardGOV-Regular.ttf \
	    package/dist/public/static/alternative/PretendardGOV-Bold.ttf && \
	  apt-get download fonts-noto-core=$(NOTO_CORE_VERSION) >/dev/null 2>&1 && \
	  dpkg-deb -x fonts-noto-core_*.deb noto && \
	  cp package/dist/public/static/alternative/*.ttf noto/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf . && \
	  cp noto/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf noto/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf \
	    noto/usr/share/fonts/truetype/noto/NotoSansKhmer-Regular.ttf noto/usr/share/fonts/truetype/noto/NotoSansKhmer-Bold.ttf . && \
	  apt-get download fonts-noto-cjk=$(NOTO_CJK_VERSION) >/dev/null 2>&1 && \
	  dpkg-deb -x fonts-noto-cjk_*.deb cjk && \
	  ../../$(PY) ../../scripts/make_cjk_fonts.py cjk/usr/share/fonts/opentype/noto . >/dev/null && \
	  cmp package/dist/LICENSE.txt ../../fonts/LICENSE.txt && \
	  (cd ../../fonts && sha256sum -c SHA256SUMS --quiet) && sha256sum -c ../../fonts/SHA256SUMS --quiet
	@echo "fonts/ matches pretendard-gov $(PRETENDARD_GOV_VERSION), fonts-noto-core $(NOTO_CORE_VERSION) and fonts-noto-cjk $(NOTO_CJK_VERSION) (converted by scripts/make_cjk_fonts.py)"

## make bench: corpora of 100 / 500 / 1,000 / 5,000 lessons replicated from the real ones;
## prints the figures (builds sites: many minutes)
bench: $(STAMP) browser
	$(PY) scripts/bench_builders.py
	$(PY) scripts/bench.py

## make bench-builders: the same pages built three ways (project, bare Material on the
## staged files, Zensical on the staged files), cold and warm, at 100 and 1,000 lessons
bench-builders: $(STAMP)
	$(PY) scripts/bench_builders.py

## make bench-check: only the check, on 500 and 5,000 lessons replicated from the real
## ones (target: 5,000 under 3 s); no site builds
bench-check: $(STAMP)
	$(PY) scripts/bench.py --check-only

## make codeowners: regenerate .github/CODEOWNERS from `maintainers:` in curriculum.yml
codeowners: $(STAMP)
	$(PY) -m curriculum codeowners --write

## make report BASE=origin/main: the change report (Korean Markdown and first-page PNGs
## of changed handouts) in .build/report/
BASE ?= origin/main
report: $(STAMP)
	$(PY) -m curriculum report --base $(BASE)

## make schema: regenerate schema/lesson.schema.json after changing fields or curriculum.yml
schema: $(STAMP)
	$(PY) -m curriculum schema --write

clean:
	rm -rf site .build
