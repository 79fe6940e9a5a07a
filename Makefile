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
# loopback servers' own settings are waived. The servers may be shared: each variant is loaded
# alone into a database named for this run, and removed afterwards with the roles and accounts
# the examples created (never another's: see drop-roles.sql and mariadb/drop.sql). Roles and
# accounts are server-wide, so each compliant variant is held against a baseline of its empty
# database: the server's other roles and accounts, which no example can change, do not count.
EXAMPLES_RUN := $(shell od -An -N4 -tx4 /dev/urandom | tr -d ' \n')
EXAMPLES_BASELINE := $(or $(TMPDIR),/tmp)/assaymark-examples-db-$(EXAMPLES_RUN).json
PSQL := psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1
MARIADB := mariadb -h 127.0.0.1 -u root
PG_DSN := postgresql://postgres@127.0.0.1:5432
PG_INSECURE := fintech_insecure_$(EXAMPLES_RUN)
PG_COMPLIANT := fintech_compliant_$(EXAMPLES_RUN)
PG_FILES := --data-map examples/db/postgres/data-map.yaml \
	--expectations examples/db/postgres/expectations.yaml --sample 100 \
	--untrusted-role fintech_anon --untrusted-role fintech_authenticated
# A database of this run, then the example roles that nothing uses any more.
PG_DROP = $(PSQL) -d postgres -c 'DROP DATABASE IF EXISTS $(1) WITH (FORCE)' \
	-f examples/db/postgres/drop-roles.sql
MY_DSN := mysql://root@127.0.0.1:3306
MY_INSECURE := fintech_insecure_$(EXAMPLES_RUN)
MY_COMPLIANT := fintech_compliant_$(EXAMPLES_RUN)
# The MariaDB files name their databases: this run's names instead.
MY_SQL := sed -e 's/fintech_insecure/$(MY_INSECURE)/g' -e 's/fintech_compliant/$(MY_COMPLIANT)/g'
WAIVE := --waivers examples/db/local-server-waivers.yaml
examples-db: install
	@$(PSQL) -d postgres -c 'CREATE DATABASE $(PG_INSECURE)'
	@$(PSQL) -d $(PG_INSECURE) -f examples/db/postgres/insecure.sql && \
	  $(BIN)/assaymark scan db --dsn $(PG_DSN)/$(PG_INSECURE) $(PG_FILES) $(WAIVE); code=$$?; \
	  $(call PG_DROP,$(PG_INSECURE)); \
	  echo "exit code $$code (expected 1: controls fail)"; [ $$code -eq 1 ]
	@$(PSQL) -d postgres -c 'CREATE DATABASE $(PG_COMPLIANT)'
	@$(BIN)/assaymark baseline create -o $(EXAMPLES_BASELINE) db --quiet \
	  --dsn $(PG_DSN)/$(PG_COMPLIANT) $(WAIVE) && \
	  $(PSQL) -d $(PG_COMPLIANT) -f examples/db/postgres/compliant.sql && \
	  $(BIN)/assaymark scan db --dsn $(PG_DSN)/$(PG_COMPLIANT) $(PG_FILES) $(WAIVE) \
	    --baseline $(EXAMPLES_BASELINE); code=$$?; \
	  $(call PG_DROP,$(PG_COMPLIANT)); rm -f $(EXAMPLES_BASELINE); \
	  echo "exit code $$code (expected 0: no control fails)"; [ $$code -eq 0 ]
	@$(MY_SQL) examples/db/mariadb/insecure.sql | $(MARIADB) && \
	  $(BIN)/assaymark scan db --dsn $(MY_DSN)/$(MY_INSECURE) \
	    --untrusted-role fi_web --sample 100 $(WAIVE); code=$$?; \
	  $(MY_SQL) examples/db/mariadb/drop.sql | $(MARIADB); \
	  echo "exit code $$code (expected 1: controls fail)"; [ $$code -eq 1 ]
	@$(MARIADB) -e 'CREATE DATABASE $(MY_COMPLIANT)'
	@$(BIN)/assaymark baseline create -o $(EXAMPLES_BASELINE) db --quiet \
	  --dsn $(MY_DSN)/$(MY_COMPLIANT) $(WAIVE) && \
	  $(MY_SQL) examples/db/mariadb/compliant.sql | $(MARIADB) && \
	  $(BIN)/assaymark scan db --dsn $(MY_DSN)/$(MY_COMPLIANT) \
	    --untrusted-role fc_web --sample 100 $(WAIVE) --baseline $(EXAMPLES_BASELINE); code=$$?; \
	  $(MY_SQL) examples/db/mariadb/drop.sql | $(MARIADB); rm -f $(EXAMPLES_BASELINE); \
	  echo "exit code $$code (expected 0: no control fails)"; [ $$code -eq 0 ]

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
