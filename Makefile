# The two commands of the README, and a few more for developers.
#   make run    set everything up and serve the portal with demo data on http://127.0.0.1:8000
#   make test   install what the tests need and run the whole suite (browser tests included)
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= auto

.PHONY: run test lint format bench backup restore deps dev-deps system-deps test-system-deps clean bench-system-deps

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.deps: requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.deps

deps: $(VENV)/.deps
dev-deps: $(VENV)/.dev-deps

system-deps:
	@scripts/system_deps.sh runtime

test-system-deps:
	@scripts/system_deps.sh test

# wrk drives gunicorn in bench/bench_anchors.py; without it the bench measures in process and says so.
bench-system-deps:
	@scripts/system_deps.sh bench || echo "bench-system-deps: thiếu gói, bench đo bằng cách dự phòng"

run: system-deps deps
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py seed_demo
	@echo "Cổng Dân vận: http://$(HOST):$(PORT)/ và máy chạy nền  (Ctrl+C để dừng cả hai)"
	DEBUG=1 scripts/run.sh $(PY) $(HOST):$(PORT)

test: test-system-deps dev-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n $(PYTEST_WORKERS)

lint: dev-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: dev-deps
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Every benchmark runs to the end: a script that fails prints `<name>: failed (exit N)` and the next one runs.
bench: bench-system-deps dev-deps
	@failed=0; for script in bench/bench_*.py; do \
	  $(PY) $$script || { echo "$$(basename $$script .py): failed (exit $$?)"; failed=1; }; \
	done; exit $$failed

# make backup [OUTPUT=DIR]: safe while the portal runs (docs/operations.md, "Backup and restore")
backup: deps
	$(PY) manage.py backup $(if $(OUTPUT),--output $(OUTPUT))

# make restore INPUT=backups/20251231-2300: into the empty database of DATABASE_URL (a database that holds
# data is refused); FORCE=1 replaces it after backing it up into KEEP=DIR (default backups/before-restore-...)
restore: deps
	@test -n "$(INPUT)" || { echo "Dùng: make restore INPUT=<thư mục sao lưu> [FORCE=1] [KEEP=<thư mục>]"; exit 2; }
	$(PY) manage.py restore --input $(INPUT) $(if $(FORCE),--force) $(if $(KEEP),--keep $(KEEP))
	$(PY) manage.py migrate --check

clean:
	rm -rf $(VENV) staticfiles .pytest_cache db.sqlite3
