# Two entry points for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# `make run` keeps its demo database in the checkout; tests never see it.
DEMO_DB ?= $(CURDIR)/.duban-demo

.PHONY: run test lint bench install clean

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

# The style is held by tools, not by review: lint, format and types, before any test runs.
lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .duban-demo build *.egg-info
