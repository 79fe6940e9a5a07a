"""The PostgreSQL engine against a real server: what a leaky database shows in the catalog,
a constant number of queries, and parts that fail on their own (denied, disconnected)."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

from adapters.db import postgres
from adapters.db.catalog import (
    Access,
    Catalog,
    Column,
    DefaultPrivilege,
    Relation,
    Sample,
    Unresolved,
)
from adapters.db.engine import CollectOptions, DatabaseError, Dsn
from adapters.db.postgres import SETTINGS, PostgresEngine
from tests.adapters.db import pg
from tests.adapters.db.pg import Scratch

scratch = pg.scratch

EXAMPLES = Path(__file__).parents[3] / "examples" / "db" / "postgres"
TEST_PAN = "4111111111111111"


def text_columns(relation: Relation, column: Column) -> bool:
    return column.text_like


def collect(dsn: Dsn, untrusted: tuple[str, ...] = (), **options: Any) -> Catalog:
    return PostgresEngine().collect(dsn, CollectOptions(untrusted_roles=untrusted, **options))


def resolved(value: Any) -> Any:
    assert not isinstance(value, Unresolved), value
    return value


# -- a leaky database --------------------------------------------------------------------

LEAKY = """
CREATE SCHEMA payments;
CREATE SCHEMA customers;
CREATE SCHEMA vault;
GRANT USAGE ON SCHEMA payments, customers TO PUBLIC;

CREATE TABLE payments.cards (id bigint PRIMARY KEY, pan text, expiry date, last4 char(4));
CREATE TABLE customers.customers (id bigint PRIMARY KEY, email varchar(200), born date);
CREATE TABLE vault.keys (id bigint PRIMARY KEY, secret text);

GRANT SELECT ON payments.cards TO {web_readers};
GRANT {web_readers} TO {anon};
GRANT {web_readers} TO {stranger};
GRANT SELECT (email), UPDATE (email) ON customers.customers TO {anon};
GRANT SELECT ON vault.keys TO {anon};

ALTER TABLE customers.customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY open_read ON customers.customers FOR SELECT TO {authenticated} USING (true);
CREATE POLICY own_write ON customers.customers FOR UPDATE TO PUBLIC
    USING (id = 1) WITH CHECK (id = 1);

CREATE VIEW customers.directory AS SELECT id, email FROM customers.customers;
CREATE VIEW customers.directory_safe WITH (security_invoker = true) AS
    SELECT c.id, k.last4 FROM customers.customers c JOIN payments.cards k ON k.id = c.id;
CREATE MATERIALIZED VIEW payments.card_counts AS SELECT count(*) AS n FROM payments.cards;

CREATE FUNCTION payments.card_lookup(p_last4 text) RETURNS text
    LANGUAGE sql SECURITY DEFINER
    AS $$ SELECT pan FROM payments.cards WHERE last4 = p_last4 $$;
CREATE FUNCTION payments.safe_lookup(p_last4 text) RETURNS text
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$ SELECT last4 FROM payments.cards WHERE last4 = p_last4 $$;
REVOKE EXECUTE ON FUNCTION payments.safe_lookup(text) FROM PUBLIC;
CREATE FUNCTION payments.plain(integer) RETURNS integer LANGUAGE sql AS $$ SELECT $1 $$;

ALTER DEFAULT PRIVILEGES IN SCHEMA payments GRANT SELECT ON TABLES TO PUBLIC;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON SEQUENCES TO {authenticated};

