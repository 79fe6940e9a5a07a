"""The MySQL/MariaDB engine against the real MariaDB server: what it reads, and how it fails."""

from __future__ import annotations

import secrets
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pymysql
import pytest

from adapters.db.catalog import PUBLIC, Catalog, Column, Grant, Relation, Role, Sample
from adapters.db.engine import CollectOptions, DatabaseError, Dsn
from adapters.db.mysql import SETTINGS, MysqlEngine
from adapters.db.resources import build_resources
from checker.engine import evaluate
from checker.library import builtin_policy_dir
from checker.models import Snapshot, Unresolved
from checker.policy import load_controls
from tests.adapters.db import my
from tests.adapters.db.my import Accounts, Database, Server, literal, quote

# The fixtures of `my`, used by name below.
server = my.server
database = my.database
accounts = my.accounts

EXAMPLES = Path(__file__).parents[3] / "examples" / "db" / "mariadb"
CARD = "4111111111111111"


def collect(dsn: Dsn, *untrusted: str, **options: Any) -> Catalog:
    return MysqlEngine().collect(dsn, CollectOptions(untrusted_roles=untrusted, **options))


def roles_of(catalog: Catalog) -> dict[str, Role]:
    assert not isinstance(catalog.roles, Unresolved), catalog.roles
    return {role.name: role for role in catalog.roles}


def relations_of(catalog: Catalog) -> dict[str, Relation]:
    assert not isinstance(catalog.relations, Unresolved), catalog.relations
    return {relation.address: relation for relation in catalog.relations}


def access_of(catalog: Catalog, role: str) -> set[tuple[str, str]]:
    assert not isinstance(catalog.access, Unresolved), catalog.access
    return {(item.object, item.privilege) for item in catalog.access if item.role == role}


def grants_of(catalog: Catalog) -> tuple[Grant, ...]:
    assert not isinstance(catalog.grants, Unresolved), catalog.grants
    return catalog.grants


def text_columns(_relation: Relation, column: Column) -> bool:
    return column.text_like


def verdicts(catalog: Catalog, control_id: str) -> dict[str, str]:
    """The status of each resource one control of the library checks in the catalog."""
    (control,) = [c for c in load_controls([builtin_policy_dir()]) if c.id == control_id]
    snapshot = Snapshot("db", tuple(build_resources(catalog)))
    (result,) = evaluate([control], [snapshot]).results
    return {finding.resource: str(finding.status) for finding in result.findings}


@contextmanager
def another_database(server: Server) -> Iterator[Database]:
    """A second fresh database on the server, dropped afterwards."""
    name = f"am_test_{secrets.token_hex(4)}"
    server.execute(f"CREATE DATABASE {quote(name)}")
    try:
        yield Database(name, server)
    finally:
        server.execute(f"DROP DATABASE IF EXISTS {quote(name)}")


def cards_schema(database: Database) -> None:
    database.execute(
        "CREATE TABLE cards (id INT PRIMARY KEY, pan VARCHAR(19), holder VARCHAR(80))",
        "CREATE TABLE notes (id INT PRIMARY KEY, body TEXT)",
    )


@contextmanager
def engine_queries(hook: Callable[[Any, str, Callable[[str], object]], None]) -> Iterator[None]:
    """Calls `hook(connection, sql, run)` after each SELECT or SHOW the engine sends, where
    `run` sends a statement of the test's own on the engine's connection."""
    original = pymysql.connections.Connection.query
    engines: list[Any] = []

    def query(self: Any, sql: Any, unbuffered: bool = False) -> Any:
        text = sql.decode() if isinstance(sql, bytes) else str(sql)
        if text.startswith("SET SESSION TRANSACTION READ ONLY"):
            engines.append(self)
        result = original(self, sql, unbuffered)
        if any(self is engine for engine in engines) and text.startswith(("SELECT", "SHOW")):
            # The engine's cursor reads the connection's last result: keep it the engine's.
            engine_result = self._result
            hook(self, text, lambda statement: original(self, statement))
            self._result = engine_result
        return result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pymysql.connections.Connection, "query", query)
        yield


