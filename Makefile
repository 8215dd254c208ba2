# `make run` and `make test` are the whole set-up on a fresh Debian machine: each creates .venv,
# installs the package with its pinned dependencies and the Debian libraries Qt needs, then runs.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: run test lint bench screenshot icons clean

$(INSTALLED): pyproject.toml
	@packaging/system-deps.sh headless
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

run: $(INSTALLED)
	@packaging/system-deps.sh gui
	$(PY) -m workbench

test: $(INSTALLED)
	$(PY) -m ruff check workbench tests benchmarks docs packaging
	$(PY) -m pytest

lint: $(INSTALLED)
	$(PY) -m ruff check workbench tests benchmarks docs packaging
	$(PY) -m ruff format --check workbench tests benchmarks docs packaging

bench: $(INSTALLED)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run.py

screenshot: $(INSTALLED)
	$(PY) docs/screenshot.py docs/screenshot.png

icons: $(INSTALLED)
	$(PY) packaging/render_icons.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
