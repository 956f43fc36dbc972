# Two commands on a fresh machine: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
DB     ?=

.PHONY: run lint test test-fast bench installer clean

$(PY):
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "eoffice needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.run-installed: $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.run-installed

# Byte-compiled once here, as an installed wheel or the bundle is: with PYTHONDONTWRITEBYTECODE
# set, every start would otherwise compile eoffice's 250 modules again (about 0.2 s).
run: $(VENV)/.run-installed
	$(PY) -m compileall -q src > /dev/null
	$(VENV)/bin/eoffice $(if $(DB),--db "$(DB)")

lint: $(VENV)/.test-installed
	$(PY) -m ruff check src tests bench tools
	$(PY) -m mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

test-fast: $(VENV)/.test-installed
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "not slow and not gui"

bench: $(VENV)/.test-installed
	QT_QPA_PLATFORM=offscreen $(PY) bench/bench.py

installer: $(VENV)/.test-installed
	$(PY) -m PyInstaller --noconfirm --clean installer.spec

clean:
	rm -rf build dist .pytest_cache
