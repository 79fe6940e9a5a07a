# Everything installs into .venv; nothing outside the project is touched.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: install examples test lint typecheck unit browser benchmark clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Scans both example stacks: the insecure one must fail (exit 1), the compliant one pass (exit 0).
examples: install
	@$(BIN)/assaymark scan terraform examples/terraform/insecure; code=$$?; \
	  echo "exit code $$code (expected 1: controls fail)"; [ $$code -eq 1 ]
	@$(BIN)/assaymark scan terraform examples/terraform/compliant; code=$$?; \
	  echo "exit code $$code (expected 0: no control fails)"; [ $$code -eq 0 ]

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

# The HTML report is rendered in headless Chromium by the tests: Debian's package, installed
# here when missing and we may (root, apt-get); otherwise say what to install.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the HTML report test"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "the HTML report test needs Chromium: install Debian's chromium package" >&2; exit 1; fi

# pytest exits 5 when it collected no test: that is a broken suite, not a pass.
unit: install browser
	@$(BIN)/python -m pytest; code=$$?; \
	  if [ $$code -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$code

test: lint typecheck unit

benchmark: install
	$(BIN)/python benchmarks/scan_synthetic.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache benchmarks/out
