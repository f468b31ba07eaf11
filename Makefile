# Two entry points for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# `make run` keeps its demo database in the checkout; tests never see it.
DEMO_DB ?= $(CURDIR)/.duban-demo

.PHONY: run test lint typecheck bench install clean quick

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

install: $(STAMP)

# First use builds the demo database (the built-in Linwu plan as of 2020-10-15), then opens it.
run: $(STAMP)
	@test -f "$(DEMO_DB)/meta.json" || $(BIN)/duban --db "$(DEMO_DB)" demo
	$(BIN)/duban --db "$(DEMO_DB)"

test: $(TEST_STAMP) lint
	$(BIN)/python -m pytest -q -p no:cacheprovider

# The loop to run while working: everything but the tests marked slow (LibreOffice, CalDAV, the
# benchmark harness, processes racing each other, long dashboard sessions, hypothesis-heavy ones).
quick: $(TEST_STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider -m "not slow"

# The style is held by tools, not by review: lint, format and types, before any test runs.
lint: $(TEST_STAMP) typecheck
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy cannot follow setuptools' editable mapping (core/ installs as duban.core), so it reads the
# folders through a farm of relative symlinks laid out as the installed package.
TYPECHECK := build/typecheck
typecheck: $(TEST_STAMP)
	@mkdir -p $(TYPECHECK)/duban
	@ln -sfn ../../../duban/__init__.py $(TYPECHECK)/duban/__init__.py
	@for d in core plugins cli tui calendars reports; do ln -sfn ../../../$$d $(TYPECHECK)/duban/$$d; done
	cd $(TYPECHECK) && ../../$(BIN)/mypy --config-file ../../pyproject.toml --python-executable ../../$(BIN)/python -p duban.core -p duban.plugins -p duban.calendars

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .duban-demo build *.egg-info
