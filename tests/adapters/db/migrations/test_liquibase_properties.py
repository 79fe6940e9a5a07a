"""Liquibase changelog parameters: `property` values substituted for `${name}` per database, as
Liquibase defines and looks them up."""

from __future__ import annotations

from pathlib import Path

from adapters.db.migrations.base import Migration
from adapters.db.migrations.liquibase import Liquibase

_XML = '<?xml version="1.0" encoding="utf-8"?>\n<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">\n{}\n</databaseChangeLog>\n'


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def _xml(folder: Path, name: str, *body: str) -> Path:
    return _write(folder, name, _XML.format("\n".join(body)))


def _select(changeset_id: str, expression: str) -> str:
    """A changeset of one `sql` change selecting `expression`."""
    return f'<changeSet id="{changeset_id}" author="a"><sql>SELECT {expression};</sql></changeSet>'


def _sql(migration: Migration) -> tuple[str | None, str | None]:
    return migration.sql_on("postgresql"), migration.sql_on("mysql")


def test_a_property_has_the_value_defined_for_each_database(tmp_path: Path) -> None:
    _xml(
        tmp_path,
        "changelog.xml",
        '<property name="datetimeType" value="datetime(6)" dbms="mysql, mariadb"/>',
        '<property name="datetimeType" value="timestamp" dbms="postgresql"/>',
        '<changeSet id="1" author="a"><createTable tableName="t">',
        '  <column name="d" type="${datetimeType}"><constraints nullable="false"/></column>',
        "</createTable></changeSet>",
    )

    (migration,) = Liquibase().read(tmp_path)

    assert _sql(migration) == (
        "CREATE TABLE t (d TIMESTAMP WITHOUT TIME ZONE NOT NULL);\n",
        "CREATE TABLE t (d datetime(6) NOT NULL);\n",
    )
    assert migration.sql is None


def test_a_property_without_dbms_holds_everywhere_and_agrees(tmp_path: Path) -> None:
    _xml(
        tmp_path,
        "changelog.xml",
        '<property name="table" value="cards"/>',
        '<changeSet id="1" author="a"><dropTable tableName="${table}"/></changeSet>',
    )

    (migration,) = Liquibase().read(tmp_path)

    assert migration.sql == "DROP TABLE cards;\n" and migration.sql_by_engine is None


def test_a_parameter_without_a_value_on_an_engine_leaves_it_unreplayable_there_only(
    tmp_path: Path,
) -> None:
    _xml(
        tmp_path,
        "changelog.xml",
        '<property name="now" value="current_timestamp" dbms="postgresql, h2"/>',
        _select("1", "${now}"),
        _select("2", "${nowhere}"),
    )

    defined, undefined = Liquibase().read(tmp_path)

    assert _sql(defined) == ("SELECT current_timestamp;", None)
    assert _sql(undefined) == (None, None)


def test_mysql_and_mariadb_values_make_the_mysql_engine_s_only_where_they_agree(
    tmp_path: Path,
) -> None:
    _xml(
        tmp_path,
        "changelog.xml",
        # The engine `mysql` is either server: a value for one of them is the one it can have.
        '<property name="only_mysql" value="1" dbms="mysql"/>',
        '<property name="only_mariadb" value="2" dbms="mariadb"/>',
        '<property name="both" value="3" dbms="mysql"/>',
        '<property name="both" value="3" dbms="mariadb"/>',
        '<property name="apart" value="4" dbms="mysql"/>',
        '<property name="apart" value="5" dbms="mariadb"/>',
        _select("1", "${only_mysql}"),
        _select("2", "${only_mariadb}"),
        _select("3", "${both}"),
        _select("4", "${apart}"),
        _select("5", "${only_mysql}, ${only_mariadb}"),
    )

    migrations = Liquibase().read(tmp_path)

    assert [m.sql_on("mysql") for m in migrations] == [
        "SELECT 1;",
        "SELECT 2;",
        "SELECT 3;",
        None,
        None,
    ]
    assert all(m.sql_on("postgresql") is None for m in migrations)


