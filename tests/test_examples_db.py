"""The example databases, loaded into the real PostgreSQL and MariaDB on loopback and scanned
through the command line as the README shows: every planted exposure is reported with role,
object and privilege; the compliant schemas report none. The servers may be shared: each example
is loaded under names of its own (databases, roles, accounts), and what else the server holds
is neither touched nor counted against the example."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import pytest

from tests.adapters.db import my, pg
from tests.conftest import REPO, TEXT_FORMATS, Run

RunCli = Callable[..., Run]
EXAMPLES = REPO / "examples" / "db"
POSTGRES = EXAMPLES / "postgres"
WAIVERS = EXAMPLES / "local-server-waivers.yaml"
PAN_CANARIES = ("4111111111111111", "4111 1111 1111 1111")
# What the loopback test servers themselves get wrong, which no database can fix.
SERVER_LEVEL = ("setting:", "database:")


@dataclass(frozen=True)
class PostgresExample:
    """An example loaded for one test: its connection string, its roles' names (by the names
    the example gives them), and expectations.yaml written with those names."""

    dsn: str
    names: dict[str, str]
    expectations: Path

    def __getitem__(self, name: str) -> str:
        """The name used for the role the example names `name`."""
        return self.names[name]

    def untrusted(self) -> tuple[str, ...]:
        """The options that name the example's untrusted roles."""
        anon, authenticated = self["fintech_anon"], self["fintech_authenticated"]
        return ("--untrusted-role", anon, "--untrusted-role", authenticated)


@contextmanager
def postgres_example(variant: str) -> Iterator[PostgresExample]:
    """The example loaded into a fresh database with roles of its own, all dropped afterwards."""
    with pg.scratch_database("assaymark_example") as db, TemporaryDirectory() as folder:
        names = db.load_example(variant)
        expectations = Path(folder) / "expectations.yaml"
        shipped = (POSTGRES / "expectations.yaml").read_text(encoding="utf-8")
        expectations.write_text(pg.renamed(shipped, names), encoding="utf-8")
        dsn = f"postgresql://postgres@{pg.HOST}:{pg.PORT}/{db.name}"
        yield PostgresExample(dsn, names, expectations)


@contextmanager
def mariadb_example(variant: str) -> Iterator[tuple[str, my.Example]]:
    """The example loaded under names of its own (accounts are server-wide), removed afterwards:
    its connection string, and the names."""
    my.ensure_server()
    server = my.Server(my.connect())
    try:
        with my.example(server, variant) as loaded:
            yield f"mysql://root@{my.HOST}:{my.PORT}/{loaded.database}", loaded
    finally:
        server.connection.close()


def postgres_scan(run: RunCli, example: PostgresExample, *extra: str | Path) -> Run:
    return run(
        "scan",
        "db",
        "--dsn",
        example.dsn,
        "--data-map",
        POSTGRES / "data-map.yaml",
        "--expectations",
        example.expectations,
        "--sample",
        "50",
        *example.untrusted(),
        *extra,
    )


def findings(report: dict[str, Any]) -> dict[tuple[str, str], tuple[str, str]]:
    """(control, resource) -> (status, messages joined by ` | `)."""
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for control in report["controls"]:
        for finding in control["findings"]:
            key = (control["id"], finding["resource"])
            status, message = finding["status"], finding["message"]
            if key in found:
                before = found[key]
                status = "fail" if "fail" in (before[0], status) else status
                message = f"{before[1]} | {message}"
            found[key] = (status, message)
    return found


def failing(report: dict[str, Any]) -> list[str]:
    return [
        f"{control} {resource}: {message}"
        for (control, resource), (status, message) in findings(report).items()
        if status in ("fail", "error")
    ]


def server_level(finding: str, own: Collection[str]) -> bool:
    """Whether a failing finding (as `failing` words it) is about the server rather than the
    example: its settings and logging, or a role or account the example did not create (the
    loopback servers' bootstrap root, and on a shared server any other)."""
    resource = finding.split(" ")[1]
    if resource.startswith(SERVER_LEVEL):
        return True
    return resource.startswith("role:") and resource[5:].split("@")[0] not in own