# -- effective access ------------------------------------------------------------------------


def test_an_untrusted_account_reads_a_table_through_roles_it_was_granted(
    server: Server, database: Database, accounts: Accounts
) -> None:
    cards_schema(database)
    db = database.name
    web, readers, nested = accounts.user("web"), accounts.role("readers"), accounts.role("nested")
    server.execute(
        f"GRANT SELECT ON {quote(db)}.cards TO {quote(nested)}",
        f"GRANT {quote(nested)} TO {quote(readers)}",
        f"GRANT {quote(readers)} TO {literal(web)}@'%'",
    )

    catalog = collect(database.dsn(), web)

    account = f"{web}@%"
    assert account in catalog.untrusted_roles
    assert (f"{db}.cards", "SELECT") in access_of(catalog, account)
    assert (f"{db}.cards", "INSERT") not in access_of(catalog, account)
    assert (f"{db}.notes", "SELECT") not in access_of(catalog, account)
    table_grants = [g for g in grants_of(catalog) if g.object == f"{db}.cards"]
    assert [(g.grantee, g.privilege, g.object_type) for g in table_grants] == [
        (nested, "SELECT", "table")
    ]
    roles = roles_of(catalog)
    assert roles[account].member_of == (readers,)
    assert roles[readers].member_of == (nested,)
    assert (roles[readers].is_role, roles[readers].login, roles[readers].host) == (
        True,
        False,
        None,
    )
    assert (roles[account].user, roles[account].host, roles[account].login) == (web, "%", True)


def test_column_and_schema_grants_give_access_and_schema_names_match_as_patterns(
    server: Server, database: Database, accounts: Accounts
) -> None:
    cards_schema(database)
    db = database.name
    web, batch, wild = accounts.user("web"), accounts.user("batch"), accounts.user("wild")
    # `_` in a database grant matches any one character, `\_` only itself.
    pattern = db[:-1] + "_"
    escaped = db.replace("_", "\\_")
    server.execute(
        f"GRANT SELECT (holder), UPDATE (holder) ON {quote(db)}.cards TO {literal(web)}@'%'",
        f"GRANT SELECT, INSERT ON {quote(db)}.* TO {literal(batch)}@'%'",
        f"GRANT DELETE ON {quote(pattern)}.* TO {literal(wild)}@'%'",
        f"GRANT UPDATE ON {quote(escaped)}.* TO {literal(wild)}@'%'",
    )

    catalog = collect(database.dsn(), web, batch, wild)

    assert access_of(catalog, f"{web}@%") == {
        (f"{db}.cards.holder", "SELECT"),
        (f"{db}.cards.holder", "UPDATE"),
    }
    assert access_of(catalog, f"{batch}@%") == {
        (table, privilege)
        for table in (f"{db}.cards", f"{db}.notes")
        for privilege in ("SELECT", "INSERT")
    }
    assert access_of(catalog, f"{wild}@%") == {
        (table, privilege)
        for table in (f"{db}.cards", f"{db}.notes")
        for privilege in ("DELETE", "UPDATE")
    }
    grants = grants_of(catalog)
    assert Grant(f"{web}@%", "SELECT", "column", f"{db}.cards.holder") in grants
    assert Grant(f"{batch}@%", "INSERT", "schema", f"schema:{db}") in grants
    # The escaped name is the database's own name; the pattern stays a pattern.
    assert Grant(f"{wild}@%", "UPDATE", "schema", f"schema:{db}") in grants
    assert Grant(f"{wild}@%", "DELETE", "schema", f"schema:{pattern}") in grants


