# The two commands of the README: `make run` and `make test`. Both set up .venv from the pinned
# requirements first, so a fresh clone needs only Python 3.11, make and git (plus chromium for tests).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test test-postgres lint format bench bench-pages clean-venv

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	$(PY) manage.py prepare
	$(PY) manage.py serve --port $(PORT)

test: $(VENV)/.installed-dev
	$(PY) -m pytest

# The service and command-line tests again on PostgreSQL: TEST_DATABASE_URL names a server and a database name to build on
# (e.g. postgresql+psycopg://me@/innovation_test?host=/var/run/postgresql); .ci/run sets it up.
test-postgres: $(VENV)/.installed-dev
	@test -n "$(TEST_DATABASE_URL)" || { echo "set TEST_DATABASE_URL=postgresql+psycopg://..."; exit 2; }
	TEST_DATABASE_URL="$(TEST_DATABASE_URL)" $(PY) -m pytest tests/services tests/test_manage.py

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: $(VENV)/.installed-dev
	$(PY) scripts/benchmark.py --keep

bench-pages: $(VENV)/.installed-dev
	$(PY) scripts/benchmark_pages.py

clean-venv:
	rm -rf $(VENV)
