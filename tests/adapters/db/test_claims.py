"""What the migrations claim, held against a live PostgreSQL database: the tracker against the
folder, and the migrations replayed into a shadow database against the catalog."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from adapters.db.migrations.flyway import checksum
from tests.adapters.db import pg
from tests.adapters.db.pg import HOST, PORT, SUPERUSER, Scratch
from tests.conftest import DATA, Run

scratch = pg.scratch

FLYWAY = DATA / "db" / "migrations" / "flyway"
SHADOW = f"postgresql://{SUPERUSER}@{HOST}:{PORT}/postgres"
_HISTORY = """
CREATE TABLE public.flyway_schema_history (
    installed_rank integer PRIMARY KEY,
    version varchar(50),
    description varchar(200) NOT NULL,
    type varchar(20) NOT NULL,
    script varchar(1000) NOT NULL,
    checksum integer,
    installed_by varchar(100) NOT NULL,
    installed_on timestamp NOT NULL DEFAULT now(),
    execution_time integer NOT NULL,
    success boolean NOT NULL
)
"""


def flyway_folder(tmp_path: Path, reader: str) -> Path:
    """The Flyway fixture, granting to this test's own reader role."""
    folder = tmp_path / "migrations"
    shutil.copytree(FLYWAY, folder)
    for path in folder.glob("*.sql"):
        path.write_text(path.read_text("utf-8").replace("app_reader", reader), "utf-8")
    return folder


def apply(scratch: Scratch, folder: Path, *, skip: tuple[str, ...] = (), record: int = 5) -> None:
    """Run the migrations (but those of `skip`) and record the first `record` in the tracker,
    with their checksums, as Flyway would."""
    scratch.execute(_HISTORY)
    for rank, path in enumerate(sorted(folder.glob("V*.sql")), start=1):
        text = path.read_text("utf-8")
        version, description = path.stem[1:].split("__")
        if version not in skip:
            scratch.execute(text)
        if rank <= record:
            scratch.execute(
                "INSERT INTO public.flyway_schema_history VALUES "
                "(%s, %s, %s, 'SQL', %s, %s, 'flyway', now(), 1, true)",
                (rank, version, description.replace("_", " "), path.name, int(checksum(text))),
            )


def scan(run: Callable[..., Run], scratch: Scratch, folder: Path, *extra: str) -> Run:
    dsn = f"postgresql://{SUPERUSER}@{HOST}:{PORT}/{scratch.name}"
    return run(
        "scan", "db", "--dsn", dsn, "--migrations", folder, *extra, "--format", "json",
        "--control", "pci-6.5.1-db-schema-drift",
    )  # fmt: skip


def findings(result: Run) -> list[dict[str, Any]]:
    (control,) = result.json()["controls"]
    found: list[dict[str, Any]] = control["findings"]
    return found


def failing(result: Run) -> list[dict[str, Any]]:
    return [f for f in findings(result) if f["status"] != "pass"]


def test_the_fourth_migrations_missing_objects_fail_and_pass_once_replayed(
    run: Callable[..., Run], scratch: Scratch, tmp_path: Path
) -> None:
    reader = scratch.role("app_reader")
    folder = flyway_folder(tmp_path, reader)
    apply(scratch, folder, skip=("4",))

    result = scan(run, scratch, folder, "--shadow-dsn", SHADOW)

    assert result.code == 1, result.err
    found = {f["resource"]: f for f in failing(result)}
    assert sorted(found) == [
        f"drift:grant:{reader} on payments.refunds",
        "drift:policy:payments.refunds:refunds_reader",
        "drift:table:payments.refunds",
    ]
    assert all(f["status"] == "fail" for f in found.values())
    table = found["drift:table:payments.refunds"]["message"]
    assert "3 columns" in table and "1 constraint" in table

    scratch.execute((folder / "V4__refunds.sql").read_text("utf-8"))
    result = scan(run, scratch, folder, "--shadow-dsn", SHADOW)

    assert result.code == 0, result.out
    (summary,) = findings(result)
    assert summary["status"] == "pass"
    assert summary["resource"].startswith("drift:none:")


def test_the_tracker_is_held_against_the_folder(
    run: Callable[..., Run], scratch: Scratch, tmp_path: Path
) -> None:
    reader = scratch.role("app_reader")
    folder = flyway_folder(tmp_path, reader)
    apply(scratch, folder, record=4)
    (folder / "V3__reader.sql").write_text(f"GRANT USAGE ON SCHEMA payments TO {reader};\n")
    (folder / "V2__cards.sql").rename(folder / "V2__cards.sql.bak")

    result = scan(run, scratch, folder)

    assert result.code == 1, result.err
    found = {f["resource"]: f["message"] for f in failing(result)}
    history = sorted(key for key in found if key.split(":")[1] in ("checksum", "migration"))
    assert history == ["drift:checksum:3", "drift:migration:2", "drift:migration:5"]
    # What the folder no longer says (V2's table, V3's grant) is in the database all the same.
    assert sorted(set(found) - set(history)) == [
        f"drift:grant:{reader} on payments.customers",
        "drift:table:payments.cards",
    ]
    assert "no such migration in the folder" in found["drift:migration:2"]
    assert "does not record migration 5" in found["drift:migration:5"]