def test_grants_to_public_reach_every_account(
    server: Server, database: Database, accounts: Accounts
) -> None:
    cards_schema(database)
    db = database.name
    web = accounts.user("web")
    with accounts.public():
        server.execute(f"GRANT SELECT ON {quote(db)}.notes TO PUBLIC")
        try:
            catalog = collect(database.dsn(), web)
        finally:
            server.execute(f"REVOKE SELECT ON {quote(db)}.notes FROM PUBLIC")

    assert catalog.untrusted_roles[0] == PUBLIC
    assert access_of(catalog, PUBLIC) == {(f"{db}.notes", "SELECT")}
    assert access_of(catalog, f"{web}@%") == {(f"{db}.notes", "SELECT")}
    assert Grant(PUBLIC, "SELECT", "table", f"{db}.notes", grantor="root@127.0.0.1") in grants_of(
        catalog
    )
    assert PUBLIC not in roles_of(catalog)


# -- accounts ----------------------------------------------------------------------------------


def test_accounts_show_passwords_hosts_and_administrators(
    server: Server, database: Database, accounts: Accounts
) -> None:
    empty = accounts.user("empty")
    secret = accounts.user("secret", password="correct horse battery staple")
    admin = accounts.user("admin")
    app = accounts.user("app", host="10.0.%")
    locked = accounts.user("locked", password="another long passphrase")
    server.execute(
        f"GRANT ALL PRIVILEGES ON *.* TO {literal(admin)}@'%' WITH GRANT OPTION",
        f"ALTER USER {literal(locked)}@'%' ACCOUNT LOCK",
    )

    catalog = collect(database.dsn())

    roles = roles_of(catalog)
    assert roles[f"{empty}@%"].password == "empty"
    assert roles[f"{secret}@%"].password == "mysql_native_password"
    assert (roles[f"{admin}@%"].host, roles[f"{admin}@%"].superuser) == ("%", True)
    assert roles[f"{admin}@%"].create_role
    assert not roles[f"{empty}@%"].superuser
    assert (roles[f"{app}@10.0.%"].user, roles[f"{app}@10.0.%"].host) == (app, "10.0.%")
    assert not roles[f"{locked}@%"].login
    assert Grant(f"{admin}@%", "SUPER", "global", "*", grantable=True) in grants_of(catalog)
    assert Grant(f"{admin}@%", "FILE", "global", "*", grantable=True) in grants_of(catalog)
    assert catalog.current_user == "root@127.0.0.1"
    assert "hash" not in repr(catalog).lower()
    assert "*" + "0" * 40 not in repr(catalog)


def test_the_anonymous_account_is_untrusted(database: Database, accounts: Accounts) -> None:
    with accounts.anonymous() as anonymous:
        catalog = collect(database.dsn())

    assert anonymous == "''@%"
    assert anonymous in catalog.untrusted_roles
    role = roles_of(catalog)[anonymous]
    assert (role.user, role.host, role.login, role.password) == ("", "%", True, "empty")


# -- views and routines -------------------------------------------------------------------------


def test_definer_views_and_procedures_that_untrusted_accounts_may_run(
    server: Server, database: Database, accounts: Accounts
) -> None:
    cards_schema(database)
    db = database.name
    web = accounts.user("web")
    database.execute(
        "CREATE SQL SECURITY DEFINER VIEW card_view AS SELECT pan FROM cards",
        "CREATE SQL SECURITY INVOKER VIEW safe_view AS SELECT id FROM cards",
        "CREATE PROCEDURE lookup(IN p INT) SQL SECURITY DEFINER SELECT pan FROM cards WHERE id = p",
        "CREATE PROCEDURE own_rights() SQL SECURITY INVOKER SELECT 1",
    )
    server.execute(
        f"GRANT EXECUTE ON PROCEDURE {quote(db)}.lookup TO {literal(web)}@'%'",
        f"GRANT EXECUTE ON PROCEDURE {quote(db)}.own_rights TO {literal(web)}@'%'",
        f"GRANT SELECT ON {quote(db)}.card_view TO {literal(web)}@'%'",
    )

    catalog = collect(database.dsn(), web)

    relations = relations_of(catalog)
    view = relations[f"{db}.card_view"]
    assert (view.kind, view.security_invoker, view.owner) == ("view", False, "root@127.0.0.1")
    assert [column.name for column in view.columns] == ["pan"]
    assert relations[f"{db}.safe_view"].security_invoker is True
    cards = relations[f"{db}.cards"]
    assert (cards.kind, cards.owner, cards.security_invoker, cards.rls_enabled) == (
        "table",
        "",
        None,
        False,
    )
    assert [(c.name, c.data_type, c.text_like) for c in cards.columns] == [
        ("id", "int(11)", False),
        ("pan", "varchar(19)", True),
        ("holder", "varchar(80)", True),
    ]
    assert not isinstance(catalog.functions, Unresolved)
    functions = {function.address: function for function in catalog.functions}
    assert functions[f"{db}.lookup()"].security_definer
    assert functions[f"{db}.lookup()"].owner == "root@127.0.0.1"
    assert not functions[f"{db}.own_rights()"].security_definer
    assert access_of(catalog, f"{web}@%") == {
        (f"{db}.lookup()", "EXECUTE"),
        (f"{db}.card_view", "SELECT"),
    }
    assert Grant(
        f"{web}@%", "EXECUTE", "function", f"{db}.lookup()", grantor="root@127.0.0.1"
    ) in grants_of(catalog)
    assert catalog.policies == ()
    assert catalog.default_privileges == ()


