# The README's commands. `make run` serves the site; `make test` runs the suite.

VENV := .venv
BIN := $(VENV)/bin
# Where `make run` serves: make run PORT=8001 (HOST=… for another address of this machine).
HOST ?= 127.0.0.1
PORT ?= 8000
# Development settings; links, allowed hosts and trusted origins follow HOST and PORT.
DEV := DEBUG=1 SITE_URL=http://$(HOST):$(PORT)
# The first Python 3.12 or newer on this machine (pyenv's, when .python-version names one).
PYTHON ?= $(shell for candidate in python3.13 python3.12 python3.14 python3 $(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3); do \
	if command -v $$candidate >/dev/null 2>&1 && $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
		echo $$candidate; break; fi; done)

.PHONY: install run port-free manage serve test test-servers test-browser loadtest cluster-check bench bench-hostile lint format check ci clean

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "This project needs Python 3.12 or newer, and none was found."; \
		echo "Install one (for example with pyenv: 'pyenv install 3.13') and run make again."; \
		exit 1; fi
	@echo "Using $$($(PYTHON) --version) at $$(command -v $(PYTHON))"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Development and CI: requirements.txt is requirements/base.txt plus the test, browser, load and storage
# tools, so a change to either file installs again.
$(BIN)/.installed: requirements.txt requirements/base.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

# Production: what the site runs, and nothing else (make serve; docs/deploy.md).
$(BIN)/.installed-base: requirements/base.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements/base.txt
	touch $@

install: $(BIN)/.installed

# The port is checked first, so a busy one fails at once, before any setup step.
run: port-free install
	$(DEV) $(BIN)/python manage.py migrate --no-input
	$(DEV) $(BIN)/python manage.py load_seed_content
	$(DEV) $(BIN)/python manage.py create_dev_admin
	$(DEV) $(BIN)/python manage.py moderator_notices
	$(DEV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The virtual environment's Python when there is one (finding the system's can take a second).
port-free:
	@$(if $(wildcard $(BIN)/python),$(BIN)/python,$(or $(PYTHON),true)) scripts/port_free.py $(HOST) $(PORT)

# Any manage.py command, with the virtual environment and the development settings:
# make manage ARGS="create_dev_admin --reset"
manage: install
	@$(DEV) $(BIN)/python manage.py $(ARGS)

# Production-style: settings from the environment (see .env.example and docs/deploy.md); production's packages only.
serve: $(BIN)/.installed-base
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py collectstatic --no-input -v0
	$(BIN)/gunicorn -c gunicorn.conf.py lemtrada_site.wsgi

# gunicorn on PostgreSQL and Redis on loopback, under Locust: 20 visitors, 50 submissions (scripts/loadtest.py).
loadtest: install
	$(BIN)/python scripts/loadtest.py

# Public pages under wrk: gunicorn, the shipped nginx in front, and nginx serving them as files (scripts/bench.py).
# make bench BASELINE=../other-checkout measures another copy of the project beside this one; make bench
# STORIES=100000 is the scale mode (PostgreSQL and Redis: BENCH_DATABASE_URL, BENCH_REDIS_URL).
bench: install
	$(BIN)/python scripts/bench.py $(if $(STORIES),--stories $(STORIES)) $(if $(BASELINE),--baseline $(BASELINE))

# Hostile text: the pathological Markdown corpus, and gunicorn under hostile previews (scripts/hostile_input_bench.py).
bench-hostile: install
	$(BIN)/python scripts/hostile_input_bench.py

# Everything but the two slower tiers below (pyproject.toml leaves them out): under two minutes.
# One test process per core (pytest-xdist), each with its own test database and upload folders. With Redis
# (REDIS_URL, as in CI's PostgreSQL run) one process: each test empties the cache, which would empty another's.
JOBS ?= $(if $(REDIS_URL),0,auto)
test: install
	$(BIN)/python -m pytest -n $(JOBS) $(PYTEST_ARGS)

# Tests that start servers or processes of their own: nginx, gunicorn, SeaweedFS, make, Django in a subprocess.
test-servers: install
	$(BIN)/python -m pytest -m servers $(PYTEST_ARGS)

# Journeys, accessibility, small screens and screenshots in Chromium (Debian's /usr/bin/chromium).
test-browser: install
	@command -v chromium >/dev/null 2>&1 || { echo "The browser tests need Debian's Chromium: apt-get install chromium"; exit 1; }
	$(BIN)/python -m pytest -m browser tests/browser $(PYTEST_ARGS)

# Two app servers behind nginx on shared PostgreSQL, Redis and SeaweedFS; one is killed mid-load (scripts/cluster_check.py).
cluster-check: install
	$(BIN)/python scripts/cluster_check.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	$(DEV) $(BIN)/python manage.py check
	$(DEV) $(BIN)/python manage.py makemigrations --check --dry-run

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
