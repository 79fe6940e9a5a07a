"""The least-privilege scanner: a role given exactly what `assaymark db grants` prints scans a
PostgreSQL database to the end, with no part it could not read and no check in error."""

from __future__ import annotations

import re

from click.testing import CliRunner

from adapters.db.adapter import DatabaseAdapter, DatabaseTarget
from checker.cli.db import db
from checker.engine import evaluate
from checker.library import builtin_policy_dir
from checker.models import Status
from checker.policy import load_controls
from tests.adapters.db import pg
from tests.adapters.db.pg import Scratch

scratch = pg.scratch

DB_CONTROLS = [
    control for control in load_controls([builtin_policy_dir()]) if control.checks_for(["db"])
]

# Something of every kind the scan reads.
SCHEMA = """
CREATE SCHEMA app;
CREATE TABLE app.customers (id int PRIMARY KEY, email text, owner_name text);
ALTER TABLE app.customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON app.customers FOR SELECT USING (owner_name = current_user);
CREATE VIEW app.directory WITH (security_invoker = true) AS SELECT id, email FROM app.customers;
CREATE FUNCTION app.lookup(p integer) RETURNS text LANGUAGE sql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp AS $$ SELECT 'x' $$;
REVOKE EXECUTE ON FUNCTION app.lookup(integer) FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA app REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
"""


def printed_grants(name: str) -> list[str]:
    """The statements `assaymark db grants --engine postgresql` prints, for role `name`."""
    printed = CliRunner().invoke(db, ["grants", "--engine", "postgresql"])
    assert printed.exit_code == 0, printed.output
    statements = [
        line for line in printed.output.splitlines() if line.strip() and not line.startswith("--")
    ]
    assert statements, printed.output
    return [re.sub(r"\bassaymark\b", name, statement) for statement in statements]


def test_a_role_with_exactly_the_printed_grants_scans_without_errors(scratch: Scratch) -> None:
    scanner = f"assaymark_scanner_{scratch.suffix}"
    scratch.track([scanner])
    for statement in printed_grants(scanner):
        scratch.execute(statement)
    scratch.execute(SCHEMA)
    # The role has no more than that: no superuser, nothing of pg_authid.
    assert scratch.execute(
        "SELECT rolsuper, rolbypassrls, has_table_privilege(oid, 'pg_authid', 'SELECT')"
        " FROM pg_roles WHERE rolname = %s",
        (scanner,),
    ) == [(False, False, False)]

    snapshot = DatabaseAdapter([DatabaseTarget(scratch.dsn(user=scanner))]).collect()
    assert snapshot.errors == ()
    report = evaluate(DB_CONTROLS, [snapshot])
    errors = [
        (result.control.id, finding.resource, finding.message)
        for result in report.results
        for finding in result.findings
        if finding.status is Status.ERROR
    ]
    assert errors == []

    # How passwords are stored stays unseen, and says so: the role check does not apply (it
    # neither passes nor fails) and the setting is still checked.
    roles = [r for r in snapshot.resources if r.type == "db.role"]
    assert roles
    assert all(r.attributes["password_storage_hidden"] is True for r in roles)
    assert all(r.attributes["auth_method"] is None for r in roles)
    (hashing,) = [r for r in report.results if r.control.id == "pci-8.3.2-db-password-hashing"]
    assert {finding.resource for finding in hashing.findings} == {"setting:password_encryption"}


def test_a_superuser_scan_still_checks_how_each_password_is_stored(scratch: Scratch) -> None:
    login = scratch.role("login", "LOGIN PASSWORD 'not-a-real-secret-1'")
    snapshot = DatabaseAdapter([DatabaseTarget(scratch.dsn())]).collect()
    roles = {r.address: r.attributes for r in snapshot.resources if r.type == "db.role"}
    assert roles[f"role:{login}"]["password_storage_hidden"] is False
    assert roles[f"role:{login}"]["auth_method"] in ("md5", "scram-sha-256")
    (hashing,) = evaluate(
        [c for c in DB_CONTROLS if c.id == "pci-8.3.2-db-password-hashing"], [snapshot]
    ).results
    assert f"role:{login}" in {finding.resource for finding in hashing.findings}
