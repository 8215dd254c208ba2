# `make run` and `make test` are the whole set-up on a fresh Debian machine: each creates .venv,
# installs the package with its pinned dependencies and the Debian libraries Qt needs, then runs.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
PACKAGER := $(VENV)/.installed-packager
# `make test WITH_PACKAGE=1` (CI) also builds the application and starts it; plain `make test`
# skips that test where PyInstaller is not installed.
TEST_NEEDS := $(INSTALLED) $(if $(WITH_PACKAGE),$(PACKAGER))

.PHONY: run test lint bench bench-scale bench-qualcoder screenshots package icons clean

$(INSTALLED): pyproject.toml
	@packaging/system-deps.sh headless
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

$(PACKAGER): $(INSTALLED)
	$(PY) -m pip install --quiet -e '.[test,package]'
	@touch $@

run: $(INSTALLED)
	@packaging/system-deps.sh gui
	$(PY) -m workbench

test: $(TEST_NEEDS)
	$(PY) -m ruff check workbench tests benchmarks docs packaging
	$(PY) -m mypy
	WORKBENCH_REQUIRE_PACKAGE=$(WITH_PACKAGE) $(PY) -m pytest

lint: $(INSTALLED)
	$(PY) -m ruff check workbench tests benchmarks docs packaging
	$(PY) -m ruff format --check workbench tests benchmarks docs packaging
	$(PY) -m mypy

bench: $(INSTALLED)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/pdf_sources.py

# All of FRUS on one laptop: a generated series of 200 volumes (~1 GB, made once under ~/.cache) imported
# and measured at 500, 10,000 and 100,000 documents. Not part of `make test`; SIZES=500,10000 for a quick run.
SIZES ?= 500,10000,100000
bench-scale: $(INSTALLED)
	$(PY) benchmarks/scale.py --sizes $(SIZES)

# QualCoder's own code on the same inputs, beside our figures (benchmarks/qualcoder_side_by_side.py). Needs its
# source in ~/.cache/workbench-bench/qualcoder and its venv (that script's --setup); says so and skips without them.
bench-qualcoder: $(INSTALLED)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/qualcoder_side_by_side.py

# The user guide's pictures, taken from the real window on a virtual screen (docs/guide/screenshots.py).
screenshots: $(INSTALLED)
	@packaging/system-deps.sh screenshots
	$(PY) docs/guide/screenshots.py

# A one-folder application in dist/workbench (packaging/workbench.spec); packaging/install.sh installs it.
package: $(PACKAGER)
	$(PY) -m PyInstaller packaging/workbench.spec --noconfirm --distpath dist --workpath build/pyinstaller
	@echo "Built dist/workbench/workbench; install it with packaging/install.sh"

icons: $(INSTALLED)
	$(PY) packaging/render_icons.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
