"""What the migrations claim, held against a live MariaDB database: the Flyway migrations
replayed into a shadow database on the same server, and the catalogs compared."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from adapters.db.migrations.flyway import checksum
from tests.adapters.db import my
from tests.adapters.db.my import HOST, PORT, Accounts, Database
from tests.conftest import DATA, Run

server = my.server
database = my.database
accounts = my.accounts

FLYWAY = DATA / "db" / "migrations" / "flyway-mysql"
SHADOW = f"mysql://root@{HOST}:{PORT}/mysql"
_HISTORY = """
CREATE TABLE flyway_schema_history (
    installed_rank INT PRIMARY KEY,
    version VARCHAR(50),
    description VARCHAR(200) NOT NULL,
    type VARCHAR(20) NOT NULL,
    script VARCHAR(1000) NOT NULL,
    checksum INT,
    installed_by VARCHAR(100) NOT NULL,
    installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    execution_time INT NOT NULL,
    success BOOL NOT NULL
)
"""


def migrations(tmp_path: Path, reader: str) -> Path:
    folder = tmp_path / "migrations"
    shutil.copytree(FLYWAY, folder)
    for path in folder.glob("*.sql"):
        path.write_text(path.read_text("utf-8").replace("app_reader", reader), "utf-8")
    return folder


def apply(database: Database, folder: Path, skip: tuple[str, ...] = ()) -> None:
    database.execute(_HISTORY)
    for rank, path in enumerate(sorted(folder.glob("V*.sql")), start=1):
        text = path.read_text("utf-8")
        version, description = path.stem[1:].split("__")
        if version not in skip:
            database.server.run_script(f"USE {my.quote(database.name)};\n{text}")
        database.execute(
            "INSERT INTO flyway_schema_history VALUES "
            f"({rank}, '{version}', '{description}', 'SQL', '{path.name}', "
            f"{int(checksum(text))}, 'flyway', NOW(), 1, TRUE)"
        )


def findings(result: Run) -> list[dict[str, Any]]:
    (control,) = result.json()["controls"]
    found: list[dict[str, Any]] = control["findings"]
    return found


def test_a_missing_table_and_grant_fail_and_pass_once_replayed(
    run: Callable[..., Run], database: Database, accounts: Accounts, tmp_path: Path
) -> None:
    reader = accounts.user("app_reader")
    folder = migrations(tmp_path, reader)
    apply(database, folder, skip=("4",))

    def scan() -> Run:
        return run("scan", "db", "--dsn", f"mysql://root@{HOST}:{PORT}/{database.name}",
                   "--migrations", folder, "--shadow-dsn", SHADOW, "--format", "json",
                   "--control", "pci-6.5.1-db-schema-drift")  # fmt: skip

    result = scan()
    assert result.code == 1, result.err
    failed = sorted(f["resource"] for f in findings(result) if f["status"] != "pass")
    assert failed == [
        f"drift:grant:{reader}@% on {database.name}.refunds",
        f"drift:table:{database.name}.refunds",
    ]

    database.server.run_script(
        f"USE {my.quote(database.name)};\n" + (folder / "V4__refunds.sql").read_text("utf-8")
    )
    shadows = "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'assay%'"
    before = set(database.server.rows(shadows))
    result = scan()
    assert result.code == 0, result.out
    (agreed,) = findings(result)
    assert agreed["resource"].startswith("drift:none:")
    assert set(database.server.rows(shadows)) <= before