def test_routines_the_account_may_not_list_are_an_error_not_absent(
    server: Server, database: Database, accounts: Accounts
) -> None:
    cards_schema(database)
    db = database.name
    database.execute(
        "CREATE PROCEDURE lookup() SQL SECURITY DEFINER SELECT pan FROM cards",
        "CREATE PROCEDURE own_rights() SQL SECURITY INVOKER SELECT 1",
    )
    scanner = accounts.user("noproc", password="scanner passphrase")
    account = f"{literal(scanner)}@'%'"
    # Everything the engine reads but mysql.proc. information_schema.ROUTINES would show it
    # the one routine it may run, and nothing of the SECURITY DEFINER one.
    tables = ("user", "global_priv", "roles_mapping", "db", "tables_priv", "columns_priv")
    server.execute(
        *(f"GRANT SELECT ON mysql.{table} TO {account}" for table in (*tables, "procs_priv")),
        f"GRANT REFERENCES ON {quote(db)}.* TO {account}",
        f"GRANT EXECUTE ON PROCEDURE {quote(db)}.own_rights TO {account}",
    )

    catalog = collect(database.dsn(scanner, "scanner passphrase"), scanner)
    full = collect(database.dsn(), scanner)

    functions = catalog.functions
    assert isinstance(functions, Unresolved)
    assert functions.expression == "functions and procedures (mysql.proc) on 127.0.0.1:3306"
    assert functions.reason.startswith("1142: SELECT command denied")
    assert "without SELECT on mysql.proc" in functions.reason
    assert "cannot all be listed" in functions.reason
    # Only the routines are missing: the tables, grants and access are whole.
    assert f"{db}.cards" in relations_of(catalog)
    assert Grant(f"{scanner}@%", "EXECUTE", "function", f"{db}.own_rights()", "root@127.0.0.1") in (
        grants_of(catalog)
    )
    assert access_of(catalog, f"{scanner}@%") == set()
    control = "pci-7.2.2-db-security-definer-functions"
    assert verdicts(catalog, control) == {"function:*": "error"}
    assert verdicts(full, control) == {f"{db}.lookup()": "pass"}


# -- scope ---------------------------------------------------------------------------------