def test_a_replay_that_fails_names_the_file_and_line(
    run: Callable[..., Run], scratch: Scratch, tmp_path: Path
) -> None:
    reader = scratch.role("app_reader")
    folder = flyway_folder(tmp_path, reader)
    apply(scratch, folder)
    broken = folder / "V5__card_index.sql"
    broken.write_text("-- a view\n\nCREATE VIEW payments.v AS SELECT * FROM payments.nowhere;\n")
    scratch.execute("UPDATE flyway_schema_history SET checksum = %s WHERE version = '5'",
                    (int(checksum(broken.read_text("utf-8"))),))  # fmt: skip

    result = scan(run, scratch, folder, "--shadow-dsn", SHADOW)

    assert result.code == 3, result.out
    (error,) = [f for f in findings(result) if f["status"] == "error"]
    assert f"{broken}:3:" in error["message"]
    assert "payments.nowhere" in error["message"]


def test_a_migration_that_refuses_a_transaction_is_replayed_statement_by_statement(
    run: Callable[..., Run], scratch: Scratch, tmp_path: Path
) -> None:
    reader = scratch.role("app_reader")
    folder = flyway_folder(tmp_path, reader)
    apply(scratch, folder)
    index = folder / "V5__card_index.sql"
    index.write_text(
        "-- Built without locking the table, as production needs.\n"
        "CREATE INDEX CONCURRENTLY cards_customer ON payments.cards (customer_id);\n"
        "CREATE INDEX CONCURRENTLY cards_last4 ON payments.cards (last4);\n",
        "utf-8",
    )
    scratch.execute("CREATE INDEX cards_last4 ON payments.cards (last4)")
    scratch.execute("UPDATE flyway_schema_history SET checksum = %s WHERE version = '5'",
                    (int(checksum(index.read_text("utf-8"))),))  # fmt: skip

    result = scan(run, scratch, folder, "--shadow-dsn", SHADOW)

    assert result.code == 0, result.out
    scratch.execute("DROP INDEX payments.cards_last4")
    result = scan(run, scratch, folder, "--shadow-dsn", SHADOW)

    assert result.code == 1, result.out
    assert [f["resource"] for f in failing(result)] == ["drift:index:payments.cards:cards_last4"]

    # A statement that fails is named by its own line.
    index.write_text(
        index.read_text("utf-8") + "\nCREATE INDEX CONCURRENTLY x ON payments.nowhere (id);\n"
    )
    scratch.execute("UPDATE flyway_schema_history SET checksum = %s WHERE version = '5'",
                    (int(checksum(index.read_text("utf-8"))),))  # fmt: skip
    result = scan(run, scratch, folder, "--shadow-dsn", SHADOW)

    assert result.code == 3, result.out
    (error,) = [f for f in findings(result) if f["status"] == "error"]
    assert f"{index}:5:" in error["message"] and "payments.nowhere" in error["message"]


def test_without_a_tracker_the_drift_is_an_error(
    run: Callable[..., Run], scratch: Scratch, tmp_path: Path
) -> None:
    result = scan(run, scratch, flyway_folder(tmp_path, "nobody"))

    assert result.code == 3, result.out
    (error,) = findings(result)
    assert error["status"] == "error"
    assert "no table flyway_schema_history" in error["message"]


def test_a_shadow_database_is_dropped_with_the_roles_it_made(scratch: Scratch) -> None:
    from adapters.db import parse_dsn
    from adapters.db.catalog import Role
    from adapters.db.engine import CollectOptions
    from adapters.db.postgres import PostgresEngine

    missing = f"assaymark_missing_{scratch.suffix}"
    made = f"assaymark_made_{scratch.suffix}"
    scratch.track([missing, made])
    roles = [Role(missing, login=False)]
    with PostgresEngine().throwaway(parse_dsn(SHADOW), roles, CollectOptions()) as shadow:
        shadow.run(f"CREATE ROLE {made}; CREATE TABLE t (id int); GRANT SELECT ON t TO {missing};",
                   "V1__t.sql")  # fmt: skip
        assert scratch.existing_roles([missing, made]) == sorted([missing, made])
        name = shadow.dsn.database
    assert scratch.existing_roles([missing, made]) == []
    assert not scratch.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("SELECT 1;\n", "SELECT 1;"), ("\ufeffa\r\nb\n", "ab"), ("a\nb", "ab")],
)
def test_the_flyway_checksum_is_of_the_lines_without_their_endings(
    text: str, expected: str
) -> None:
    import zlib

    crc = zlib.crc32(expected.encode("utf-8"))
    assert int(checksum(text)) == (crc - (1 << 32) if crc >= 1 << 31 else crc)


def test_a_run_configuration_holds_the_database_against_its_migrations(
    run: Callable[..., Run],
    scratch: Scratch,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reader = scratch.role("app_reader")
    folder = flyway_folder(tmp_path, reader)
    apply(scratch, folder, skip=("4",))
    monkeypatch.setenv("LEDGER_DSN", f"postgresql://{SUPERUSER}@{HOST}:{PORT}/{scratch.name}")
    monkeypatch.setenv("SHADOW_DSN", SHADOW)
    config = tmp_path / "assaymark.yaml"
    config.write_text(
        "databases:\n"
        "  - dsn_env: LEDGER_DSN\n"
        "    migrations: migrations\n"
        "    shadow_dsn_env: SHADOW_DSN\n"
        "controls: [pci-6.5.1-db-schema-drift]\n"
        "format: json\n",
        encoding="utf-8",
    )

    result = run("run", "--config", config)

    assert result.code == 1, result.err
    assert sorted(f["resource"] for f in failing(result)) == [
        f"drift:grant:{reader} on payments.refunds",
        "drift:policy:payments.refunds:refunds_reader",
        "drift:table:payments.refunds",
    ]
