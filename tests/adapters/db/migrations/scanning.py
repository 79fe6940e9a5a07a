"""Running `assaymark scan db --migrations` against a scratch database, for the tests of each
migration tool against the real server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.adapters.db.pg import HOST, PORT, SUPERUSER, Scratch
from tests.conftest import DATA, Run

FIXTURES = DATA / "db" / "migrations"
SHADOW = f"postgresql://{SUPERUSER}@{HOST}:{PORT}/postgres"

#: The objects every SQL fixture's migrations create, by migration, for setting up the live
#: database by hand where the fixture's files are not plain SQL to run.
CUSTOMERS = """
CREATE SCHEMA payments;
CREATE TABLE payments.customers (id bigint PRIMARY KEY, email text NOT NULL);
"""
CARDS = """
CREATE TABLE payments.cards (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES payments.customers (id),
    pan_token text NOT NULL,
    last4 char(4)
);
ALTER TABLE payments.cards ENABLE ROW LEVEL SECURITY;
"""
REFUNDS = """
CREATE TABLE payments.refunds (
    id bigint PRIMARY KEY,
    card_id bigint NOT NULL REFERENCES payments.cards (id),
    amount numeric(12, 2) NOT NULL
);
"""
CARD_INDEX = "CREATE INDEX cards_customer ON payments.cards (customer_id);"


def scan(run: Callable[..., Run], scratch: Scratch, folder: Path, *extra: str) -> Run:
    """`scan db` of the scratch database held against `folder`, the drift control only."""
    dsn = f"postgresql://{SUPERUSER}@{HOST}:{PORT}/{scratch.name}"
    return run(
        "scan", "db", "--dsn", dsn, "--migrations", folder, *extra, "--format", "json",
        "--control", "pci-6.5.1-db-schema-drift",
    )  # fmt: skip


def findings(result: Run) -> list[dict[str, Any]]:
    """The drift control's findings."""
    (control,) = result.json()["controls"]
    found: list[dict[str, Any]] = control["findings"]
    return found


def failing(result: Run) -> dict[str, str]:
    """The findings that do not pass, their messages by resource."""
    return {f["resource"]: f["message"] for f in findings(result) if f["status"] != "pass"}


def history(result: Run) -> dict[str, str]:
    """The findings of the tracker held against the folder (of its migrations and checksums),
    whatever the objects the migrations create were held against, if anything."""
    assert result.code in (0, 1, 3), result.out or result.err
    return {
        resource: message
        for resource, message in failing(result).items()
        if resource.startswith(("drift:migration:", "drift:checksum:"))
    }


def assert_passes(result: Run) -> None:
    """The scan found no drift."""
    assert result.code == 0, result.out or result.err
    (summary,) = findings(result)
    assert summary["status"] == "pass"
    assert summary["resource"].startswith("drift:none:")


def assert_refunds_missing_then_present(
    run: Callable[..., Run], scratch: Scratch, folder: Path, *extra: str
) -> None:
    """With every migration recorded and the refunds one not run, the replay finds its table
    missing; once it is created, nothing."""
    result = scan(run, scratch, folder, "--shadow-dsn", SHADOW, *extra)

    assert result.code == 1, result.out or result.err
    found = failing(result)
    assert sorted(found) == ["drift:table:payments.refunds"], found
    assert "3 columns" in found["drift:table:payments.refunds"]

    scratch.execute(REFUNDS)
    assert_passes(scan(run, scratch, folder, "--shadow-dsn", SHADOW, *extra))