def test_the_first_definition_of_a_property_wins(tmp_path: Path) -> None:
    _xml(
        tmp_path,
        "master.xml",
        '<property name="schema" value="first"/>',
        '<property name="Schema" value="second"/>',
        '<include file="child.xml" relativeToChangelogFile="true"/>',
        _select("1", "'${SCHEMA}', '${late}'"),
    )
    _xml(
        tmp_path,
        "child.xml",
        '<property name="schema" value="child"/>',
        '<property name="late" value="from the child"/>',
        _select("2", "'${schema}'"),
    )

    child, master = Liquibase().read(tmp_path)

    assert child.sql == "SELECT 'first';"
    # A global property defined in an included changelog holds after the include too.
    assert master.sql == "SELECT 'first', 'from the child';"


def test_a_property_is_visible_after_its_definition_only(tmp_path: Path) -> None:
    _xml(
        tmp_path,
        "master.xml",
        _select("1", "'${name}'"),
        '<include file="before.xml" relativeToChangelogFile="true"/>',
        '<property name="name" value="defined"/>',
        '<include file="after.xml" relativeToChangelogFile="true"/>',
        _select("2", "'${name}'"),
    )
    _xml(tmp_path, "before.xml", _select("3", "'${name}'"))
    _xml(tmp_path, "after.xml", _select("4", "'${name}'"))

    migrations = Liquibase().read(tmp_path)

    assert [m.version.split("::")[1] for m in migrations] == ["1", "3", "4", "2"]
    assert [m.sql for m in migrations] == [None, None, "SELECT 'defined';", "SELECT 'defined';"]


def test_an_included_changelog_sees_its_parent_s_global_properties_not_its_local_ones(
    tmp_path: Path,
) -> None:
    _xml(
        tmp_path,
        "master.xml",
        '<property name="shared" value="everywhere"/>',
        '<property name="own" value="here" global="false"/>',
        '<include file="changes/child.xml" relativeToChangelogFile="true"/>',
        _select("1", "'${shared}', '${own}'"),
    )
    _xml(tmp_path, "changes/child.xml", _select("2", "'${shared}'"), _select("3", "'${own}'"))

    shared, own, master = Liquibase().read(tmp_path)

    assert shared.sql == "SELECT 'everywhere';"
    assert _sql(own) == (None, None)
    assert master.sql == "SELECT 'everywhere', 'here';"


def test_a_global_property_comes_before_a_local_one_and_the_last_local_one_wins(
    tmp_path: Path,
) -> None:
    # As Liquibase's ChangeLogParameters looks them up: global ones first, local ones from the
    # last defined.
    _xml(
        tmp_path,
        "changelog.xml",
        '<property name="a" value="local" global="false"/>',
        '<property name="a" value="global"/>',
        '<property name="b" value="first" global="false"/>',
        '<property name="b" value="second" global="false"/>',
        _select("1", "'${a}', '${b}'"),
    )

    (migration,) = Liquibase().read(tmp_path)

    assert migration.sql == "SELECT 'global', 'second';"


def test_yaml_and_json_properties(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "master.yaml",
        "databaseChangeLog:\n"
        "  - property:\n      name: idType\n      value: bigint\n      dbms: postgresql\n"
        "  - property:\n      name: idType\n      value: int\n      dbms: mysql, mariadb\n"
        "  - property:\n      name: width\n      value: 40\n      global: false\n"
        "  - include:\n      file: child.json\n      relativeToChangelogFile: true\n"
        "  - changeSet:\n      id: 1\n      author: a\n      changes:\n"
        "        - addColumn:\n            tableName: t\n            columns:\n"
        "              - column:\n                  name: c\n"
        "                  type: varchar(${width})\n",
    )
    _write(
        tmp_path,
        "child.json",
        '{"databaseChangeLog": [\n'
        '  {"property": {"name": "table", "value": "cards", "global": true}},\n'
        '  {"changeSet": {"id": "2", "author": "a", "changes": [\n'
        '    {"createTable": {"tableName": "${table}", "columns": [\n'
        '      {"column": {"name": "id", "type": "${idType}"}}]}}]}}\n'
        "]}\n",
    )

    child, master = Liquibase().read(tmp_path)

    assert _sql(child) == (
        "CREATE TABLE cards (id BIGINT);\n",
        "CREATE TABLE cards (id INT NULL);\n",
    )
    assert master.sql_on("postgresql") == "ALTER TABLE t ADD c VARCHAR(40);\n"