def test_the_insecure_postgres_example_reports_every_planted_exposure(run: RunCli) -> None:
    with postgres_example("insecure") as example:
        result = postgres_scan(run, example, "--format", "json")
    anon, authenticated = example["fintech_anon"], example["fintech_authenticated"]
    reporting, app_service = example["fintech_reporting"], example["fintech_app_service"]
    report = result.json()
    assert result.code == 1, report["errors"]
    assert report["errors"] == []
    found = findings(report)
    assert not [key for key, (status, _) in found.items() if status == "error"]

    def fails(control: str, resource: str, *phrases: str) -> None:
        status, message = found[(control, resource)]
        assert status == "fail", (control, resource, message)
        for phrase in phrases:
            assert phrase in message, (control, resource, message)

    exposure = "pci-7.2.2-db-sensitive-columns-untrusted"
    # Reached only through a group role: anon has no grant of its own on the cards table.
    fails(
        exposure,
        "payments.cards.pan",
        f"{anon} can SELECT payments.cards.pan",
        f"granted SELECT on payments.cards to {example['fintech_web_readers']}, which {anon} is "
        "a member of",
    )
    fails(
        exposure,
        "customers.customers.email",
        f"{authenticated} can SELECT customers.customers.email",
        "policy customers_read is USING (true)",
    )
    fails(
        exposure,
        "customers.customer_directory.email",
        f"{anon} can SELECT customers.customer_directory.email",
        "bypasses the row-level security of customers.customers",
    )
    fails(
        "pci-7.2.2-db-rls-untrusted-tables",
        "customers.customers",
        f"customers_read: SELECT TO {authenticated} USING (true)",
    )
    fails("pci-7.2.2-db-rls-untrusted-tables", "payments.cards", "rls_enabled is false")
    fails("pci-7.2.2-db-views-rls-bypass", "customers.customer_directory", anon)
    fails(
        "pci-7.2.2-db-security-definer-functions",
        "payments.card_lookup(p_last4 text)",
        "PUBLIC can EXECUTE payments.card_lookup(p_last4 text)",
        "search_path is absent",
    )
    fails("pci-7.2.1-db-public-grants", "payments.ledger", "SELECT")
    fails("pci-7.2.1-db-public-grants", "default:postgres:payments:table", "SELECT")
    fails("pci-7.2.1-db-privileged-roles", f"role:{reporting}", "superuser is true")
    fails("pci-7.2.1-db-privileged-roles", f"role:{app_service}", "bypass_rls is true")
    fails("pci-8.3.9-db-login-role-expiry", f"role:{reporting}")
    fails("pci-3.5.1-db-pan-in-clear", "payments.cards.pan", "pan_values is 1")
    fails("pci-3.5.1-db-pan-in-clear", "payments.card_notes.note", "pan_values is 1")
    drift = "pci-6.5.1-db-schema-drift"
    # The migration history claims refunds; the table is not there.
    fails(drift, "expect:table:payments.refunds", "missing from the database")
    fails(drift, "expect:table:payments.card_notes", "not in the expectations")
    fails(drift, "expect:column:payments.cards.pan", "exists in the database")
    fails(drift, "expect:rls:payments.cards", "row-level security is off")
    fails(drift, f"expect:grant:SELECT on payments.cards to {app_service}", "not granted")
    fails(drift, "expect:revoked:SELECT on payments.ledger to PUBLIC", "granted")


def test_the_compliant_postgres_example_reports_no_exposure(run: RunCli) -> None:
    with postgres_example("compliant") as example:
        bare = postgres_scan(run, example, "--format", "json").json()
        waived = postgres_scan(run, example, "--format", "json", "--waivers", WAIVERS).json()
    own = set(example.names.values())
    # Without waivers, only what the server itself is set up with fails; the waivers cover its
    # settings, and what may still fail are roles the example did not create.
    assert bare["errors"] == []
    assert [f for f in failing(bare) if not server_level(f, own)] == []
    assert [f for f in failing(waived) if not server_level(f, own)] == []
    assert [f for f in failing(waived) if f.split(" ")[1].startswith(SERVER_LEVEL)] == []
    assert waived["summary"]["error"] == 0
    assert {c["id"] for c in waived["controls"] if c["status"] == "pass"} >= {
        "pci-7.2.2-db-sensitive-columns-untrusted",
        "pci-7.2.2-db-rls-untrusted-tables",
        "pci-7.2.2-db-views-rls-bypass",
        "pci-7.2.2-db-security-definer-functions",
        "pci-7.2.1-db-public-grants",
        "pci-3.5.1-db-pan-in-clear",
        "pci-6.5.1-db-schema-drift",
    }