SET password_encryption = 'md5';
ALTER ROLE {md5_login} PASSWORD 'md5-hunter2';
SET password_encryption = 'scram-sha-256';
ALTER ROLE {scram_login} PASSWORD 'scram-hunter2';
"""


@dataclass(frozen=True)
class Leaky:
    """The leaky database, its role names and what the engine collected from it."""

    scratch: Scratch
    names: dict[str, str]
    catalog: Catalog


@pytest.fixture(scope="module")
def leaky() -> Iterator[Leaky]:
    with pg.scratch_database() as db:
        names = {
            "web_readers": db.role("web_readers"),
            "anon": db.role("anon"),
            "stranger": db.role("stranger", "NOLOGIN NOINHERIT"),
            "authenticated": db.role("authenticated"),
            "md5_login": db.role("md5_login", "LOGIN VALID UNTIL '2027-06-30 00:00:00+00'"),
            "scram_login": db.role("scram_login", "LOGIN"),
        }
        db.execute(LEAKY.format(**names))
        untrusted = (names["anon"], names["authenticated"], names["stranger"], "nobody_here")
        yield Leaky(db, names, collect(db.dsn(), untrusted))


def test_server_version_and_user(leaky: Leaky) -> None:
    assert resolved(leaky.catalog.version)[:2].isdigit()
    assert leaky.catalog.current_user == "postgres"
    assert (leaky.catalog.engine, leaky.catalog.server) == ("postgresql", "127.0.0.1:5432")
    assert leaky.catalog.database == leaky.scratch.name


def test_roles_memberships_and_password_storage(leaky: Leaky) -> None:
    names = leaky.names
    roles = {role.name: role for role in resolved(leaky.catalog.roles)}
    assert roles[names["anon"]].member_of == (names["web_readers"],)
    assert not roles[names["stranger"]].inherit
    assert roles["postgres"].superuser and roles["postgres"].bypass_rls
    assert roles[names["md5_login"]].password == "md5"
    assert roles[names["md5_login"]].valid_until == "2027-06-30T00:00:00+00:00"
    assert roles[names["scram_login"]].password == "scram-sha-256"
    assert roles[names["scram_login"]].valid_until is None
    assert roles[names["anon"]].password == "none"
    assert "hunter2" not in repr(leaky.catalog)
    assert "SCRAM-SHA-256$" not in repr(leaky.catalog)


def test_untrusted_roles_are_public_then_those_that_exist(leaky: Leaky) -> None:
    names = leaky.names
    assert leaky.catalog.untrusted_roles == (
        "PUBLIC",
        names["anon"],
        names["authenticated"],
        names["stranger"],
    )


def test_a_privilege_reached_through_a_group_role_is_effective(leaky: Leaky) -> None:
    anon, group = leaky.names["anon"], leaky.names["web_readers"]
    access = resolved(leaky.catalog.access)
    grants = resolved(leaky.catalog.grants)
    assert Access(anon, "payments.cards", "SELECT") in access
    assert not [g for g in grants if g.grantee == anon and g.object == "payments.cards"]
    group_grant = [g for g in grants if g.grantee == group and g.object == "payments.cards"]
    assert [(g.privilege, g.object_type, g.grantor) for g in group_grant] == [
        ("SELECT", "table", "postgres")
    ]
    # A NOINHERIT member holds the group's privileges only after SET ROLE: the server says no.
    assert Access(leaky.names["stranger"], "payments.cards", "SELECT") not in access
    assert Access("PUBLIC", "payments.cards", "SELECT") not in access


def test_column_grants_and_schema_usage(leaky: Leaky) -> None:
    anon = leaky.names["anon"]
    access = resolved(leaky.catalog.access)
    assert Access(anon, "customers.customers.email", "SELECT") in access
    assert Access(anon, "customers.customers.email", "UPDATE") in access
    assert Access(anon, "customers.customers", "SELECT") not in access
    grants = resolved(leaky.catalog.grants)
    column = [g for g in grants if g.object == "customers.customers.email"]
    assert {(g.grantee, g.privilege, g.object_type) for g in column} == {
        (anon, "SELECT", "column"),
        (anon, "UPDATE", "column"),
    }
    # Granted, but out of reach: anon has no USAGE on the schema.
    assert [g.privilege for g in grants if g.object == "vault.keys" and g.grantee == anon] == [
        "SELECT"
    ]
    assert not [a for a in access if a.object == "vault.keys"]
    schemas = {(g.grantee, g.privilege) for g in grants if g.object == "schema:payments"}
    assert ("PUBLIC", "USAGE") in schemas
    assert ("postgres", "CREATE") in schemas


def test_policies(leaky: Leaky) -> None:
    policies = {policy.name: policy for policy in resolved(leaky.catalog.policies)}
    assert policies["open_read"].table == "customers.customers"
    assert policies["open_read"].command == "SELECT"
    assert policies["open_read"].roles == (leaky.names["authenticated"],)
    assert policies["open_read"].using == "true"
    assert policies["open_read"].with_check is None
    assert policies["open_read"].permissive
    assert policies["own_write"].roles == ("PUBLIC",)
    assert policies["own_write"].command == "UPDATE"
    assert policies["own_write"].using == "(id = 1)"
    assert policies["own_write"].with_check == "(id = 1)"


def test_relations_columns_and_views(leaky: Leaky) -> None:
    relations = {relation.address: relation for relation in resolved(leaky.catalog.relations)}
    customers = relations["customers.customers"]
    assert customers.kind == "table"
    assert customers.owner == "postgres"
    assert (customers.rls_enabled, customers.rls_forced) == (True, False)
    assert customers.security_invoker is None
    assert [(c.name, c.data_type, c.text_like) for c in customers.columns] == [
        ("id", "bigint", False),
        ("email", "character varying(200)", True),
        ("born", "date", False),
    ]
    assert relations["payments.cards"].columns[3] == Column("last4", "character(4)", True)
    directory = relations["customers.directory"]
    assert directory.kind == "view"
    assert directory.security_invoker is False
    assert directory.reads == ("customers.customers",)
    safe = relations["customers.directory_safe"]
    assert safe.security_invoker is True
    assert safe.reads == ("customers.customers", "payments.cards")
    counts = relations["payments.card_counts"]
    assert (counts.kind, counts.security_invoker, counts.reads) == (
        "materialized_view",
        None,
        ("payments.cards",),
    )
    assert not [name for name in relations if name.startswith(("pg_", "information_schema"))]


def test_security_definer_functions(leaky: Leaky) -> None:
    functions = {function.address: function for function in resolved(leaky.catalog.functions)}
    lookup = functions["payments.card_lookup(p_last4 text)"]
    assert (lookup.security_definer, lookup.search_path, lookup.language) == (True, None, "sql")
    assert lookup.owner == "postgres"
    safe = functions["payments.safe_lookup(p_last4 text)"]
    assert safe.search_path == "pg_catalog, pg_temp"
    assert functions["payments.plain(integer)"].security_definer is False
    access = resolved(leaky.catalog.access)
    assert Access("PUBLIC", lookup.address, "EXECUTE") in access
    assert Access(leaky.names["anon"], lookup.address, "EXECUTE") in access
    assert not [a for a in access if a.object == safe.address]
    # Only SECURITY DEFINER functions are checked for who may run them.
    assert not [a for a in access if a.object == "payments.plain(integer)"]
    grants = resolved(leaky.catalog.grants)
    assert ("PUBLIC", "EXECUTE", "function") in {
        (g.grantee, g.privilege, g.object_type) for g in grants if g.object == lookup.address
    }


def test_default_privileges(leaky: Leaky) -> None:
    defaults = resolved(leaky.catalog.default_privileges)
    assert DefaultPrivilege("postgres", "payments", "table", "PUBLIC", ("SELECT",)) in defaults
    assert (
        DefaultPrivilege("postgres", None, "sequence", leaky.names["authenticated"], ("USAGE",))
        in defaults
    )


def test_settings_and_audit(leaky: Leaky) -> None:
    settings = leaky.catalog.settings
    assert list(settings) == list(SETTINGS)
    assert settings["ssl"] in ("on", "off")
    assert settings["password_encryption"] in ("md5", "scram-sha-256")
    assert isinstance(settings["shared_preload_libraries"], str)
    assert settings["pgaudit.log"] is None
    audit = resolved(leaky.catalog.audit)
    assert audit.enabled is False
    assert "pgaudit is not in shared_preload_libraries" in audit.detail


# -- a constant number of queries --------------------------------------------------------


def _tables(db: Scratch, count: int) -> None:
    db.execute(
        "CREATE SCHEMA app; "
        + " ".join(
            f"CREATE TABLE app.t{i} (id bigint PRIMARY KEY, note text); "
            f"ALTER TABLE app.t{i} ENABLE ROW LEVEL SECURITY; "
            f"CREATE POLICY p{i} ON app.t{i} USING (true); "
            f"CREATE VIEW app.v{i} AS SELECT * FROM app.t{i}; "
            f"GRANT SELECT (note) ON app.t{i} TO PUBLIC; "
            f"CREATE FUNCTION app.f{i}() RETURNS int LANGUAGE sql SECURITY DEFINER "
            f"AS $$ SELECT {i} $$;"
            for i in range(count)
        )
    )


def test_the_number_of_queries_does_not_grow_with_the_objects() -> None:
    counts = []
    for size in (3, 60):
        with pg.scratch_database() as db:
            _tables(db, size)
            catalog = collect(db.dsn(), ("anon_absent",))
            assert len(resolved(catalog.relations)) == 2 * size
            assert len(resolved(catalog.functions)) == size
            counts.append(catalog.queries)
    assert counts[0] == counts[1] == 14


# -- faults ------------------------------------------------------------------------------


def test_a_non_superuser_cannot_see_how_passwords_are_stored(scratch: Scratch) -> None:
    scanner = scratch.role("scanner", "LOGIN")
    catalog = collect(scratch.dsn(user=scanner))
    assert catalog.current_user == scanner
    roles = resolved(catalog.roles)
    assert {role.name for role in roles} >= {"postgres", scanner}
    for role in roles:
        assert isinstance(role.password, Unresolved), role
        assert "pg_authid" in role.password.expression
        assert role.password.reason.startswith("needs superuser: InsufficientPrivilege")
    for part in ("relations", "policies", "grants", "functions", "default_privileges", "access"):
        resolved(getattr(catalog, part))


def test_superuser_only_settings_need_pg_read_all_settings(scratch: Scratch) -> None:
    scanner = scratch.role("scanner", "LOGIN")
    hidden = collect(scratch.dsn(user=scanner))
    assert isinstance(hidden.settings["ssl"], str)
    libraries = hidden.settings["shared_preload_libraries"]
    assert isinstance(libraries, Unresolved)
    assert "pg_read_all_settings" in libraries.reason
    assert isinstance(hidden.audit, Unresolved)

    scratch.execute(f"GRANT pg_read_all_settings TO {scanner}")
    granted = collect(scratch.dsn(user=scanner))
    assert isinstance(granted.settings["shared_preload_libraries"], str)
    assert granted.settings["pgaudit.log"] is None
    assert resolved(granted.audit).enabled is False


def test_a_denied_query_leaves_only_its_part_unresolved(
    scratch: Scratch, monkeypatch: pytest.MonkeyPatch
) -> None:
    scanner = scratch.role("scanner", "LOGIN")
    scratch.execute("CREATE TABLE hidden (id int)")
    monkeypatch.setattr("adapters.db.postgres._POLICIES", "SELECT * FROM public.hidden")
    catalog = collect(scratch.dsn(user=scanner))
    policies = catalog.policies
    assert isinstance(policies, Unresolved)
    assert policies.expression == "row-level security policies (pg_policy)"
    assert policies.reason.startswith("InsufficientPrivilege: permission denied")
    for part in ("relations", "grants", "functions", "default_privileges", "access"):
        resolved(getattr(catalog, part))
    assert catalog.queries == 14


def test_a_sample_the_role_may_not_read_is_unresolved(scratch: Scratch) -> None:
    scanner = scratch.role("scanner", "LOGIN")
    scratch.execute(
        "CREATE TABLE open_notes (note text); CREATE TABLE closed_notes (note text);"
        "CREATE TABLE guarded_notes (note text);"
        "ALTER TABLE guarded_notes ENABLE ROW LEVEL SECURITY;"
        "INSERT INTO open_notes VALUES ('hello');"
        f"GRANT SELECT ON open_notes, guarded_notes TO {scanner};"
    )
    catalog = collect(scratch.dsn(user=scanner), sample_rows=10, sample_column=text_columns)
    assert catalog.samples["public.open_notes.note"] == Sample(rows=1, pan_values=0)
    closed = catalog.samples["public.closed_notes.note"]
    assert isinstance(closed, Unresolved)
    assert closed.expression == "a sample of public.closed_notes.note"
    assert closed.reason.startswith("InsufficientPrivilege")
    # Under row-level security a sample would hold only the rows the policies let through.
    guarded = catalog.samples["public.guarded_notes.note"]
    assert isinstance(guarded, Unresolved)
    assert "row-level security" in guarded.reason


Spy = Callable[[psycopg.Connection[Any], Any], None]


def spy_on_queries(monkeypatch: pytest.MonkeyPatch, before_each: Spy) -> None:
    """Call `before_each(connection, query)` before every statement the engine runs."""
    real_connect = psycopg.connect

    def connect(*args: Any, **kwargs: Any) -> psycopg.Connection[Any]:
        connection = real_connect(*args, **kwargs)
        real_execute = connection.execute

        def execute(query: Any, params: Any = None, **options: Any) -> Any:
            before_each(connection, query)
            return real_execute(query, params, **options)

        connection.execute = execute  # type: ignore[method-assign]
        return connection

    monkeypatch.setattr(psycopg, "connect", connect)


def test_a_connection_lost_midway_leaves_the_rest_unresolved(
    scratch: Scratch, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch.execute("CREATE TABLE notes (note text); INSERT INTO notes VALUES ('x')")
    statements: list[Any] = []

    def cut_after_four_parts(connection: psycopg.Connection[Any], query: Any) -> None:
        statements.append(query)
        # The first statement sets the transaction up; then server, roles, passwords,
        # relations; the connection goes before the fifth catalog query (policies).
        if len(statements) == 6:
            (pid,) = scratch.backend_pids("assaymark")
            scratch.terminate(pid)

    spy_on_queries(monkeypatch, cut_after_four_parts)
    catalog = collect(scratch.dsn(), ("absent",), sample_rows=5, sample_column=text_columns)
    resolved(catalog.version)
    assert not [role for role in resolved(catalog.roles) if isinstance(role.password, Unresolved)]
    assert "public.notes" in {relation.address for relation in resolved(catalog.relations)}
    lost = [
        catalog.policies,
        catalog.grants,
        catalog.functions,
        catalog.constraints,
        catalog.indexes,
        catalog.default_privileges,
        catalog.access,
        catalog.audit,
        *catalog.settings.values(),
        catalog.samples["public.notes.note"],
    ]
    for part in lost:
        assert isinstance(part, Unresolved), part
        assert "connection to 127.0.0.1:5432 was lost during collection" in part.reason
    assert len(catalog.settings) == len(SETTINGS)
    assert catalog.queries == 5


def test_the_catalog_is_read_in_one_read_only_transaction_and_samples_in_read_only_ones(
    scratch: Scratch, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch.execute("CREATE TABLE notes (note text)")
    seen: list[tuple[Any, ...]] = []

    def check(connection: psycopg.Connection[Any], query: Any) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('transaction_read_only'),"
                " current_setting('transaction_isolation'), transaction_timestamp()"
            )
            row = cursor.fetchone()
            assert row is not None
            seen.append(row)

    spy_on_queries(monkeypatch, check)
    catalog = collect(scratch.dsn(), sample_rows=5, sample_column=text_columns)
    assert catalog.queries == 15
    # The catalog: its setup and 14 queries in one transaction; then the samples, in a short
    # transaction of their own (a server holds only so many table locks).
    assert len(seen) == 17
    assert {(read_only, isolation) for read_only, isolation, _ in seen} == {
        ("on", "repeatable read")
    }
    assert len({started for _, _, started in seen[:15]}) == 1
    assert seen[15][2] != seen[14][2]


def test_an_unreachable_server_gives_an_unresolved_catalog() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dsn = Dsn("postgresql", "127.0.0.1", port, "ledger", user="scanner", password="hunter2-pw")
    catalog = PostgresEngine(connect_timeout=3).collect(dsn, CollectOptions())
    assert isinstance(catalog.roles, Unresolved)
    assert catalog.roles.expression == f"PostgreSQL server 127.0.0.1:{port}, database ledger"
    assert catalog.roles.reason.startswith("could not connect: OperationalError")
    for part in (catalog.version, catalog.relations, catalog.access, catalog.audit):
        assert part == catalog.roles
    assert catalog.queries == 0
    assert "hunter2" not in repr(catalog)


def test_connection_parameters_are_passed_through(scratch: Scratch) -> None:
    catalog = collect(scratch.dsn(sslmode="disable", application_name="assaymark"))
    resolved(catalog.relations)
    refused = collect(scratch.dsn(target_session_attrs="standby"))
    assert isinstance(refused.roles, Unresolved)
    assert "standby" in refused.roles.reason
    with pytest.raises(DatabaseError, match="invalid connection option"):
        collect(scratch.dsn(no_such_option="1"))


# -- sampling ----------------------------------------------------------------------------


def test_sampling_counts_card_numbers_and_keeps_only_masks(scratch: Scratch) -> None:
    scratch.execute(
        "CREATE TABLE card_notes (id int, note text, pan varchar(19), tag text);"
        "CREATE VIEW card_view AS SELECT * FROM card_notes;"
    )
    scratch.execute(
        "INSERT INTO card_notes VALUES"
        " (1, 'called about card 4111 1111 1111 1111', %s, 'a'),"
        " (2, 'order 1234567812345678 shipped', NULL, 'b'),"
        " (3, NULL, NULL, 'c')",
        (TEST_PAN,),
    )
    catalog = collect(
        scratch.dsn(),
        sample_rows=10,
        sample_column=lambda relation, column: column.name in ("note", "pan"),
    )
    assert catalog.samples == {
        "public.card_notes.note": Sample(3, 1, ("411111******1111",)),
        "public.card_notes.pan": Sample(3, 1, ("411111******1111",)),
    }
    assert TEST_PAN not in repr(catalog)
    assert "4111 1111 1111 1111" not in repr(catalog)
    assert catalog.queries == 15

    limited = collect(scratch.dsn(), sample_rows=2, sample_column=text_columns)
    assert resolved(limited.samples["public.card_notes.tag"]).rows == 2
    assert collect(scratch.dsn(), sample_column=text_columns).samples == {}


# -- the example databases ---------------------------------------------------------------


@pytest.fixture
def example_db() -> Iterator[Scratch]:
    """A fresh database for an example file, loaded with roles of the test's own
    (`Scratch.load_example`): a shared server's roles, and other runs', are never touched."""
    with pg.scratch_database("assaymark_example") as db:
        yield db


def load_example(db: Scratch, variant: str) -> tuple[Catalog, dict[str, str]]:
    names = db.load_example(variant)
    untrusted = (names["fintech_anon"], names["fintech_authenticated"])
    return collect(db.dsn(), untrusted, sample_rows=20, sample_column=text_columns), names


def test_insecure_example(example_db: Scratch) -> None:
    # Roles are cluster-wide: the file reuses the roles an earlier load created (and marked).
    earlier = example_db.role("fintech_anon")
    example_db.execute(f"COMMENT ON ROLE {earlier} IS '{pg.EXAMPLE_MARK}'")
    catalog, names = load_example(example_db, "insecure")
    anon, readers = names["fintech_anon"], names["fintech_web_readers"]
    reporting = names["fintech_reporting"]
    assert anon == earlier
    access = resolved(catalog.access)
    grants = resolved(catalog.grants)
    assert Access(anon, "payments.cards", "SELECT") in access
    assert not [g for g in grants if g.grantee == anon and g.object == "payments.cards"]
    assert Access("PUBLIC", "payments.ledger", "SELECT") in access
    assert Access(anon, "customers.customer_directory", "SELECT") in access
    assert Access("PUBLIC", "payments.card_lookup(p_last4 text)", "EXECUTE") in access
    relations = {relation.address: relation for relation in resolved(catalog.relations)}
    assert relations["customers.customer_directory"].security_invoker is False
    assert relations["customers.customer_directory"].reads == ("customers.customers",)
    assert [p.using for p in resolved(catalog.policies)] == ["true"]
    functions = resolved(catalog.functions)
    assert [(f.address, f.security_definer, f.search_path) for f in functions] == [
        ("payments.card_lookup(p_last4 text)", True, None)
    ]
    assert DefaultPrivilege("postgres", "payments", "table", "PUBLIC", ("SELECT",)) in resolved(
        catalog.default_privileges
    )
    roles = {role.name: role for role in resolved(catalog.roles)}
    assert roles[reporting].superuser and roles[reporting].login
    assert roles[names["fintech_app_service"]].bypass_rls
    assert roles[reporting].valid_until is None
    assert roles[anon].member_of == (readers,)
    assert catalog.samples["payments.cards.pan"] == Sample(1, 1, ("411111******1111",))
    assert resolved(catalog.samples["payments.card_notes.note"]).pan_values == 1
    assert TEST_PAN not in repr(catalog)


def test_compliant_example(example_db: Scratch) -> None:
    catalog, names = load_example(example_db, "compliant")
    access = resolved(catalog.access)
    assert not [a for a in access if a.role in (names["fintech_anon"], "PUBLIC")]
    relations = {relation.address: relation for relation in resolved(catalog.relations)}
    assert "pan" not in {column.name for column in relations["payments.cards"].columns}
    assert relations["customers.customers"].rls_forced
    assert relations["customers.customer_directory"].security_invoker is True
    for function in resolved(catalog.functions):
        assert function.search_path == "pg_catalog, pg_temp"
    defaults = resolved(catalog.default_privileges)
    assert not [d for d in defaults if d.grantee == "PUBLIC"]
    grants = resolved(catalog.grants)
    assert not [g for g in grants if g.grantee == "PUBLIC"]
    roles = {role.name: role for role in resolved(catalog.roles)}
    for name in names.values():
        assert not roles[name].superuser and not roles[name].bypass_rls
        assert roles[name].member_of == ()
    for name in ("fintech_reporting", "fintech_app_service"):
        # VALID UNTIL '2027-06-30' is midnight in the server's time zone.
        assert str(roles[names[name]].valid_until).startswith(("2027-06-29T", "2027-06-30T"))
    for sample in catalog.samples.values():
        assert resolved(sample).pan_values == 0


def test_tables_are_sampled_a_batch_per_transaction(
    scratch: Scratch, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each table read stays locked until its transaction ends; a server holds only so many.
    for number in range(5):
        scratch.execute(f"CREATE TABLE notes_{number} (note text)")
        scratch.execute(f"INSERT INTO notes_{number} VALUES ('card {TEST_PAN}')")
    monkeypatch.setattr(postgres, "_SAMPLE_BATCH", 2)
    started: list[Any] = []

    def note_transaction(connection: psycopg.Connection[Any], query: Any) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT transaction_timestamp()")
            started.append(cursor.fetchone())

    spy_on_queries(monkeypatch, note_transaction)
    catalog = collect(scratch.dsn(), sample_rows=5, sample_column=text_columns)
    assert {
        address: resolved(sample).pan_values for address, sample in catalog.samples.items()
    } == {f"public.notes_{number}.note": 1 for number in range(5)}
    # The catalog's transaction, then three of samples (2 + 2 + 1 tables).
    assert len(set(started)) == 4
