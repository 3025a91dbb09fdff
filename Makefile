# Ground Up: the front door. `make help` lists the targets; each creates .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
export NO_MKDOCS_2_WARNING := 1
.PHONY: help venv serve build offline test test-fast lint validate links schema bench clean


help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,lint,generators]"
	touch $(STAMP)

venv: $(STAMP) ## Create the virtualenv and install everything
	@true

serve: $(STAMP) ## Build and serve the site at http://127.0.0.1:8000/ground-up/, rebuilding when cases, data or docs change (restart after changing src/)
	$(BIN)/mkdocs serve

build: $(STAMP) ## Build the site into site/ (fails on any content error or warning); run `make offline` first to publish the offline zip with it
	$(BIN)/mkdocs build --strict

offline: $(STAMP) ## Build the offline edition into site-offline/ and dist/ground-up-offline.zip
	$(BIN)/mkdocs build --strict -f mkdocs.offline.yml
	$(BIN)/python -m casebook.package site-offline dist/ground-up-offline.zip

test: $(STAMP) ## Run the test suite (every layer: unit, builds, browser)
	$(BIN)/pytest

test-fast: $(STAMP) ## Run the unit layer only: no site build, no browser (seconds)
	$(BIN)/pytest -m "not build and not browser"

lint: $(STAMP) ## Lint, format check, type check; audit the CI files with zizmor (offline)
	$(BIN)/ruff check src hooks tests bench
	$(BIN)/ruff format --check src hooks tests bench
	$(BIN)/mypy
	$(BIN)/zizmor --offline --quiet .

validate: $(STAMP) ## Check every case file and vocabulary
	$(BIN)/casebook validate --strict

links: $(STAMP) ## Check every source URL and archived copy (uses the network); report in link-report.json
	$(BIN)/casebook check-links --out link-report.json

schema: $(STAMP) ## Regenerate data/case.schema.json and frontmatter.json from the field specs and vocabularies
	$(BIN)/casebook schema --write data/case.schema.json
	$(BIN)/casebook frontmatter --write frontmatter.json

bench: $(STAMP) ## Benchmarks for N=100, 1,000, 5,000 (hook vs plain on real cases: 100, 1,000): tables, bench/results.json (~9 min)
	$(BIN)/python bench/run.py

clean: ## Remove the virtualenv and build output
	rm -rf $(VENV) site site-offline dist .pytest_cache .mypy_cache .ruff_cache
