# The README's two commands (run, test) and a few more. Everything sets itself up first.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The first Python 3.12+ found: python3.13, python3.12, pyenv's 3.12, then python3.
PYTHON ?= $(shell for p in python3.13 python3.12 $$HOME/.pyenv/versions/3.12*/bin/python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)

.PHONY: run test setup lint bench worker beat clean

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (python3.12 not found)."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json
	npm install --no-audit --no-fund --silent
	touch $@

setup: $(VENV)/.installed

run: setup
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_demo
	@echo
	@echo "  Open http://127.0.0.1:$(PORT)/ and log in with one of the e-mail addresses above."
	@echo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup node_modules/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

bench: setup
	$(PY) bench/run.py

worker: setup
	$(VENV)/bin/celery -A qmr worker --loglevel=INFO

beat: setup
	$(VENV)/bin/celery -A qmr beat --loglevel=INFO

clean:
	rm -rf $(VENV) var node_modules
