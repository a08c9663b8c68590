# Two commands for a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# A far-future clock for `make test-clock` (libfaketime; reaches subprocesses and LibreOffice too).
FUTURE ?= 2031-06-15 12:00:00

.PHONY: demo test test-fast test-clock lint templates clean bench

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/python -m toolkit_demo

# axe-core for the browser tests (tests/test_service_browser.py), pinned in tests/a11y/package-lock.json.
A11Y := tests/a11y/node_modules/axe-core/axe.min.js
$(A11Y): tests/a11y/package-lock.json
	@if command -v npm >/dev/null; then cd tests/a11y && npm ci --no-audit --no-fund --silent; \
	else echo "npm is missing: the accessibility tests will skip"; fi

test: $(VENV)/.installed $(A11Y)
	$(BIN)/python -m pytest

# The edit-test loop: everything but LibreOffice and the slow tests.
test-fast: $(VENV)/.installed
	$(BIN)/python -m pytest -m "not libreoffice and not slow and not browser"

# The whole suite again under a clock years ahead: no test may depend on today's date. (The kill and load
# tests read no date and take minutes: they run once, in `make test`.)
test-clock: $(VENV)/.installed $(A11Y)
	@command -v faketime >/dev/null || { echo "faketime is missing (Debian package faketime; .ci/run installs it)"; exit 1; }
	faketime '$(FUTURE)' $(BIN)/python -c 'import datetime, sys; y = datetime.date.today().year; sys.exit(0 if y == int("$(FUTURE)"[:4]) else f"faketime did not take: the year is {y}")'
	faketime '$(FUTURE)' $(BIN)/python -m pytest -p no:cacheprovider \
		--deselect tests/test_consolidate_kill.py --deselect tests/test_service_load.py

# ruff (lint and format, settings in pyproject.toml) and mypy (strict for the core and the specs).
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

templates: $(VENV)/.installed
	$(BIN)/toolkit templates

bench: $(VENV)/.installed
	PYTHONPATH=$(CURDIR) $(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) output/*.xlsx output/*.pptx
