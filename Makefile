# One command to run the site, one to test it. Both start from a fresh clone with only
# Python 3.11+ and make; they create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test serve worker lint messages clean bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

## make run: the site with embedded defaults (SQLite, local-memory cache, console email, DEBUG on),
## as of a moment in the run-up of the shipped 2016 edition (a rehearsal: every page says so),
## when workshop registration and service requests are open. Try another moment with
## `make run FESTIVAL_NOW=2016-12-15T10:00+07:00`, or the real clock with `make run FESTIVAL_NOW=`.
FESTIVAL_NOW ?= 2016-12-01T10:00+07:00
run: $(STAMP)
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_festival_content
	DEBUG=1 FESTIVAL_NOW=$(FESTIVAL_NOW) $(PY) manage.py runserver $(HOST):$(PORT)

## make test: lint, migration check and every test (browser tests skip without Chromium
## unless REQUIRE_BROWSER=1)
test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest --create-db

## make serve: the production way (gunicorn, DEBUG off, whitenoise). Set SECRET_KEY,
## ALLOWED_HOSTS, DATABASE_URL, CACHE_URL in the environment or in .env.
serve: $(STAMP)
	$(PY) manage.py collectstatic --noinput
	$(PY) manage.py migrate --noinput
	$(VENV)/bin/gunicorn festival.config.wsgi --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-3} --access-logfile - --error-logfile -

## make worker: the production task worker (emails, the erasure), with TASKS_BACKEND=database
## set for it and for the app servers. Stops cleanly on SIGTERM after the task in hand.
worker: $(STAMP)
	$(PY) manage.py db_worker --no-reload

## make messages: extract and compile the English catalogue (needs GNU gettext)
messages: $(STAMP)
	DEBUG=1 $(PY) manage.py makemessages -l en --ignore=.venv --ignore=tests --no-obsolete
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