def test_a_scan_reads_the_dsn_database_and_all_databases_reads_every_one(
    server: Server, database: Database, accounts: Accounts
) -> None:
    cards_schema(database)
    db = database.name
    web, admin = accounts.user("web"), accounts.user("admin")
    with another_database(server) as other:
        other.execute(
            "CREATE TABLE ledger (id INT, note TEXT)",
            f"INSERT INTO ledger VALUES (1, 'card {CARD}')",
            "CREATE PROCEDURE settle() SQL SECURITY DEFINER SELECT note FROM ledger",
        )
        elsewhere = other.name
        server.execute(
            f"GRANT SELECT ON {quote(db)}.cards TO {literal(web)}@'%'",
            f"GRANT SELECT ON {quote(elsewhere)}.ledger TO {literal(web)}@'%'",
            f"GRANT SELECT (note) ON {quote(elsewhere)}.ledger TO {literal(web)}@'%'",
            f"GRANT EXECUTE ON PROCEDURE {quote(elsewhere)}.settle TO {literal(web)}@'%'",
            f"GRANT INSERT ON {quote(elsewhere)}.* TO {literal(web)}@'%'",
            f"GRANT PROCESS ON *.* TO {literal(admin)}@'%'",
        )

        one = collect(database.dsn(), web, sample_rows=5, sample_column=text_columns)
        every = collect(
            database.dsn(), web, sample_rows=5, sample_column=text_columns, all_databases=True
        )

    # The DSN's database alone: its tables, the grants on it, its routines, its samples.
    assert set(relations_of(one)) == {f"{db}.cards", f"{db}.notes"}
    assert not [g for g in grants_of(one) if elsewhere in g.object]
    assert one.functions == ()
    assert set(one.samples) == {f"{db}.cards.pan", f"{db}.cards.holder", f"{db}.notes.body"}
    assert access_of(one, f"{web}@%") == {(f"{db}.cards", "SELECT")}
    # Accounts and their global grants are the server's, whichever database is scanned.
    for catalog in (one, every):
        assert catalog.database == db
        assert {f"{web}@%", f"{admin}@%"} <= set(roles_of(catalog))
        assert Grant(f"{admin}@%", "PROCESS", "global", "*") in grants_of(catalog)

    ledger = relations_of(every)[f"{elsewhere}.ledger"]
    assert (ledger.schema, ledger.name) == (elsewhere, "ledger")
    assert f"{db}.cards" in relations_of(every)
    assert not isinstance(every.functions, Unresolved)
    settle = {function.address: function for function in every.functions}[f"{elsewhere}.settle()"]
    assert settle.schema == elsewhere
    note = every.samples[f"{elsewhere}.ledger.note"]
    assert isinstance(note, Sample) and note.pan_values == 1
    assert access_of(every, f"{web}@%") >= {
        (f"{db}.cards", "SELECT"),
        (f"{elsewhere}.ledger", "SELECT"),
        (f"{elsewhere}.ledger", "INSERT"),
        (f"{elsewhere}.ledger.note", "SELECT"),
        (f"{elsewhere}.settle()", "EXECUTE"),
    }
    assert Grant(f"{web}@%", "INSERT", "schema", f"schema:{elsewhere}") in grants_of(every)

    # Each resource is labelled with the database it is in; accounts with the whole server.
    located = {item.address: item.location.extra for item in build_resources(every)}
    assert located[f"{elsewhere}.ledger"]["database"] == elsewhere
    assert located[f"{elsewhere}.ledger.note"]["database"] == elsewhere
    assert located[f"{elsewhere}.settle()"]["database"] == elsewhere
    assert located[f"{db}.cards"]["database"] == db
    account = located[f"role:{web}@%"]
    assert account["scope"] == "server" and "database" not in account
    tables = {r.address: r for r in build_resources(every) if r.type == "db.table"}
    assert tables[f"{elsewhere}.ledger"].attributes["schema"] == elsewhere


# -- server ------------------------------------------------------------------------------------


def test_version_settings_and_audit(database: Database) -> None:
    catalog = collect(database.dsn())

    assert catalog.engine == "mariadb"
    assert isinstance(catalog.version, str) and "MariaDB" in catalog.version
    assert (catalog.server, catalog.database) == ("127.0.0.1:3306", database.name)
    assert set(catalog.settings) == set(SETTINGS)
    assert catalog.settings["local_infile"] in ("ON", "OFF")
    # MariaDB 10.4.2+ has both (read, never set: the server is shared).
    assert str(catalog.settings["max_password_errors"]).isdigit()
    assert str(catalog.settings["interactive_timeout"]).isdigit()
    assert catalog.settings["audit_log_policy"] is None
    assert not isinstance(catalog.audit, Unresolved)
    assert not catalog.audit.enabled
    assert "no audit plugin" in catalog.audit.detail
    relations = relations_of(catalog)
    assert not any(address.startswith(("mysql.", "sys.")) for address in relations)


