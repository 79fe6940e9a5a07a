# Everything installs into .venv; nothing outside the project is touched.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: install examples test lint typecheck unit benchmark clean

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

# pytest exits 5 when it collected no test: that is a broken suite, not a pass.
unit: install
	@$(BIN)/python -m pytest; code=$$?; \
	  if [ $$code -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$code

test: lint typecheck unit

benchmark: install
	$(BIN)/python benchmarks/scan_synthetic.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache benchmarks/out
