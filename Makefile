# The README's two commands: `make build` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: build test setup system-deps lint clean

build: setup
	$(VENV)/bin/publisher build manuscripts --output build

test: setup
	$(VENV)/bin/ruff check publisher tests
	$(VENV)/bin/ruff format --check publisher tests
	$(PY) -m pytest

setup: system-deps $(STAMP)

# Debian packages the tools and checkers need (Java for EPUBCheck, poppler for page images).
system-deps:
	@bash scripts/install-system-deps.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

lint: setup
	$(VENV)/bin/ruff check publisher tests
	$(VENV)/bin/ruff format --check publisher tests

clean:
	rm -rf build $(VENV)