def test_sql_file_and_formatted_sql_text_is_substituted(tmp_path: Path) -> None:
    _xml(
        tmp_path,
        "master.xml",
        '<property name="schema" value="payments"/>',
        '<property name="engine" value="InnoDB" dbms="mysql, mariadb"/>',
        '<property name="engine" value="" dbms="postgresql"/>',
        '<changeSet id="1" author="a"><sqlFile path="create.sql" relativeToChangelogFile="true"/>'
        "</changeSet>",
        '<include file="more.sql" relativeToChangelogFile="true"/>',
    )
    _write(tmp_path, "create.sql", "CREATE SCHEMA ${schema};\n")
    _write(
        tmp_path,
        "more.sql",
        "--liquibase formatted sql\n\n--changeset a:2\n"
        "CREATE TABLE ${schema}.t (id int) /* ${engine} */;\n",
    )

    from_file, formatted = Liquibase().read(tmp_path)

    assert from_file.sql == "CREATE SCHEMA payments;\n"
    assert from_file.path == tmp_path / "create.sql"
    assert _sql(formatted) == (
        "CREATE TABLE payments.t (id int) /*  */;\n",
        "CREATE TABLE payments.t (id int) /* InnoDB */;\n",
    )
    assert formatted.first_line == 4


def test_values_name_other_properties_and_expressions_nest(tmp_path: Path) -> None:
    _xml(
        tmp_path,
        "changelog.xml",
        '<property name="env" value="prod"/>',
        '<property name="schema.prod" value="live"/>',
        '<property name="qualified" value="${schema.${env}}.t"/>',
        '<property name="loop" value="${loop}"/>',
        _select("1", "'${qualified}'"),
        _select("2", "'${loop}'"),
        _select("3", "'${unclosed'"),
    )

    qualified, loop, unclosed = Liquibase().read(tmp_path)

    assert qualified.sql == "SELECT 'live.t';"
    assert loop.sql is None and unclosed.sql is None


def test_a_property_limited_by_context_holds_and_one_read_from_a_file_is_not_read(
    tmp_path: Path,
) -> None:
    _write(tmp_path, "values.properties", "table=cards\n")
    _xml(
        tmp_path,
        "changelog.xml",
        '<property name="schema" value="payments" context="prod" labels="v1"/>',
        '<property file="values.properties" relativeToChangelogFile="true"/>',
        _select("1", "'${schema}'"),
        _select("2", "'${table}'"),
    )

    in_context, from_file = Liquibase().read(tmp_path)

    assert in_context.sql == "SELECT 'payments';"
    assert from_file.sql is None


def test_a_changeset_s_dbms_may_be_a_parameter(tmp_path: Path) -> None:
    _xml(
        tmp_path,
        "changelog.xml",
        '<property name="target" value="postgresql"/>',
        '<changeSet id="1" author="a" dbms="${target}"><sql>SELECT 1;</sql></changeSet>',
    )

    (migration,) = Liquibase().read(tmp_path)

    assert _sql(migration) == ("SELECT 1;", "")


def test_the_line_of_an_sql_change_with_parameters_is_that_of_its_sql(tmp_path: Path) -> None:
    _xml(
        tmp_path,
        "changelog.xml",
        '<property name="x" value="1"/>',
        '<changeSet id="1" author="a">\n<sql>\nSELECT ${x};\n</sql>\n</changeSet>',
    )

    (migration,) = Liquibase().read(tmp_path)

    assert migration.sql == "\nSELECT 1;\n"
    # The SQL starts on the line of `<sql>`, its `SELECT` on the next.
    assert migration.first_line == 5