def test_the_number_of_queries_does_not_grow_with_the_tables(database: Database) -> None:
    database.execute(*(f"CREATE TABLE t{n} (id INT, name VARCHAR(10))" for n in range(3)))
    few = collect(database.dsn())
    database.execute(*(f"CREATE TABLE t{n} (id INT, name VARCHAR(10))" for n in range(3, 60)))
    many = collect(database.dsn())

    assert len([r for r in relations_of(many) if r.startswith(database.name)]) == 60
    assert few.queries == many.queries == 15


def test_the_transaction_is_read_only(database: Database) -> None:
    database.execute("CREATE TABLE t (id INT)")
    seen: dict[str, Any] = {}

    def try_writing(connection: Any, sql: str, run: Callable[[str], object]) -> None:
        if not sql.startswith("SHOW GLOBAL VARIABLES") or seen:
            return
        run("SELECT @@session.tx_read_only, @@in_transaction")
        seen["state"] = connection._result.rows[0]
        try:
            run(f"INSERT INTO {quote(database.name)}.t VALUES (1)")
        except pymysql.MySQLError as exc:
            seen["insert"] = exc.args[0]

    with engine_queries(try_writing):
        catalog = collect(database.dsn())

    assert seen == {"state": (1, 1), "insert": 1792}
    assert not isinstance(catalog.relations, Unresolved)
    assert database.server.rows(f"SELECT COUNT(*) FROM {quote(database.name)}.t") == [(0,)]


# -- sampling ----------------------------------------------------------------------------------


def test_sampling_finds_card_numbers_and_keeps_only_masks(database: Database) -> None:
    database.execute(
        "CREATE TABLE support_tickets (id INT, body TEXT, amount INT)",
        f"INSERT INTO support_tickets VALUES (1, 'card {CARD} declined', 10), "
        "(2, 'change of address', 20), (3, NULL, 30)",
    )
    address = f"{database.name}.support_tickets"

    catalog = collect(
        database.dsn(), sample_rows=10, sample_column=lambda _relation, column: column.text_like
    )

    assert catalog.samples[f"{address}.body"] == Sample(3, 1, ("411111******1111",))
    assert f"{address}.amount" not in catalog.samples
    assert CARD not in repr(catalog)
    assert "declined" not in repr(catalog)
    # Sampling queries are not catalog queries.
    assert catalog.queries == 15


def test_a_sample_the_account_may_not_read_is_unresolved(
    server: Server, database: Database, accounts: Accounts, monkeypatch: pytest.MonkeyPatch
) -> None:
    database.execute("CREATE TABLE notes (id INT, body TEXT)")
    scanner = accounts.user("scan", password="scanner passphrase")
    server.execute(f"GRANT REFERENCES ON {quote(database.name)}.* TO {literal(scanner)}@'%'")
    # With no password in the connection string, the engine takes MYSQL_PWD's.
    monkeypatch.setenv("MYSQL_PWD", "scanner passphrase")

    catalog = collect(
        database.dsn(scanner),
        sample_rows=5,
        sample_column=lambda _relation, column: column.text_like,
    )

    sample = catalog.samples[f"{database.name}.notes.body"]
    assert isinstance(sample, Unresolved)
    assert "1142" in sample.reason and "notes" in sample.expression


# -- faults ------------------------------------------------------------------------------------