def test_the_insecure_mariadb_example_reports_every_planted_exposure(run: RunCli) -> None:
    with mariadb_example("insecure") as (dsn, loaded):
        result = run(
            "scan", "db", "--dsn", dsn, "--untrusted-role", loaded["fi_web"], "--sample", "20",
            "--format", "json",
        )  # fmt: skip
    report = result.json()
    assert result.code == 1, report["errors"]
    assert report["errors"] == []
    found = findings(report)
    db, web, host = loaded.database, f"{loaded['fi_web']}@%", loaded.host
    card = found[("pci-7.2.2-db-sensitive-columns-untrusted", f"{db}.cards.card_number")]
    assert card[0] == "fail"
    assert (
        f"{web} can SELECT {db}.cards.card_number (granted SELECT on {db}.cards to "
        f"{loaded['fi_readers']}, which {web} is a member of" in card[1]
    )
    expected_failures = {
        ("pci-8.2.1-db-anonymous-accounts", f"role:''@{host}"),
        ("pci-8.3.1-db-empty-passwords", f"role:{loaded['fi_batch']}@%"),
        ("pci-8.3.1-db-empty-passwords", f"role:''@{host}"),
        ("pci-2.2.2-db-remote-root", f"role:root@{host}"),
        ("pci-7.2.1-db-any-host-accounts", f"role:{web}"),
        ("pci-7.2.2-db-security-definer-functions", f"{db}.card_lookup()"),
        ("pci-3.5.1-db-pan-in-clear", f"{db}.support_tickets.body"),
        ("pci-3.5.1-db-pan-in-clear", f"{db}.cards.card_number"),
    }
    for key in expected_failures:
        assert found[key][0] == "fail", (key, found.get(key))


def test_the_compliant_mariadb_example_reports_no_exposure(run: RunCli) -> None:
    with mariadb_example("compliant") as (dsn, loaded):
        web = loaded["fc_web"]
        arguments = ("scan", "db", "--dsn", dsn, "--untrusted-role", web, "--sample", "20")
        bare = run(*arguments, "--format", "json").json()
        waived = run(*arguments, "--format", "json", "--waivers", WAIVERS).json()
    own = set(loaded.names.values())
    assert [f for f in failing(bare) if not server_level(f, own)] == []
    assert [f for f in failing(waived) if not server_level(f, own)] == []
    assert [f for f in failing(waived) if f.split(" ")[1].startswith(SERVER_LEVEL)] == []
    assert waived["errors"] == []


def test_a_snapshot_is_evaluated_offline_with_the_same_verdicts(
    run: RunCli, tmp_path: Path
) -> None:
    snapshot = tmp_path / "snapshot.json"
    with postgres_example("insecure") as example:
        online = postgres_scan(run, example, "--format", "json").json()
        collected = run(
            "collect", "db", "--dsn", example.dsn, "--data-map", POSTGRES / "data-map.yaml",
            "--expectations", example.expectations, "--sample", "50", *example.untrusted(),
            "-o", snapshot,
        )  # fmt: skip
    assert collected.code == 0, collected.err
    text = snapshot.read_text(encoding="utf-8")
    assert not [canary for canary in PAN_CANARIES if canary in text]
    offline = run("scan", "db", "--snapshot", snapshot, "--format", "json")
    assert offline.code == 1
    assert findings(offline.json()) == findings(online)
    wrong = run("scan", "db", "--snapshot", REPO / "README.md")
    assert wrong.code == 2
    assert "not an assaymark snapshot" in wrong.err
    mixed = run("scan", "db", "--snapshot", snapshot, "--sample", "5")
    assert mixed.code == 2
    assert "--snapshot is evaluated as collected" in mixed.err


