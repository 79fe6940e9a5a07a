"""Liquibase: changelogs of changesets (formatted SQL, XML, YAML, JSON), recorded by id, author
and changelog in `databasechangelog`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from adapters.db.migrations import MigrationsError
from adapters.db.migrations.history import check_history
from adapters.db.migrations.liquibase import Liquibase
from tests.adapters.db import pg
from tests.adapters.db.migrations.scanning import (
    CARD_INDEX,
    CARDS,
    CUSTOMERS,
    FIXTURES,
    assert_refunds_missing_then_present,
)
from tests.adapters.db.pg import Scratch
from tests.conftest import Run

scratch = pg.scratch

FOLDER = FIXTURES / "liquibase"
_VERSIONS = [
    "changes/001-customers.sql::1::alice",
    "changes/002-cards.yaml::2::bob",
    "changes/later/003-refunds.sql::3::alice",
    "changes/later/004-tag.json::4::bob",
    "db.changelog-master.xml::5::carol",
]
# As Liquibase creates it on PostgreSQL.
_TRACKER = """
CREATE TABLE public.databasechangelog (
    id varchar(255) NOT NULL,
    author varchar(255) NOT NULL,
    filename varchar(255) NOT NULL,
    dateexecuted timestamp NOT NULL,
    orderexecuted integer NOT NULL,
    exectype varchar(10) NOT NULL,
    md5sum varchar(35),
    description varchar(255),
    comments varchar(255),
    tag varchar(255),
    liquibase varchar(20),
    contexts varchar(255),
    labels varchar(255),
    deployment_id varchar(10)
)
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def _row(
    version: str, exectype: str = "EXECUTED", prefix: str = "db/changelog/"
) -> tuple[str, ...]:
    changelog, changeset_id, author = version.rsplit("::", 2)
    return (changeset_id, author, prefix + changelog, "9:0123", exectype)


def test_the_changesets_are_read_in_the_order_the_master_includes_them() -> None:
    migrations = Liquibase().read(FOLDER)

    assert [m.version for m in migrations] == _VERSIONS
    assert migrations[0].description == "The customers and their schema."
    assert migrations[4].description == "Cards are looked up by customer."
    assert all(m.checksum is None for m in migrations)


def test_formatted_sql_is_replayed_without_its_rollbacks_lines_kept_in_place() -> None:
    customers, _, refunds, *_ = Liquibase().read(FOLDER)

    assert customers.sql is not None and refunds.sql is not None
    assert customers.first_line == 4
    assert "CREATE TABLE payments.customers" in customers.sql
    assert "DROP" not in customers.sql + refunds.sql
    lines = (FOLDER / "changes" / "001-customers.sql").read_text().splitlines()
    replayed = customers.sql.splitlines()
    # The replayed SQL's second line is the file's line after the one it starts at.
    assert replayed[1] == lines[customers.first_line] == "CREATE SCHEMA payments;"


def test_xml_yaml_and_json_sql_changes_are_replayed() -> None:
    _, cards, _, tag, index = Liquibase().read(FOLDER)

    assert cards.sql is not None and "CREATE TABLE payments.cards" in cards.sql
    assert "ENABLE ROW LEVEL SECURITY" in cards.sql and "DROP" not in cards.sql
    assert cards.first_line == 8
    # A tag changes nothing.
    assert tag.sql == ""
    assert index.sql is not None and index.sql.strip() == CARD_INDEX
    assert index.first_line == 14


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ("- customChange:\n            class: com.example.Change\n", "Java, not SQL"),
        ("- createTable:\n            tableName: t\n", "a table without columns"),
        ("- sql:\n            dbms: mysql\n            sql: SELECT 1;\n", "MariaDB is not mysql"),
        ("- sql:\n            sql: CREATE TABLE ${schema}.t (id int);\n", "a parameter"),
        ("- sql:\n            endDelimiter: /\n            sql: SELECT 1\n", "a delimiter"),
    ],
)
def test_changes_that_are_not_plain_sql_are_not_replayed(
    tmp_path: Path, changes: str, why: str
) -> None:
    _write(
        tmp_path,
        "changelog.yaml",
        "databaseChangeLog:\n  - changeSet:\n      id: a\n      author: b\n      changes:\n"
        f"        {changes}",
    )

    (migration,) = Liquibase().read(tmp_path)

    assert migration.version == "changelog.yaml::a::b"
    assert migration.sql_on("mysql") is None, why


def test_a_change_limited_to_a_database_is_sql_there_only(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "changelog.yaml",
        "databaseChangeLog:\n  - changeSet:\n      id: a\n      author: b\n      changes:\n"
        "        - sql:\n            dbms: postgresql\n            sql: CREATE EXTENSION citext;\n"
        "        - sql:\n            dbms: '!postgresql'\n            sql: SELECT 2;\n"
        "  - changeSet:\n      id: c\n      author: b\n      dbms: mysql, mariadb\n"
        "      changes:\n        - dropTable:\n            tableName: t\n",
    )

    both, mysql_only = Liquibase().read(tmp_path)

    assert both.sql is None
    assert both.sql_on("postgresql") == "CREATE EXTENSION citext;\n"
    assert both.sql_on("mysql") == "\nSELECT 2;"
    assert (mysql_only.sql_on("postgresql"), mysql_only.sql_on("mysql")) == (
        "",
        "DROP TABLE t;\n",
    )
    # Liquibase records a changeset only where it runs: a tracker elsewhere lacks it.
    assert (both.engines, mysql_only.engines) == (None, frozenset({"mysql"}))
    assert not mysql_only.runs_on("postgresql")


