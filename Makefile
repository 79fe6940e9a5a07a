# Everything installs into .venv; nothing outside the project is touched.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: install examples examples-db test lint typecheck validated-controls unit browser checkov benchmark clean

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

# Loads the example databases into PostgreSQL and MariaDB on loopback (psql and mariadb
# clients) and scans them: insecure must fail (exit 1); compliant must pass (exit 0) once the
# loopback servers' own settings are waived. Each variant is loaded alone, as roles and
# accounts are server-wide, and removed afterwards.
PSQL := psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1
MARIADB := mariadb -h 127.0.0.1 -u root
PG_DSN := postgresql://postgres@127.0.0.1:5432
PG_FILES := --data-map examples/db/postgres/data-map.yaml \
	--expectations examples/db/postgres/expectations.yaml --sample 100
WAIVE := --waivers examples/db/local-server-waivers.yaml
examples-db: install
	@$(PSQL) -d postgres -f examples/db/postgres/drop.sql
	@$(PSQL) -d postgres -c 'CREATE DATABASE fintech_insecure'
	@$(PSQL) -d fintech_insecure -f examples/db/postgres/insecure.sql
	@$(BIN)/assaymark scan db --dsn $(PG_DSN)/fintech_insecure $(PG_FILES) $(WAIVE); code=$$?; \
	  echo "exit code $$code (expected 1: controls fail)"; [ $$code -eq 1 ]
	@$(PSQL) -d postgres -c 'DROP DATABASE fintech_insecure' -c 'CREATE DATABASE fintech_compliant'
	@$(PSQL) -d fintech_compliant -f examples/db/postgres/compliant.sql 2>/dev/null
	@$(BIN)/assaymark scan db --dsn $(PG_DSN)/fintech_compliant $(PG_FILES) $(WAIVE); code=$$?; \
	  echo "exit code $$code (expected 0: no control fails)"; [ $$code -eq 0 ]
	@$(PSQL) -d postgres -f examples/db/postgres/drop.sql
	@$(MARIADB) < examples/db/mariadb/drop.sql && $(MARIADB) < examples/db/mariadb/insecure.sql
	@$(BIN)/assaymark scan db --dsn mysql://root@127.0.0.1:3306/fintech_insecure \
	  --untrusted-role fi_web --sample 100 $(WAIVE); code=$$?; \
	  echo "exit code $$code (expected 1: controls fail)"; [ $$code -eq 1 ]
	@$(MARIADB) < examples/db/mariadb/drop.sql && $(MARIADB) < examples/db/mariadb/compliant.sql
	@$(BIN)/assaymark scan db --dsn mysql://root@127.0.0.1:3306/fintech_compliant \
	  --untrusted-role fc_web --sample 100 $(WAIVE); code=$$?; \
	  echo "exit code $$code (expected 0: no control fails)"; [ $$code -eq 0 ]
	@$(MARIADB) < examples/db/mariadb/drop.sql

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

# After changing a built-in control or the control schema: what the built-in library ships
# as already validated (a test fails while it is out of date).
validated-controls: install
	$(BIN)/python -m checker.shipped

# The HTML report is rendered in headless Chromium by the tests: Debian's package, installed
# here when missing and we may (root, apt-get); otherwise say what to install.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the HTML report test"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "the HTML report test needs Chromium: install Debian's chromium package" >&2; exit 1; fi

# checkov in an environment of its own (never .venv: its bc-python-hcl2 replaces python-hcl2),
# for the tests that run it; `assaymark checkov install` is what users run.
CHECKOV_HOME := .venv-checkov
CHECKOV_STAMP := $(CHECKOV_HOME)/.installed
$(CHECKOV_STAMP): $(STAMP)
	$(BIN)/assaymark checkov install --path $(CHECKOV_HOME)
	touch $(CHECKOV_STAMP)

checkov: $(CHECKOV_STAMP)

# pytest exits 5 when it collected no test: that is a broken suite, not a pass.
unit: install browser checkov
	@ASSAYMARK_TEST_CHECKOV_HOME=$(CHECKOV_HOME) $(BIN)/python -m pytest; code=$$?; \
	  if [ $$code -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$code

test: lint typecheck unit

benchmark: install
	$(BIN)/python benchmarks/scan_synthetic.py

clean:
	rm -rf $(VENV) $(CHECKOV_HOME) build dist .mypy_cache .ruff_cache .pytest_cache benchmarks/out
