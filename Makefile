# Everything a teacher, editor or CI needs, from a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
STAMP  := $(VENV)/.installed

VNU    := .build/tools/vnu.jar
VNU_VERSION := 26.9.27

.PHONY: site serve check test test-fast golden bench bench-check schema browser clean

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

## The Nu HTML Checker (npm package vnu-jar; runs on the machine's Java).
$(VNU):
	@command -v java >/dev/null || { echo "Java is needed for the HTML checker (apt-get install default-jre-headless)"; exit 1; }
	mkdir -p .build/tools
	cd .build/tools && npm pack --silent vnu-jar@$(VNU_VERSION) >/dev/null && \
	  tar xzf vnu-jar-$(VNU_VERSION).tgz package/build/dist/vnu.jar && \
	  mv package/build/dist/vnu.jar vnu.jar && rm -rf package vnu-jar-$(VNU_VERSION).tgz

## make site: check (reporting, not blocking), then build site/ (kept if the build fails)
site: $(STAMP)
	$(PY) -m curriculum check --no-fail
	$(PY) scripts/build_site.py

## make serve: preview on http://127.0.0.1:8000, reloading on lesson changes
serve: $(STAMP)
	$(VENV)/bin/mkdocs serve

## make check: the pull-request gate (exit 1 on any error, including a coverage shortfall
## and a handout over its page budget; PDFs come from the cache in .build/)
check: $(STAMP)
	$(PY) -m curriculum check --pdf

## make test: the whole test suite
test: $(STAMP) browser $(VNU)
	$(PY) -m pytest

## make test-fast: everything but the browser, site-build and PDF tiers (no Chromium,
## Java or WeasyPrint rendering; seconds, not minutes)
test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser and not site and not pdf"

## make golden: rewrite tests/golden/ (the whole report on the broken fixtures) after an
## intended change to a message, hint or code; review it with `git diff tests/golden/`
golden: $(STAMP)
	$(PY) -m pytest -q tests/test_golden.py --update-golden

## make bench: corpora of 100 / 500 / 1,000 / 5,000 lessons replicated from the real ones;
## prints the figures (builds sites: many minutes)
bench: $(STAMP) browser
	$(PY) scripts/bench.py

## make bench-check: only the check, on 500 and 5,000 lessons replicated from the real
## ones (target: 5,000 under 3 s); no site builds
bench-check: $(STAMP)
	$(PY) scripts/bench.py --check-only

## make schema: regenerate schema/lesson.schema.json after changing fields or curriculum.yml
schema: $(STAMP)
	$(PY) -m curriculum schema --write

clean:
	rm -rf site .build
