# The one place where commands live. `make help` lists them.
# Every target installs what it needs (a virtualenv with pinned dependencies) and can be run again.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha1sum | cut -c1-12)

.PHONY: help venv demo dev test lint format typecheck infra-tools bench faults-long hostile-long unit clean

help:  ## list the commands
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s)" % sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

venv: $(STAMP)

demo: $(STAMP)  ## THE MAIN JOB: run the whole pipeline locally on the emulators with a scripted scenario
	$(BIN)/python -m ops demo

dev: $(STAMP)  ## run the local stack (emulators + functions + sweeper) until Ctrl-C
	$(BIN)/python -m ops dev

test: lint typecheck infra-tools  ## run every test (lint, types, unit, integration, e2e, infra) — what CI runs
	$(BIN)/python -m pytest

lint: $(STAMP)  ## ruff lint and format check, and the layer contracts (import-linter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	cd functions && ../$(BIN)/lint-imports ../pyproject.toml

format: $(STAMP)  ## apply ruff formatting and fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: $(STAMP)  ## mypy --strict
	$(BIN)/mypy functions ops tests bench

infra-tools: $(STAMP)  ## install the offline Terraform tools (stand-in provider, checkov) in their own virtualenvs
	$(BIN)/python infra/offline/offline_terraform.py setup

bench: $(STAMP)  ## benchmarks vs the naive baseline and the kit overhead: BENCHMARKS.md, bench/results/
	$(BIN)/python -m bench

faults-long: $(STAMP)  ## fault injection, long form (>= 2,000 events: duplicates, SIGKILLs, aborted commits, poison)
	$(BIN)/python -m tests.faults.long_run

hostile-long: $(STAMP)  ## hostile input, long form (10,000 push cases, schemathesis on the API)
	HOSTILE_PUSH_CASES=10000 HOSTILE_API_CASES=700 $(BIN)/python -m pytest tests/hostile

unit: $(STAMP)  ## only the unit tests (no I/O)
	$(BIN)/python -m pytest -m unit

clean:  ## remove the virtualenv and local logs
	rm -rf $(VENV) .venv-tfprovider .venv-checkov .local