def test_an_account_without_access_to_the_mysql_schema(
    server: Server, database: Database, accounts: Accounts
) -> None:
    cards_schema(database)
    scanner = accounts.user("scan", password="scanner passphrase")
    server.execute(f"GRANT SELECT ON {quote(database.name)}.* TO {literal(scanner)}@'%'")

    catalog = collect(database.dsn(scanner, "scanner passphrase"), "anyone")

    for part in (catalog.roles, catalog.grants, catalog.access):
        assert isinstance(part, Unresolved), part
        assert "1142" in part.reason and "denied" in part.reason
    assert isinstance(catalog.roles, Unresolved)
    assert "mysql.user" in catalog.roles.expression
    assert f"{database.name}.cards" in relations_of(catalog)
    assert catalog.current_user == f"{scanner}@%"
    assert not isinstance(catalog.settings["local_infile"], Unresolved)
    assert not isinstance(catalog.audit, Unresolved)
    assert catalog.untrusted_roles == (PUBLIC,)


@pytest.mark.parametrize(
    ("after", "read", "lost"),
    [
        (1, {"version"}, {"roles", "grants", "relations", "functions", "audit", "access"}),
        # The access comes from what was read before: the tables' is whole without routines.
        (10, {"version", "roles", "grants", "relations", "access"}, {"functions", "audit"}),
    ],
)
def test_a_connection_killed_midway(
    server: Server, database: Database, after: int, read: set[str], lost: set[str]
) -> None:
    cards_schema(database)
    count = [0]

    def kill(connection: Any, _sql: str, _run: Callable[[str], object]) -> None:
        count[0] += 1
        if count[0] == after:
            server.execute(f"KILL {connection.thread_id()}")

    with engine_queries(kill):
        catalog = collect(database.dsn())

    for name in read:
        assert not isinstance(getattr(catalog, name), Unresolved), name
    for name in lost:
        part = getattr(catalog, name)
        assert isinstance(part, Unresolved), name
        assert "connection was lost during collection" in part.reason
    assert all(isinstance(value, Unresolved) for value in catalog.settings.values())


def test_an_unreachable_server_gives_a_catalog_of_unresolved_parts() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    catalog = collect(Dsn("mysql", "127.0.0.1", port, "shop", user="root", password="pw-xyz"))

    assert catalog.engine == "mysql"
    assert isinstance(catalog.roles, Unresolved)
    assert f"127.0.0.1:{port}" in catalog.roles.expression
    assert "2003" in catalog.roles.reason
    assert isinstance(catalog.access, Unresolved)
    assert "pw-xyz" not in repr(catalog)


def test_tls_that_cannot_be_had_is_a_catalog_of_unresolved_parts(database: Database) -> None:
    dsn = replace(database.dsn(), params={"ssl-mode": "REQUIRED"})

    catalog = collect(dsn)

    assert isinstance(catalog.relations, Unresolved)
    assert "SSL is required" in catalog.relations.reason


def test_an_unknown_tls_mode_is_a_usage_error(database: Database) -> None:
    dsn = replace(database.dsn(), params={"ssl_mode": "SOMETIMES"})

    with pytest.raises(DatabaseError, match="ssl-mode SOMETIMES"):
        collect(dsn)


# -- the examples --------------------------------------------------------------------------------


