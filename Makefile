# Rapport — `make run` to try it, `make test` to check it.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Text is UTF-8 whatever the user's locale says (names, em dashes in messages).
export PYTHONUTF8 := 1
# Python keeps compiled modules (__pycache__) even where the environment says not to: each
# test worker, server and command would otherwise compile all of Rapport again (collecting the
# suite takes 8 s instead of 2.5).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test lint format seed migrate bench install clean

# Settings default to DEBUG off (production). The demo, the development server, the tests
# and the benchmarks run with it on unless the environment says otherwise.
migrate seed run test bench: export DEBUG ?= 1

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

migrate: $(STAMP)
	$(PY) manage.py migrate --no-input

seed: migrate
	$(PY) manage.py seed_demo

run: seed
	$(PY) manage.py serve

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check $$(find rapport -name '*.html' -path '*templates*')

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml $$(find rapport -name '*.html' -path '*templates*')

# Tests write and delete many small files: a RAM-backed folder keeps that off the disk.
TEST_TMPDIR := $(shell test -d /dev/shm -a -w /dev/shm && echo /dev/shm || echo $${TMPDIR:-/tmp})

# Each worker's SQLite test database is made from the models (--no-migrations, 3 s sooner):
# makemigrations --check holds the migrations to the models, test_serve.py runs them, and
# they build the databases of CI's PostgreSQL pass.
test: lint
	$(PY) manage.py makemigrations --check --dry-run
	TMPDIR=$(TEST_TMPDIR) $(PY) -m pytest -n auto --dist loadgroup --no-migrations

bench: $(STAMP)
	@for f in bench/*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) var/*
