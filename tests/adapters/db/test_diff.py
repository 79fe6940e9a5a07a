"""`assaymark db diff`: one PostgreSQL database held against another, object by object."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.adapters.db import pg
from tests.adapters.db.pg import HOST, PORT, SUPERUSER, Scratch
from tests.conftest import DATA, Run

scratch = pg.scratch
MIGRATIONS = sorted((DATA / "db" / "migrations" / "flyway").glob("V*.sql"))


def migrate(database: Scratch, reader: str) -> None:
    for path in MIGRATIONS:
        database.execute(path.read_text("utf-8").replace("app_reader", reader))


def dsn(database: Scratch) -> str:
    return f"postgresql://{SUPERUSER}@{HOST}:{PORT}/{database.name}"


def test_a_column_a_policy_and_a_revoked_grant_are_exactly_the_differences(
    run: Callable[..., Run], scratch: Scratch
) -> None:
    reader = scratch.role("app_reader")
    migrate(scratch, reader)
    with pg.scratch_database() as staging:
        migrate(staging, reader)
        scratch.execute("ALTER TABLE payments.cards ADD COLUMN pan text")
        scratch.execute("DROP POLICY refunds_reader ON payments.refunds")
        scratch.execute(f"REVOKE SELECT ON payments.customers FROM {reader}")

        result = run("db", "diff", "--dsn", dsn(scratch), "--against", dsn(staging),
                     "--format", "json")  # fmt: skip
        equal = run("db", "diff", "--dsn", dsn(staging), "--against", dsn(staging),
                    "--format", "json")  # fmt: skip

    assert result.code == 1, result.err
    (control,) = result.json()["controls"]
    assert control["id"] == "pci-6.5.1-db-schema-drift"
    found = {f["resource"]: f["message"] for f in control["findings"]}
    assert sorted(found) == [
        "drift:column:payments.cards.pan",
        f"drift:grant:{reader} on payments.customers",
        "drift:policy:payments.refunds:refunds_reader",
    ]
    assert "not to exist" in found["drift:column:payments.cards.pan"]
    assert "missing" in found[f"drift:grant:{reader} on payments.customers"]
    assert equal.code == 0, equal.out
    ((agreed,),) = [c["findings"] for c in equal.json()["controls"]]
    assert agreed["status"] == "pass"
    assert agreed["resource"] == f"drift:none:{dsn(staging)}"


def test_an_unreachable_side_is_an_error_not_a_match(
    run: Callable[..., Run], scratch: Scratch
) -> None:
    missing = f"postgresql://{SUPERUSER}@{HOST}:{PORT}/{scratch.name}_gone"

    result = run("db", "diff", "--dsn", dsn(scratch), "--against", missing, "--format", "json")

    assert result.code == 3, result.out
    assert f"{scratch.name}_gone" in result.err or f"{scratch.name}_gone" in result.out
    statuses = {f["status"] for c in result.json()["controls"] for f in c["findings"]}
    assert statuses == {"error"}


def test_both_sides_are_needed(run: Callable[..., Run], scratch: Scratch) -> None:
    result = run("db", "diff", "--dsn", dsn(scratch))

    assert result.code == 2
    assert "--against" in result.err


def test_written_expectations_hold_until_the_database_changes(
    run: Callable[..., Run], scratch: Scratch, tmp_path: Path
) -> None:
    reader = scratch.role("app_reader")
    migrate(scratch, reader)
    expectations = tmp_path / "expectations.yaml"

    written = run("db", "expectations", "--dsn", dsn(scratch), "-o", expectations,
                  "--untrusted-role", reader)  # fmt: skip
    assert written.code == 0, written.err
    text = expectations.read_text("utf-8")
    assert "payments.refunds:" in text
    assert f"{{role: {reader}, privilege: SELECT, object: payments.refunds}}" in text

    def scan() -> Run:
        return run("scan", "db", "--dsn", dsn(scratch), "--expectations", expectations,
                   "--control", "pci-6.5.1-db-schema-drift", "--format", "json")  # fmt: skip

    assert scan().code == 0
    scratch.execute("ALTER TABLE payments.cards DROP COLUMN last4")
    scratch.execute(f"REVOKE ALL ON payments.refunds FROM {reader}")
    result = scan()
    assert result.code == 1
    failed = sorted(
        f["resource"]
        for c in result.json()["controls"]
        for f in c["findings"]
        if f["status"] == "fail"
    )
    assert failed == [
        "expect:column:payments.cards.last4",
        f"expect:grant:SELECT on payments.refunds to {reader}",
    ]


def test_expectations_refuse_a_role_that_does_not_exist(
    run: Callable[..., Run], scratch: Scratch, tmp_path: Path
) -> None:
    result = run("db", "expectations", "--dsn", dsn(scratch), "-o", tmp_path / "e.yaml",
                 "--untrusted-role", "anno")  # fmt: skip
    assert result.code == 2
    assert "--untrusted-role anno: no such role" in result.err
    assert not (tmp_path / "e.yaml").exists()
