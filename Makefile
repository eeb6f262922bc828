# The one place where commands live. `make help` lists them.
# Every target installs what it needs (a virtualenv with pinned dependencies) and can be run again.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha1sum | cut -c1-12)
# The locks (requirements*.txt, from requirements*.in by `make lock`) pin every package with its
# hashes; pip installs wheels only (no build step that would fetch unpinned build tools).
PIP_LOCKED := --require-hashes --only-binary=:all:
UV_LOCK    := --quiet --generate-hashes --universal --python-version 3.11 --custom-compile-command 'make lock'

AUTH_EMULATOR_DIR   := ops/auth_emulator
AUTH_EMULATOR_STAMP := $(AUTH_EMULATOR_DIR)/node_modules/.installed-$(shell sha1sum $(AUTH_EMULATOR_DIR)/package-lock.json | cut -c1-12)
NPM_CI := npm ci --no-audit --no-fund --loglevel=error
NEED_NPM = @command -v npm >/dev/null 2>&1 || { echo "Node.js and npm are missing: install node 20+ and npm (e.g. apt-get install nodejs npm)." >&2; exit 1; }

.PHONY: help venv lock demo dev test lint format typecheck infra-tools auth-emulator web-build web-test chromium browser-tools browser bench faults-long hostile-long unit clean

help:  ## list the commands
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s)" % sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check $(PIP_LOCKED) -r requirements-dev.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

venv: $(STAMP)

lock: $(STAMP)  ## re-lock requirements*.txt from requirements*.in (uv: every transitive pin, with hashes)
	$(BIN)/uv pip compile $(UV_LOCK) requirements.in -o requirements.txt
	@# the source root of `gcloud functions deploy --source=functions` (Google's buildpack) needs its own copy
	cp requirements.txt functions/requirements.txt
	$(BIN)/uv pip compile $(UV_LOCK) requirements-dev.in -o requirements-dev.txt
	$(BIN)/uv pip compile $(UV_LOCK) infra/offline/requirements-stand-in-provider.in -o infra/offline/requirements-stand-in-provider.txt
	@# checkov's soupsieve needs Python 3.11.5 or newer: that lock starts there
	$(BIN)/uv pip compile $(UV_LOCK:3.11=3.11.5) infra/offline/requirements-checkov.in -o infra/offline/requirements-checkov.txt

demo: $(STAMP)  ## THE MAIN JOB: run the whole pipeline locally on the emulators with a scripted scenario
	$(BIN)/python -m ops demo

dev: $(STAMP) auth-emulator web-build  ## run the local stack (emulators, Firebase Auth emulator, functions, web app) until Ctrl-C
	$(BIN)/python -m ops dev

test: lint typecheck web-test infra-tools browser-tools  ## run every test (lint, types, unit, integration, e2e, infra, browser) — what CI runs
	$(BIN)/python -m pytest

lint: $(STAMP)  ## ruff lint and format check, and the layer contracts (import-linter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	cd functions && ../$(BIN)/lint-imports ../pyproject.toml

format: $(STAMP)  ## apply ruff formatting and fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: $(STAMP)  ## mypy --strict (the project, then each example app from its own folder)
	$(BIN)/mypy functions ops tests bench
	for app in examples/*/; do (cd $$app && MYPYPATH=$(CURDIR)/functions $(abspath $(BIN))/mypy --config-file $(CURDIR)/pyproject.toml .) || exit 1; done

infra-tools: $(STAMP)  ## install the offline Terraform tools (stand-in provider, checkov) in their own virtualenvs
	$(BIN)/python infra/offline/offline_terraform.py setup

auth-emulator: $(AUTH_EMULATOR_STAMP)  ## install the Firebase Authentication emulator (firebase-tools, pinned by its lockfile)

$(AUTH_EMULATOR_STAMP): $(AUTH_EMULATOR_DIR)/package.json $(AUTH_EMULATOR_DIR)/package-lock.json
	$(NEED_NPM)
	cd $(AUTH_EMULATOR_DIR) && $(NPM_CI)
	@touch $@

# The web app (web/, built by Vite into web/dist): npm ci only when the lockfile changed, the
# build only when a source changed.
ifneq ($(wildcard web/package.json),)
WEB_NPM_STAMP := web/node_modules/.installed-$(shell sha1sum web/package-lock.json 2>/dev/null | cut -c1-12)
WEB_SOURCES   := $(shell find web -path web/node_modules -prune -o -path web/dist -prune -o -type f -print)

web-build: web/dist/index.html  ## build the web app into web/dist (skipped when up to date)

$(WEB_NPM_STAMP): web/package.json web/package-lock.json
	$(NEED_NPM)
	cd web && $(NPM_CI)
	@touch $@

web/dist/index.html: $(WEB_NPM_STAMP) $(WEB_SOURCES)
	cd web && npm run build
	@touch $@

web-test: $(WEB_NPM_STAMP)  ## the web app's unit tests (Vitest: wording, grids, polling, API types vs openapi.json)
	cd web && npm test
else
web-build web-test:
	@echo "web/package.json does not exist: skipping $@"
endif

chromium:  ## Debian's Chromium for the browser tests (apt-get, as root), when /usr/bin/chromium is missing
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing: run 'sudo apt-get install chromium' (the browser tests drive /usr/bin/chromium)." >&2; exit 1; fi; }

browser-tools: $(STAMP) chromium auth-emulator web-build  ## what the browser tests need: Chromium, the auth emulator, the built web app

browser: browser-tools  ## only the browser tests (Playwright + Chromium against the whole local stack)
	$(BIN)/python -m pytest -m browser tests/browser

bench: $(STAMP)  ## benchmarks: each consumer vs the anchor of its kind, kit overhead, booking time, soak: BENCHMARKS.md, bench/results/
	$(BIN)/python -m bench

faults-long: $(STAMP)  ## fault injection, long form (>= 2,000 events: duplicates, SIGKILLs, aborted commits, poison)
	$(BIN)/python -m tests.faults.long_run

hostile-long: $(STAMP)  ## hostile input, long form (10,000 push cases, schemathesis on the API)
	HOSTILE_PUSH_CASES=10000 HOSTILE_API_CASES=700 $(BIN)/python -m pytest tests/hostile

contracts: $(STAMP)  ## rewrite the event contracts' JSON Schemas from the typed events (refuses a breaking change)
	cd functions && ../$(BIN)/python -m pipeline_kit.events.contract_gate write --registry wild_workouts.bootstrap:event_registry --dir wild_workouts/contracts/schemas

unit: $(STAMP)  ## only the unit tests (no I/O)
	$(BIN)/python -m pytest -m unit

clean:  ## remove the virtualenv and local logs
	rm -rf $(VENV) .venv-tfprovider .venv-checkov .local
