"""Schema drift: expectations from the migrations against the catalog."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.base import AdapterError
from adapters.db.catalog import Grant
from adapters.db.drift import check_expectations, load_expectations
from adapters.db.resources import build_resources
from checker.engine import evaluate
from checker.library import builtin_policy_dir
from checker.models import Snapshot, Unresolved
from checker.policy import load_controls
from tests.adapters.db.catalogs import leaky_catalog
from tests.conftest import DATA

EXPECTATIONS = DATA / "db" / "expectations.yaml"


def test_a_declared_table_the_database_lacks_is_drift_located_at_its_line() -> None:
    expectations = load_expectations(EXPECTATIONS)
    snapshot = Snapshot("db", tuple(build_resources(leaky_catalog(), None, expectations)))
    (control,) = load_controls([builtin_policy_dir() / "pci-6.5.1-db-schema-drift.yaml"])
    (result,) = evaluate([control], [snapshot]).results
    found = {f.resource: f for f in result.findings}
    missing = found["expect:table:payments.refunds"]
    assert str(missing.status) == "fail"
    assert "expected exists, missing from the database" in missing.message
    assert (missing.location.file, missing.location.line) == (str(EXPECTATIONS), 8)
    assert str(found["expect:table:payments.cards"].status) == "pass"
    assert str(found["expect:column:payments.cards.last4"].status) == "fail"
    assert str(found["expect:column:payments.cards.pan"].status) == "fail"  # extra column
    assert str(found["expect:rls:payments.cards"].status) == "fail"
    assert str(found["expect:rls:customers.customers"].status) == "pass"
    assert str(found["expect:table:customers.addresses"].status) == "fail"  # not declared
    assert str(found["expect:grant:SELECT on payments.cards to catalog_readers"].status) == "pass"
    assert str(found["expect:revoked:SELECT on payments.cards to PUBLIC"].status) == "fail"


def test_unreadable_relations_leave_expectations_undecided() -> None:
    why = Unresolved("relations", "connection lost during collection")
    expectations = load_expectations(EXPECTATIONS)
    drifts = check_expectations(expectations, leaky_catalog(relations=why))
    assert {drift.holds for drift in drifts if drift.kind == "table"} == {why}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tables: {a.b: {columns: x}}\n", ":2: tables.a.b.columns: expected a list"),
        ("grants: [{role: r, privilege: SELECT}]\n", ":1: grants[0]: give role, privilege, object"),
        ("table: {}\n", "unknown key(s) table"),
        ("tables: {a.b: {rls: yes please}}\n", "rls: expected true or false"),
        ("tables:\n  - name: a.b\n", ":1: tables: expected a mapping of schema.table names"),
        ("grants: {role: r}\n", "grants: expected a list"),
    ],
)
def test_a_bad_expectations_file_names_file_and_line(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "expected.yaml"
    path.write_text("\n" + text if message.startswith(":2") else text, encoding="utf-8")
    with pytest.raises(AdapterError) as raised:
        load_expectations(path)
    assert str(path) in str(raised.value)
    assert message in str(raised.value)


def _grant_holds(tmp_path: Path, section: str, role: str, obj: str, grants: list[Grant]) -> bool:
    path = tmp_path / "expect.yaml"
    path.write_text(f"{section}:\n  - {{role: {role}, privilege: ALL, object: {obj}}}\n")
    (drift,) = check_expectations(load_expectations(path), leaky_catalog(grants=tuple(grants)))
    assert not isinstance(drift.holds, Unresolved)
    return drift.holds


def test_all_revoked_means_no_privilege_at_all(tmp_path: Path) -> None:
    select = [Grant("anon", "SELECT", "table", "payments.cards")]
    column = [Grant("anon", "UPDATE", "column", "payments.cards.last4")]
    assert not _grant_holds(tmp_path, "revoked", "anon", "payments.cards", select)
    assert not _grant_holds(tmp_path, "revoked", "anon", "payments.cards", column)
    assert _grant_holds(tmp_path, "revoked", "anon", "payments.cards", [])


def test_all_granted_means_every_privilege_grant_all_gives(tmp_path: Path) -> None:
    every = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"]
    full = [Grant("app", privilege, "table", "payments.cards") for privilege in every]
    assert _grant_holds(tmp_path, "grants", "app", "payments.cards", full)
    assert not _grant_holds(tmp_path, "grants", "app", "payments.cards", full[:-1])
