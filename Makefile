# Tasks for editors and CI. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve build test screenshots lock clean

help: ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/mkdocs: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.tests: $(BIN)/mkdocs requirements-test.txt
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-test.txt
	touch $@

serve: $(BIN)/mkdocs ## Serve the site on http://127.0.0.1:8000, reloading on every edit
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(BIN)/mkdocs ## Build the site for publishing into site/ (set SITE_URL first)
	$(BIN)/mkdocs build --strict

test: $(VENV)/.tests ## Run every test
	$(BIN)/python -m pytest

screenshots: $(VENV)/.tests build ## Screenshots of every page (phone, desktop, light, dark)
	$(BIN)/python scripts/screenshots.py site screenshots

lock: ## Re-pin requirements*.txt from requirements*.in (needs uv)
	uv pip compile requirements.in --generate-hashes --python-version 3.11.7 -o requirements.txt
	uv pip compile requirements-test.in --generate-hashes --python-version 3.11.7 -o requirements-test.txt

clean: ## Remove the build, the screenshots and the virtual environment
	rm -rf site screenshots $(VENV)