def test_the_insecure_example_shows_what_was_planted(server: Server) -> None:
    # Under names of its own: the server is shared, and may hold accounts of any name.
    with my.example(server, "insecure") as loaded:
        catalog = collect(
            server.dsn(loaded.database),
            loaded["fi_web"],
            sample_rows=10,
            sample_column=lambda _relation, column: column.text_like,
        )

    db, readers = loaded.database, loaded["fi_readers"]
    web, anonymous, root = f"{loaded['fi_web']}@%", f"''@{loaded.host}", f"root@{loaded.host}"
    untrusted = catalog.untrusted_roles
    assert untrusted[0] == PUBLIC
    assert untrusted.index(anonymous) < untrusted.index(web)
    assert access_of(catalog, web) >= {
        (f"{db}.cards", "SELECT"),
        (f"{db}.card_directory", "SELECT"),
        (f"{db}.card_lookup()", "EXECUTE"),
    }
    grants = grants_of(catalog)
    assert not [g for g in grants if g.grantee == web and g.object == f"{db}.cards"]
    assert Grant(readers, "SELECT", "table", f"{db}.cards", "root@127.0.0.1") in grants
    roles = roles_of(catalog)
    assert roles[web].member_of == (readers,)
    assert roles[f"{loaded['fi_batch']}@%"].password == "empty"
    assert roles[anonymous].user == ""
    assert (roles[root].host, roles[root].superuser) == (loaded.host, True)
    assert access_of(catalog, anonymous) == {(f"{db}.payments", "SELECT")}
    assert relations_of(catalog)[f"{db}.card_directory"].security_invoker is False
    body = catalog.samples[f"{db}.support_tickets.body"]
    assert isinstance(body, Sample)
    assert (body.pan_values, body.examples) == (1, ("411111******1111",))
    assert CARD not in repr(catalog)
    users = ", ".join(literal(name) for name in loaded.names.values())
    assert not server.rows(
        f"SELECT 1 FROM mysql.user WHERE User IN ({users}) OR Host = {literal(loaded.host)}"
    )


def test_the_compliant_example_gives_the_web_account_nothing_sensitive(server: Server) -> None:
    with my.example(server, "compliant") as loaded:
        catalog = collect(server.dsn(loaded.database), loaded["fc_web"])

    db = loaded.database
    web = f"{loaded['fc_web']}@10.20.%"
    assert web in catalog.untrusted_roles
    assert {obj for obj, _ in access_of(catalog, web)} == {
        f"{db}.currencies",
        f"{db}.payment_status",
        f"{db}.payments.id",
        f"{db}.payments.status",
        f"{db}.payments.created_at",
    }
    own = {loaded[name] for name in ("fc_web", "fc_batch", "fc_migrate", "fc_readers")}
    roles = {name: role for name, role in roles_of(catalog).items() if name.split("@")[0] in own}
    assert {role.host for role in roles.values() if not role.is_role} == {"10.20.%", "localhost"}
    assert all(role.password != "empty" for role in roles.values())
    assert [c.name for c in relations_of(catalog)[f"{db}.cards"].columns] == [
        "id",
        "customer_id",
        "pan_token",
        "last4",
    ]
    assert relations_of(catalog)[f"{db}.payment_status"].security_invoker is True
    users = ", ".join(literal(name) for name in loaded.names.values())
    assert not server.rows(f"SELECT 1 FROM mysql.user WHERE User IN ({users})")


def test_an_untrusted_account_named_by_its_host_too(
    server: Server, database: Database, accounts: Accounts
) -> None:
    cards_schema(database)
    web = accounts.user("web", host="10.1.%")
    other = accounts.user("web", host="10.2.%")
    server.execute(f"GRANT SELECT ON {quote(database.name)}.cards TO {literal(web)}@'10.1.%'")
    assert web == other

    by_name = collect(database.dsn(), web)
    by_account = collect(database.dsn(), f"{web}@10.1.%")

    assert {f"{web}@10.1.%", f"{web}@10.2.%"} <= set(by_name.untrusted_roles)
    assert f"{web}@10.2.%" not in by_account.untrusted_roles
    assert access_of(by_account, f"{web}@10.1.%") == {(f"{database.name}.cards", "SELECT")}
    assert access_of(by_name, f"{web}@10.2.%") == set()


def test_a_named_untrusted_account_that_does_not_exist_leaves_access_undecided(
    server: Server, database: Database, accounts: Accounts
) -> None:
    cards_schema(database)
    web = accounts.user("web", host="10.1.%")
    misspelt = f"wbe_{database.name}"

    found = collect(database.dsn(), web, misspelt, roles_named=True)

    assert isinstance(found.access, Unresolved)
    assert found.access.reason == (
        f"no account or role named {misspelt} on this server (--untrusted-role or --preset)"
    )
    # Named by user name or as user@host, an account that exists is found.
    for name in (web, f"{web}@10.1.%"):
        assert not isinstance(collect(database.dsn(), name, roles_named=True).access, Unresolved)