def test_formatted_sql_attributes_decide_the_replay_and_the_changelog(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "all.sql",
        "-- liquibase formatted sql logicalFilePath:app/all.sql\n\n"
        '--changeset "Ann Lee":"one two"\nCREATE TABLE a (id int);\n'
        "--changeset ann:2 dbms:oracle\nCREATE TABLE b (id int);\n"
        "--changeset ann:3 endDelimiter:/ logicalFilePath:other.sql\nCREATE TABLE c (id int)\n/\n"
        "--changeset ann:4\n--ignoreLines:start\nnot sql\n--ignoreLines:end\nSELECT 4;\n",
    )

    one, two, three, four = Liquibase().read(tmp_path)

    assert one.version == "app/all.sql::one two::Ann Lee"
    assert one.sql == "CREATE TABLE a (id int);\n"
    # Limited to Oracle, the changeset runs nothing here; a delimiter of its own is not read.
    assert (two.sql, three.sql) == ("", None)
    assert two.engines == frozenset() and three.engines is None
    assert three.version == "other.sql::3::ann"
    assert four.sql is not None and "not sql" not in four.sql and "SELECT 4;" in four.sql


def test_plain_sql_is_a_changelog_only_where_a_changelog_includes_it(tmp_path: Path) -> None:
    _write(tmp_path, "scripts/extra.sql", "CREATE TABLE extra (id int);\n")
    assert not Liquibase.recognises(tmp_path)

    _write(
        tmp_path,
        "master.yaml",
        "databaseChangeLog:\n  - include:\n      file: scripts/extra.sql\n",
    )
    (raw,) = Liquibase().read(tmp_path)

    assert raw.version == "scripts/extra.sql::raw::includeAll"
    assert raw.sql == "CREATE TABLE extra (id int);\n"


def test_includes_written_from_the_search_path_are_found_in_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "src" / "main" / "resources" / "db" / "changelog"
    _write(folder, "changes/one.sql", "--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n")
    _write(
        folder,
        "master.xml",
        '<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">\n'
        '  <include file="classpath:db/changelog/changes/one.sql"/>\n'
        '  <changeSet id="2" author="a">\n'
        '    <sqlFile path="db/changelog/changes/two.txt"/>\n'
        "  </changeSet>\n"
        "</databaseChangeLog>\n",
    )
    two = _write(folder, "changes/two.txt", "SELECT 2;\n")

    one, second = Liquibase().read(folder)

    assert one.version == "changes/one.sql::1::a"
    assert (second.version, second.sql, second.path) == ("master.xml::2::a", "SELECT 2;\n", two)


def test_an_include_the_folder_lacks_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path, "master.yaml", "databaseChangeLog:\n  - include:\n      file: gone.sql\n")

    with pytest.raises(MigrationsError, match=r"includes gone\.sql: no such file"):
        Liquibase().read(tmp_path)


def test_a_changeset_twice_is_an_error(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "a.sql",
        "--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n--changeset a:1\nSELECT 2;\n",
    )

    with pytest.raises(MigrationsError, match=r"changeset a\.sql::1::a again"):
        Liquibase().read(tmp_path)


def test_rows_are_matched_by_id_author_and_the_end_of_their_filename() -> None:
    migrations = Liquibase().read(FOLDER)

    applied = Liquibase().applied(
        [
            _row(_VERSIONS[0], prefix="classpath:/db/changelog/"),
            _row(_VERSIONS[1], "MARK_RAN"),
            _row(_VERSIONS[2], "FAILED"),
            _row(_VERSIONS[3], "SKIPPED"),
            _row(_VERSIONS[4], "RERAN", prefix=""),
            ("9", "zed", "db/changelog/gone.sql", None, "EXECUTED"),
        ],
        migrations,
    )

    assert [(a.version, a.success) for a in applied] == [
        (_VERSIONS[0], True),
        (_VERSIONS[1], True),
        (_VERSIONS[2], False),
        (_VERSIONS[4], True),
        ("db/changelog/gone.sql::9::zed", True),
    ]
    found = {d.object: d.found for d in check_history(migrations, applied, "databasechangelog")}
    assert "failed or half-applied" in found[_VERSIONS[2]]
    assert "does not record" in found[_VERSIONS[3]]
    assert found["db/changelog/gone.sql::9::zed"] == "no such migration in the folder"


def test_a_row_of_another_changelog_is_not_this_changeset() -> None:
    migrations = Liquibase().read(FOLDER)

    (applied,) = Liquibase().applied(
        [("1", "alice", "other/customers.sql", None, "EXECUTED")], migrations
    )

    assert applied.version == "other/customers.sql::1::alice"


def test_the_tracker_is_named_as_liquibase_creates_it() -> None:
    assert Liquibase().tracker("postgresql").table == "databasechangelog"
    assert Liquibase().tracker("mysql").table == "DATABASECHANGELOG"
    assert "{table}" in Liquibase().tracker("postgresql").query


def test_a_claimed_changesets_missing_table_fails_and_passes_once_created(
    run: Callable[..., Run], scratch: Scratch
) -> None:
    scratch.execute(CUSTOMERS + CARDS + CARD_INDEX)
    scratch.execute(_TRACKER)
    for order, version in enumerate(_VERSIONS, start=1):
        changeset_id, author, filename, md5sum, exectype = _row(version)
        scratch.execute(
            "INSERT INTO public.databasechangelog "
            "(id, author, filename, dateexecuted, orderexecuted, exectype, md5sum, liquibase) "
            "VALUES (%s, %s, %s, now(), %s, %s, %s, '4.25.0')",
            (changeset_id, author, filename, order, exectype, md5sum),
        )

    assert_refunds_missing_then_present(run, scratch, FOLDER)
