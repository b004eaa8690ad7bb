# Marmot Monitor: `make demo` serves the Fairshire demo; `make test` runs every check.
# Both create the virtual environment (.venv) and install what they need on first use.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed

.PHONY: help demo test lint audit venv browser r assets docs messages screenshots clean constraints

help:
	@echo "make demo   build the Fairshire demo database and serve it on http://127.0.0.1:8000"
	@echo "make test   lint, then run the whole test suite on SQLite and PostgreSQL"
	@echo "make docs   regenerate docs/cli.md from the command's help"
	@echo "make messages  gather the pages' texts into the Welsh catalogue and compile it (needs gettext)"
	@echo "make assets rebuild the GOV.UK Frontend styles and scripts (needs npm)"
	@echo "make screenshots  photograph each page type of the demo into docs/screenshots/"
	@echo "make audit  check every installed package against known vulnerabilities (needs internet)"
	@echo "make constraints  pin every installed dependency into constraints.txt"

$(INSTALLED): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Marmot Monitor needs Python 3.11 or newer; $(PYTHON) is older."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres]' -c constraints.txt
	touch $(INSTALLED)

# Pin every installed dependency (not pip, setuptools or Marmot Monitor itself) for CI and `make`.
constraints: venv
	{ sed -n '/^#/p' constraints.txt; \
	  $(BIN)/python -m pip freeze --exclude-editable | grep -v '^#'; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

venv: $(INSTALLED)

demo: venv
	$(BIN)/marmot demo

$(NODE_INSTALLED): $(wildcard package-lock.json)
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; fi
	@mkdir -p node_modules && touch $(NODE_INSTALLED)

assets: $(NODE_INSTALLED)
	npm run build

docs: venv
	$(BIN)/typer marmot_monitor.cli.main utils docs --name marmot \
		--title "marmot command reference" --output docs/cli.md

# The Welsh catalogues (docs/welsh.md): gather every marked text of the pages, then compile.
messages: venv
	scripts/messages

browser:
	@scripts/ensure-chromium

screenshots: venv browser
	scripts/screenshot

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

# Every package in .venv (pip and setuptools too, not Marmot Monitor itself) against the PyPI
# advisory database; --strict fails when any package could not be checked (e.g. offline).
audit: venv
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools
	$(BIN)/python -m pip freeze --all --exclude-editable > $(VENV)/audited-requirements.txt
	$(BIN)/pip-audit --strict --progress-spinner off --disable-pip --no-deps \
		--requirement $(VENV)/audited-requirements.txt

r:
	@scripts/ensure-r

test: venv $(NODE_INSTALLED) browser r lint
	scripts/run-tests

clean:
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache .hypothesis
