# The two commands of the README: `make run` and `make test`. Both work on a fresh machine.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: install system-packages test-packages run test lint format demo fixtures bench clean

## Debian packages (as root they are installed; otherwise the exact apt-get line is printed)
system-packages:
	bash scripts/system-packages.sh run

test-packages:
	bash scripts/system-packages.sh test

$(VENV)/.installed: requirements.txt requirements-dev.txt
	bash scripts/system-packages.sh run
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

## Set up the portal on SQLite with the demo data and serve it at http://127.0.0.1:8000
run: install
	$(PY) manage.py demo
	$(PY) manage.py runserver $(HOST)

## Install and run the whole test suite (DATABASE_URL selects the database; SQLite by default).
## Browser tests and PostgreSQL concurrency tests run in sessions of their own: they commit, and
## the database is emptied after each of them.
test: install test-packages
	$(VENV)/bin/pytest -m "not browser and not postgres"
	CCHC_TEST_DB_FILE=1 $(VENV)/bin/pytest -m browser
	@case "$$DATABASE_URL" in \
	  postgres*) $(VENV)/bin/pytest -m postgres ;; \
	  *) echo "Concurrency tests: they need PostgreSQL (DATABASE_URL=postgres://…); .ci/run runs them." ;; \
	esac

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

demo: install
	$(PY) manage.py demo

## Every bench/ script, quick settings: each figure with its target, the XLSX and DOCX exports and
## the national aggregate against their floors measured in the same run (docs/PERFORMANCE.md).
## Demo data on the dev database; a small national dataset in bench/national.sqlite3 (built once,
## about a minute). `$(PY) bench/run_all.py --full` for the scripts' own numbers of runs.
bench: install
	$(PY) manage.py demo --skip-official-units > /dev/null
	$(PY) bench/run_all.py

## Regenerate fixtures/templates and fixtures/reports/*.annex.json from tests/data/seeds
fixtures: install
	$(PY) manage.py build_seed_fixtures

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