def test_evidence_replays_and_no_card_number_reaches_any_format_or_bundle_file(
    run: RunCli, tmp_path: Path
) -> None:
    from checker.evidence.signing import generate_key_pair

    bundle = tmp_path / "bundle"
    private, public = generate_key_pair(tmp_path / "team")
    with postgres_example("insecure") as example:
        outputs = {name: postgres_scan(run, example, "--format", name).out for name in TEXT_FORMATS}
        assert postgres_scan(run, example, "--evidence", bundle, "--sign-key", private).code == 1
    for name, output in outputs.items():
        assert not [canary for canary in PAN_CANARIES if canary in output], name
    for path in bundle.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not [canary for canary in PAN_CANARIES if canary in text], path
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    assert "db" in json.dumps(manifest)
    assert (bundle / "snapshot" / "db.json").is_file()
    replay = run("evidence", "replay", bundle, "--key", public)
    assert replay.code == 0, replay.out + replay.err


def test_run_reads_databases_from_the_configuration(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "assaymark.yaml"
    with postgres_example("insecure") as example:
        untrusted = f"{example['fintech_anon']}, {example['fintech_authenticated']}"
        config.write_text(
            "databases:\n"
            "  - dsn_env: LEDGER_DSN\n"
            f"    data_map: {POSTGRES / 'data-map.yaml'}\n"
            f"    expectations: {example.expectations}\n"
            f"    untrusted_roles: [{untrusted}]\n"
            "    sample: 20\n"
            "format: json\n",
            encoding="utf-8",
        )
        monkeypatch.setenv("LEDGER_DSN", example.dsn)
        result = run("run", "--config", config)
    report = result.json()
    assert result.code == 1, result.err
    assert report["sources"] == ["db"]
    assert findings(report)[("pci-6.5.1-db-schema-drift", "expect:table:payments.refunds")][0] == (
        "fail"
    )


def test_an_unreachable_server_is_an_error_for_every_check_not_a_pass(run: RunCli) -> None:
    result = run(
        "scan", "db", "--dsn", "postgresql://postgres@127.0.0.1:9/ledger", "--format", "json"
    )
    report = result.json()
    assert result.code == 3
    assert report["errors"] and "127.0.0.1:9" in report["errors"][0]["message"]
    statuses = {c["id"]: c["status"] for c in report["controls"]}
    assert statuses.pop("pci-6.5.1-db-schema-drift") == "not_applicable"  # no expectations given
    assert set(statuses.values()) == {"error"}


def test_a_password_on_the_command_line_is_refused(run: RunCli) -> None:
    result = run("scan", "db", "--dsn", "postgresql://app:hunter2@127.0.0.1/ledger")
    assert result.code == 2
    assert "PGPASSWORD" in result.err
    assert "hunter2" not in result.err + result.out


def test_the_least_privilege_grants_are_printed_for_both_engines(run: RunCli) -> None:
    result = run("db", "grants")
    assert result.code == 0
    assert "-- postgresql" in result.out
    assert "-- mysql" in result.out
    assert "pg_read_all_settings" in result.out
    assert "GRANT SELECT ON mysql.*" in result.out
    shipped = (EXAMPLES / "scanner-grants.sql").read_text(encoding="utf-8")
    assert result.out == shipped, "examples/db/scanner-grants.sql: regenerate with `db grants`"


def test_a_user_without_rights_to_part_of_the_catalog_gets_errors_not_passes(
    run: RunCli,
) -> None:
    with pg.scratch_database("assaymark_limited") as db:
        auditor = db.role("auditor", "LOGIN")
        db.execute("CREATE TABLE cards (pan text)")
        dsn = f"postgresql://{auditor}@{pg.HOST}:{pg.PORT}/{db.name}"
        result = run("scan", "db", "--dsn", dsn, "--format", "json")
        report = result.json()
        found = findings(report)
        hashing = found[("pci-8.3.2-db-password-hashing", f"role:{auditor}")]
        audit = found[("pci-10.2.1-db-audit-logging", f"database:{db.name}")]
    assert result.code == 3
    assert hashing[0] == "error"
    assert "pg_authid" in hashing[1]
    # shared_preload_libraries (is pgaudit loaded?) is readable only with pg_read_all_settings.
    assert audit[0] == "error"
    assert "pg_read_all_settings" in audit[1]
    assert any("pg_authid" in error["message"] for error in report["errors"])
