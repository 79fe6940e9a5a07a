"""What the migrations claim, derived by parsing their SQL (no shadow server): each statement
kind on snippets, the derived catalog held against the catalog the same migrations leave on a
real server, and `scan db --migrations` without `--shadow-dsn`."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from adapters.db.adapter import DatabaseAdapter, DatabaseTarget
from adapters.db.catalog import Catalog, Relation
from adapters.db.compare import Difference, compare
from adapters.db.differences import difference_resources, not_derived
from adapters.db.engine import CollectOptions
from adapters.db.migrations import MigrationsSource, read_folder
from adapters.db.migrations.base import Migration
from adapters.db.mysql import MysqlEngine
from adapters.db.postgres import PostgresEngine
from adapters.db.sql_claims import Derived, ParserMissing, derive
from checker.models import Resource, Unresolved
from tests.adapters.db import my, pg
from tests.adapters.db.my import Accounts, Database
from tests.adapters.db.pg import Scratch
from tests.adapters.db.test_claims import apply, failing, findings, flyway_folder, scan
from tests.conftest import DATA, Run

scratch = pg.scratch
server = my.server
database = my.database
accounts = my.accounts

REAL_WORLD = DATA / "db" / "sql_claims"


def derived(*scripts: str, engine: str = "postgresql", **options: Any) -> Derived:
    """The migrations `V1__m.sql`, `V2__m.sql`, ... holding `scripts`, derived."""
    migrations = [
        Migration(str(number), "m", Path(f"V{number}__m.sql"), sql=script)
        for number, script in enumerate(scripts, start=1)
    ]
    return derive(migrations, engine, **options)


def relations(catalog: Catalog) -> tuple[Relation, ...]:
    assert isinstance(catalog.relations, tuple)
    return catalog.relations


def relation(catalog: Catalog, address: str) -> Relation:
    (found,) = [item for item in relations(catalog) if item.address == address]
    return found


def columns(catalog: Catalog, address: str) -> dict[str, str]:
    return {column.name: column.data_type for column in relation(catalog, address).columns}


def grants(catalog: Catalog) -> set[tuple[str, str, str]]:
    assert isinstance(catalog.grants, tuple)
    return {(grant.grantee, grant.privilege, grant.object) for grant in catalog.grants}


def constraints(catalog: Catalog) -> dict[str, str]:
    assert isinstance(catalog.constraints, tuple)
    return {f"{item.table}:{item.name}": item.definition for item in catalog.constraints}


def indexes(catalog: Catalog) -> dict[str, str]:
    assert isinstance(catalog.indexes, tuple)
    return {f"{item.table}:{item.name}": item.definition for item in catalog.indexes}


# -- tables, columns and types -------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("int", "integer"),
        ("int4", "integer"),
        ("integer", "integer"),
        ("int8", "bigint"),
        ("bigint", "bigint"),
        ("smallint", "smallint"),
        ("serial", "integer"),
        ("bigserial", "bigint"),
        ("varchar(200)", "character varying(200)"),
        ("character varying", "character varying"),
        ("char(4)", "character(4)"),
        ("char", "character(1)"),
        ("bool", "boolean"),
        ("timestamptz", "timestamp with time zone"),
        ("timestamp(3)", "timestamp(3) without time zone"),
        ("time with time zone", "time with time zone"),
        ("numeric(12, 2)", "numeric(12,2)"),
        ("numeric(5)", "numeric(5,0)"),
        ("decimal", "numeric"),
        ("float", "double precision"),
        ("float(10)", "real"),
        ("text[]", "text[]"),
        ("jsonb", "jsonb"),
        ("uuid", "uuid"),
        ("date", "date"),
        ("bit", "bit(1)"),
        ('"char"', '"char"'),
        ("citext", ""),
        ("interval day to second", ""),
    ],
)
def test_types_are_named_as_format_type_prints_them(written: str, printed: str) -> None:
    catalog = derived(f"CREATE TABLE t (c {written});").catalog

    assert columns(catalog, "public.t") == {"c": printed}


def test_types_the_migrations_create_are_named_with_their_schema() -> None:
    catalog = derived(
        "CREATE SCHEMA s; CREATE TYPE s.status AS ENUM ('a'); CREATE DOMAIN s.amount AS int;",
        "CREATE TABLE s.t (a s.status, b s.amount[], c s.t2); ALTER TYPE s.status RENAME TO st;",
    ).catalog

    assert columns(catalog, "s.t") == {"a": "s.st", "b": "s.amount[]", "c": ""}


def test_columns_are_added_dropped_retyped_and_renamed_in_order() -> None:
    catalog = derived(
        "CREATE TABLE t (a int, b text, c text);",
        "ALTER TABLE t ADD COLUMN d bigint, DROP COLUMN b, ALTER COLUMN c TYPE varchar(10);"
        " ALTER TABLE t RENAME COLUMN a TO id; ALTER TABLE t RENAME TO u;"
        " ALTER TABLE IF EXISTS nowhere ADD COLUMN x int;",
    ).catalog

    assert columns(catalog, "public.u") == {"id": "integer", "c": "character varying(10)",
                                            "d": "bigint"}  # fmt: skip
    assert [item.address for item in catalog.relations] == ["public.u"]  # type: ignore[union-attr]


def test_unqualified_names_follow_the_search_path_the_migrations_set() -> None:
    catalog = derived(
        "CREATE SCHEMA app; SET search_path TO app, public; CREATE TABLE a (id int);",
        "CREATE TABLE b (id int);",
        "SELECT pg_catalog.set_config('search_path', 'app', false); CREATE TABLE c (id int);",
    ).catalog

    # Each migration starts from the default path again: b goes to public.
    addresses = [item.address for item in relations(catalog)]
    assert addresses == ["app.a", "app.c", "public.b"]


def test_row_level_security_is_enabled_forced_and_disabled() -> None:
    catalog = derived(
        "CREATE TABLE a (id int); CREATE TABLE b (id int);",
        "ALTER TABLE a ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;"
        " ALTER TABLE b ENABLE ROW LEVEL SECURITY; ALTER TABLE b DISABLE ROW LEVEL SECURITY;",
    ).catalog

    a, b = relation(catalog, "public.a"), relation(catalog, "public.b")
    assert (a.rls_enabled, a.rls_forced, b.rls_enabled, b.rls_forced) == (True, True, False, False)


def test_views_say_whether_they_run_with_the_callers_rights() -> None:
    catalog = derived(
        "CREATE TABLE t (id int);"
        " CREATE VIEW v1 WITH (security_invoker = true) AS SELECT id FROM t;"
        " CREATE VIEW v2 WITH (security_invoker) AS SELECT id FROM t;"
        " CREATE VIEW v3 AS SELECT id FROM t; ALTER VIEW v3 SET (security_invoker = on);",
        # OR REPLACE replaces the options: without WITH, the view runs as its owner.
        "CREATE OR REPLACE VIEW v2 AS SELECT id FROM t;",
    ).catalog

    assert [relation(catalog, f"public.v{n}").security_invoker for n in (1, 2, 3)] == [
        True,
        False,
        True,
    ]
    assert relation(catalog, "public.v1").kind == "view"


def test_drops_take_what_depends_on_the_object_along() -> None:
    catalog = derived(
        "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p_id int REFERENCES p);"
        " CREATE INDEX ON p (id); CREATE POLICY x ON p; GRANT SELECT ON p TO r;"
        " CREATE VIEW v AS SELECT * FROM p;",
        "DROP TABLE p CASCADE;",
        "CREATE SCHEMA s; CREATE TABLE s.t (id int); DROP SCHEMA s CASCADE;",
    ).catalog

    assert [item.address for item in catalog.relations] == ["public.c"]  # type: ignore[union-attr]
    assert constraints(catalog) == indexes(catalog) == {}
    assert catalog.policies == ()
    assert grants(catalog) == set()


# -- constraints and indexes ---------------------------------------------------------------


def test_constraints_and_indexes_get_the_names_postgresql_gives_them() -> None:
    catalog = derived(
        "CREATE TABLE accounts (id bigint PRIMARY KEY, email text UNIQUE, n int CHECK (n > 0),"
        " CHECK (n < 10), CHECK (true));"
        "CREATE TABLE cards (id int, account_id bigint REFERENCES accounts ON DELETE CASCADE,"
        " UNIQUE (id, account_id));"
        "CREATE INDEX ON cards (account_id DESC NULLS LAST); CREATE INDEX ON cards (account_id);"
        "CREATE INDEX ON cards (lower(id::text)); CREATE INDEX named ON cards USING hash (id);"
    ).catalog

    assert constraints(catalog) == {
        "public.accounts:accounts_pkey": "PRIMARY KEY (id)",
        "public.accounts:accounts_email_key": "UNIQUE (email)",
        "public.accounts:accounts_n_check": "",
        "public.accounts:accounts_n_check1": "",
        "public.accounts:accounts_check": "",
        "public.cards:cards_id_account_id_key": "UNIQUE (id, account_id)",
        "public.cards:cards_account_id_fkey": (
            "FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE"
        ),
    }
    assert indexes(catalog) == {
        "public.accounts:accounts_pkey": (
            "CREATE UNIQUE INDEX accounts_pkey ON public.accounts USING btree (id)"
        ),
        "public.accounts:accounts_email_key": (
            "CREATE UNIQUE INDEX accounts_email_key ON public.accounts USING btree (email)"
        ),
        "public.cards:cards_id_account_id_key": (
            "CREATE UNIQUE INDEX cards_id_account_id_key ON public.cards USING btree"
            " (id, account_id)"
        ),
        "public.cards:cards_account_id_idx": (
            "CREATE INDEX cards_account_id_idx ON public.cards USING btree"
            " (account_id DESC NULLS LAST)"
        ),
        "public.cards:cards_account_id_idx1": (
            "CREATE INDEX cards_account_id_idx1 ON public.cards USING btree (account_id)"
        ),
        "public.cards:cards_lower_idx": "",
        "public.cards:named": "CREATE INDEX named ON public.cards USING hash (id)",
    }


def test_long_names_are_cut_as_postgresql_cuts_them() -> None:
    table = "t" * 60
    catalog = derived(f"CREATE TABLE {table} ({'c' * 60} int UNIQUE);").catalog

    (name,) = [key.split(":")[1] for key in constraints(catalog)]
    assert name == "t" * 29 + "_" + "c" * 29 + "_key"
    assert len(name) == 63


def test_renames_and_drops_of_columns_reach_constraints_and_indexes() -> None:
    catalog = derived(
        "CREATE TABLE t (id int PRIMARY KEY, a int, b int UNIQUE); CREATE INDEX t_ab ON t (a, b);",
        "ALTER TABLE t RENAME COLUMN id TO key; ALTER TABLE t DROP COLUMN b;"
        " ALTER TABLE t RENAME CONSTRAINT t_pkey TO t_key_pk;",
    ).catalog

    assert constraints(catalog) == {"public.t:t_key_pk": "PRIMARY KEY (key)"}
    assert indexes(catalog) == {
        "public.t:t_key_pk": "CREATE UNIQUE INDEX t_key_pk ON public.t USING btree (key)"
    }


# -- policies, grants, functions, default privileges ---------------------------------------


def test_policies_are_created_altered_renamed_and_dropped() -> None:
    catalog = derived(
        "CREATE TABLE t (id int);"
        " CREATE POLICY open ON t USING (true);"
        " CREATE POLICY mine ON t AS RESTRICTIVE FOR UPDATE TO app USING (id = 1);"
        " CREATE POLICY gone ON t;",
        "ALTER POLICY mine ON t TO app, auditor; ALTER POLICY open ON t RENAME TO everyone;"
        " DROP POLICY gone ON t;",
    ).catalog

    assert isinstance(catalog.policies, tuple)
    found = {policy.name: policy for policy in catalog.policies}
    assert sorted(found) == ["everyone", "mine"]
    assert (found["everyone"].command, found["everyone"].roles) == ("ALL", ("PUBLIC",))
    assert found["everyone"].using == "true"
    mine = found["mine"]
    assert (mine.command, mine.roles, mine.permissive, mine.using) == (
        "UPDATE",
        ("app", "auditor"),
        False,
        None,
    )


def test_grants_are_one_per_privilege_with_all_expanded() -> None:
    catalog = derived(
        "CREATE SCHEMA s; CREATE TABLE s.a (id int, secret text); CREATE VIEW s.v AS SELECT 1;",
        "GRANT ALL ON SCHEMA s TO app; GRANT ALL ON s.a TO app;"
        " GRANT SELECT ON ALL TABLES IN SCHEMA s TO reader;"
        " GRANT SELECT (id), UPDATE (id, secret) ON s.a TO clerk WITH GRANT OPTION;",
        # Only the tables that exist when it runs.
        "CREATE TABLE s.later (id int);",
        "REVOKE TRUNCATE, TRIGGER ON s.a FROM app; REVOKE UPDATE ON s.a FROM clerk;",
    ).catalog

    assert grants(catalog) == {
        ("app", "USAGE", "schema:s"),
        ("app", "CREATE", "schema:s"),
        *(("app", privilege, "s.a") for privilege in
          ("SELECT", "INSERT", "UPDATE", "DELETE", "REFERENCES")),
        ("reader", "SELECT", "s.a"),
        ("reader", "SELECT", "s.v"),
        ("clerk", "SELECT", "s.a.id"),
    }  # fmt: skip


def test_functions_say_security_definer_search_path_and_language() -> None:
    catalog = derived(
        "CREATE FUNCTION f(p_id integer, INOUT n text, OUT ok boolean) LANGUAGE plpgsql"
        " SECURITY DEFINER SET search_path = app, \"$user\", '' AS $$ BEGIN END $$;"
        " CREATE FUNCTION g() RETURNS int LANGUAGE sql AS 'SELECT 1';"
        " CREATE PROCEDURE p(n int) LANGUAGE sql AS 'SELECT 1';",
        "GRANT EXECUTE ON FUNCTION g TO app; REVOKE EXECUTE ON FUNCTION f(int, text) FROM PUBLIC;"
        " ALTER FUNCTION g() SECURITY DEFINER SET search_path TO pg_catalog;",
        # OR REPLACE keeps the grants and replaces the settings.
        "CREATE OR REPLACE FUNCTION g() RETURNS int LANGUAGE sql AS 'SELECT 2';",
    ).catalog

    assert isinstance(catalog.functions, tuple)
    found = {
        function.address: (function.security_definer, function.search_path, function.language)
        for function in catalog.functions
    }
    assert found == {
        "public.f(p_id integer, INOUT n text, OUT ok boolean)": (
            True,
            'app, "$user", ""',
            "plpgsql",
        ),
        "public.g()": (False, None, "sql"),
        "public.p(IN n integer)": (False, None, "sql"),
    }
    assert grants(catalog) == {
        ("PUBLIC", "EXECUTE", "public.g()"),
        ("app", "EXECUTE", "public.g()"),
        ("PUBLIC", "EXECUTE", "public.p(IN n integer)"),
    }


def test_default_privileges_are_held_and_given_to_later_objects() -> None:
    catalog = derived(
        "CREATE SCHEMA s;"
        " ALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT SELECT ON TABLES TO reader;"
        " ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;",
        "CREATE TABLE s.t (id int); CREATE FUNCTION s.f() RETURNS int LANGUAGE sql AS 'SELECT 1';",
        # Another role's defaults: what later objects receive is not known, so not claimed.
        "ALTER DEFAULT PRIVILEGES FOR ROLE owner IN SCHEMA s GRANT ALL ON TABLES TO app;"
        " CREATE TABLE s.u (id int); GRANT SELECT ON s.u TO clerk;",
    ).catalog

    assert isinstance(catalog.default_privileges, tuple)
    held = {
        (entry.schema, entry.object_type, entry.grantee, entry.privileges)
        for entry in catalog.default_privileges
    }
    every = ("DELETE", "INSERT", "REFERENCES", "SELECT", "TRIGGER", "TRUNCATE", "UPDATE")
    assert held == {("s", "table", "reader", ("SELECT",)), ("s", "table", "app", every)}
    assert grants(catalog) == {("reader", "SELECT", "s.t")}


def test_an_owners_own_grants_are_not_claimed() -> None:
    catalog = derived(
        "CREATE TABLE t (id int); ALTER TABLE t OWNER TO app; GRANT SELECT ON t TO app, other;"
    ).catalog

    assert grants(catalog) == {("other", "SELECT", "public.t")}


# -- what is not derived -------------------------------------------------------------------


def test_statements_not_derived_are_named_by_file_line_and_kind() -> None:
    found = derived(
        "-- a comment\nCREATE TABLE t (id int);\n\n"
        "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
        "CREATE TRIGGER t_touch BEFORE UPDATE ON t\n    FOR EACH ROW EXECUTE FUNCTION f();\n"
        "DROP TRIGGER t_touch ON t;\n"
        "INSERT INTO t VALUES (1); UPDATE t SET id = 2; SELECT 1; COMMENT ON TABLE t IS 'x';\n"
        "DO $$ BEGIN END $$;\n"
        "CREATE EXTENSION IF NOT EXISTS citext;\n"
        "CREATE OR REPLACE RULE r AS ON INSERT TO t DO NOTHING;",
        "CREATE ROLE app; GRANT app TO CURRENT_USER; BEGIN; COMMIT; SET lock_timeout = 1;",
    )

    # Triggers are not compared, so they are passed over like comments.
    assert found.not_derived == (
        "V1__m.sql:9: DO",
        "V1__m.sql:10: CREATE EXTENSION",
        "V1__m.sql:11: CREATE RULE",
    )
    assert columns(found.catalog, "public.t") == {"id": "integer"}


def test_a_statement_that_does_not_parse_is_named_and_the_others_still_derived() -> None:
    migration = Migration(
        "1", "m", Path("V1__m.sql"), first_line=3,
        sql="CREATE TABLE a (id int);\nCREATE TABEL b (id int);\nCREATE TABLE c (id int);",
    )  # fmt: skip

    found = derive([migration], "postgresql")

    assert found.not_derived == (
        'V1__m.sql:4: CREATE (not parsed: syntax error at or near "TABEL")',
    )
    addresses = [item.address for item in relations(found.catalog)]
    assert addresses == ["public.a", "public.c"]


def test_what_a_file_that_does_not_parse_whole_holds_is_still_derived() -> None:
    found = derived(
        "CREATE TABLE a (id int);\n\\set ON_ERROR_STOP on\nCREATE TABLE b (id int);\n"
        "SELECT 'never closed"
    )

    assert found.not_derived == (
        "V1__m.sql:2: \\SET (not parsed: a psql meta-command)",
        'V1__m.sql:4: SELECT (not parsed: unterminated quoted string at or near "\'never closed")',
    )
    assert [item.address for item in relations(found.catalog)] == ["public.a", "public.b"]


def test_what_is_claimed_of_objects_the_migrations_do_not_create() -> None:
    # A baseline made these: grants, policies and indexes on them are still claims; what
    # PUBLIC held on them before is not known, so grants to PUBLIC are not.
    catalog = derived(
        "GRANT SELECT ON base.t TO app, PUBLIC; GRANT UPDATE (note) ON base.t TO app;"
        " GRANT USAGE ON SCHEMA public TO PUBLIC, app; CREATE POLICY own ON base.t TO app;"
        " CREATE INDEX ON base.t (note);"
    ).catalog

    assert relations(catalog) == ()
    assert grants(catalog) == {
        ("app", "SELECT", "base.t"),
        ("app", "UPDATE", "base.t.note"),
        ("app", "USAGE", "schema:public"),
    }
    assert [(policy.table, policy.name) for policy in catalog.policies] == [("base.t", "own")]  # type: ignore[union-attr]
    assert indexes(catalog) == {
        "base.t:t_note_idx": "CREATE INDEX t_note_idx ON base.t USING btree (note)"
    }


def test_types_not_handled_are_named() -> None:
    found = derived(
        "CREATE TYPE pair AS (a int); CREATE AGGREGATE agg (int) (sfunc = f, stype = int);"
    )

    assert found.not_derived == ("V1__m.sql:1: CREATE AGGREGATE",)


def test_a_missing_parser_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pglast", None)
    monkeypatch.delitem(sys.modules, "adapters.db.sql_claims.postgres", raising=False)

    with pytest.raises(ParserMissing, match=r"pip install 'assaymark\[migrations\]'"):
        derived("CREATE TABLE t (id int);")


# -- MySQL and MariaDB ---------------------------------------------------------------------


def test_mysql_tables_views_and_grants_are_derived() -> None:
    found = derived(
        "CREATE ROLE readers;\n"
        "CREATE TABLE t (id INT UNSIGNED, name VARCHAR(20), price DECIMAL(8,2), ok BOOLEAN,"
        " doc JSON);\n"
        "CREATE SQL SECURITY INVOKER VIEW v AS SELECT id FROM t;\n"
        "GRANT SELECT ON t TO readers; GRANT ALL ON shop.t TO 'app'@'%' WITH GRANT OPTION;\n"
        "GRANT SELECT (id) ON t TO app; REVOKE DROP ON t FROM 'app'@'%';\n"
        "GRANT ALL ON shop.* TO app;\n"
        "CREATE PROCEDURE p() SELECT 1;",
        engine="mariadb",
        default_schema="shop",
    )
    catalog = found.catalog

    assert columns(catalog, "shop.t") == {"id": "int(10) unsigned", "name": "varchar(20)",
                                          "price": "decimal(8,2)", "ok": "tinyint(1)",
                                          "doc": "longtext"}  # fmt: skip
    assert relation(catalog, "shop.v").security_invoker is True
    held = grants(catalog)
    assert ("readers", "SELECT", "shop.t") in held
    assert ("app@%", "DELETE HISTORY", "shop.t") in held
    assert ("app@%", "GRANT OPTION", "shop.t") in held
    assert ("app@%", "DROP", "shop.t") not in held
    assert ("app@%", "SELECT", "shop.t.id") in held
    assert found.not_derived == (
        "V1__m.sql:6: GRANT ALL ON shop.*",
        "V1__m.sql:7: CREATE PROCEDURE",
    )


def test_mysql_integer_widths_are_not_claimed_where_the_server_decides_them() -> None:
    catalog = derived(
        "CREATE TABLE t (a INT, b VARCHAR(3));", engine="mysql", default_schema="db"
    ).catalog

    assert columns(catalog, "db.t") == {"a": "", "b": "varchar(3)"}


# -- how what was not derived is told ------------------------------------------------------


def _live() -> Catalog:
    return Catalog.unreachable("postgresql", "db.example", "app", Unresolved("all", "a test"))


def test_statements_not_derived_are_told_beside_differences_and_in_the_summary() -> None:
    told = not_derived(["V1__m.sql:5: CREATE TRIGGER", "V2__m.sql:1: DO"])

    (summary,) = difference_resources(_live(), [told], "the migrations", {"table": 2})
    assert summary.address == "drift:none:the migrations"
    assert summary.attributes["drift"] == ""
    assert summary.attributes["not_derived"] == [
        "V1__m.sql:5: CREATE TRIGGER",
        "V2__m.sql:1: DO",
    ]

    missing = Difference("table", "public.t", "to exist", "missing")
    resources = difference_resources(_live(), [missing, told], "the migrations")
    by_address = {resource.address: resource.attributes for resource in resources}
    assert sorted(by_address) == ["drift:not-derived:*", "drift:table:public.t"]
    listed = by_address["drift:not-derived:*"]
    assert listed["drift"] == ""
    assert listed["found"] == (
        "2 statements could not be derived: V1__m.sql:5: CREATE TRIGGER; V2__m.sql:1: DO"
    )


# -- against a real server -----------------------------------------------------------------


def _real_world_postgres(scratch: Scratch, folder: Path) -> tuple[list[Migration], Catalog]:
    """Run the folder's migrations on the scratch database, with this test's own roles."""
    names = {role: scratch.role(role) for role in ("app_reader", "app_writer")}
    migrations = []
    for path in sorted(folder.glob("V*.sql"), key=lambda path: int(path.name[1:].split("__")[0])):
        text = path.read_text("utf-8")
        for role, name in names.items():
            text = text.replace(role, name)
        scratch.execute(text)
        migrations.append(Migration(path.stem, "", path, sql=text))
    live = PostgresEngine().collect(scratch.dsn(), CollectOptions(untrusted_roles=()))
    return migrations, live


def test_a_varied_set_of_migrations_derives_what_the_server_holds(scratch: Scratch) -> None:
    migrations, live = _real_world_postgres(scratch, REAL_WORLD / "postgres")

    found = derive(migrations, "postgresql")
    comparison = compare(found.catalog, live, reference_name="parsed", owners=False, partial=True)

    assert comparison.differences == ()
    assert [entry.split("/")[-1] for entry in found.not_derived] == [
        "V1__schemas_and_types.sql:8: CREATE EXTENSION",
        "V6__refactor.sql:31: DO",
    ]
    # The DO block might have done anything: nothing only the server has is claimed.
    assert not (found.tables or found.grants or found.relation_schemas)
    # Not by leaving things out: every table column's type, and most definitions, are claimed.
    catalog = found.catalog
    assert isinstance(catalog.relations, tuple) and isinstance(catalog.grants, tuple)
    typed = [
        column
        for item in catalog.relations
        if item.kind not in ("view", "materialized_view")
        for column in item.columns
    ]
    assert len(typed) > 50 and all(column.data_type for column in typed)
    assert len(catalog.grants) > 40
    assert sum(1 for definition in indexes(catalog).values() if definition) >= 15
    assert sum(1 for definition in constraints(catalog).values() if definition) >= 12
    # Nothing the server has in these relations is missing from the derivation.
    everything = compare(found.catalog, live, reference_name="parsed", owners=False)
    missing = [d for d in everything.differences if d.expected.startswith("not to exist")]
    kinds = {(d.kind, d.object.split(" on ")[-1]) for d in missing}
    assert {kind for kind, _ in kinds} <= {"column", "grant", "default privilege"}
    assert {address for kind, address in kinds if kind == "grant"} == {"schema:public"}


def test_what_only_the_server_has_is_a_difference_where_the_migrations_say_everything(
    scratch: Scratch,
) -> None:
    migrations, live = _real_world_postgres(scratch, REAL_WORLD / "postgres")
    # Without its DO block the set says everything of the tables it creates.
    block = "DO $$ BEGIN RAISE NOTICE 'refactored'; END $$;"
    quiet = [replace(item, sql=(item.sql or "").replace(block, "")) for item in migrations]
    found = derive(quiet, "postgresql")
    assert "billing.payment_methods" in found.tables

    def held(catalog: Catalog) -> list[tuple[str, str]]:
        comparison = compare(
            found.catalog, catalog, reference_name="parsed", owners=False, partial=True,
            claims=found.claims,
        )  # fmt: skip
        return [(item.kind, item.object) for item in comparison.differences]

    assert held(live) == []
    scratch.execute("ALTER TABLE billing.payment_methods ADD COLUMN pan text")
    scratch.execute("GRANT SELECT ON billing.payment_methods TO PUBLIC")
    scratch.execute("CREATE POLICY everyone ON billing.payment_methods USING (true)")
    scratch.execute("CREATE INDEX by_pan ON billing.payment_methods (pan)")
    # The extension brings objects of its own: tables and functions outside the tables the
    # migrations create are not claimed.
    scratch.execute("CREATE TABLE billing.by_hand (id int)")
    live = PostgresEngine().collect(scratch.dsn(), CollectOptions(untrusted_roles=()))

    assert sorted(held(live)) == [
        ("column", "billing.payment_methods.pan"),
        ("grant", "PUBLIC on billing.payment_methods"),
        ("index", "billing.payment_methods:by_pan"),
        ("policy", "billing.payment_methods:everyone"),
    ]


def test_tables_functions_and_grants_only_the_server_has_are_differences(
    scratch: Scratch, tmp_path: Path
) -> None:
    folder = tmp_path / "migrations"
    shutil.copytree(DATA / "db" / "migrations" / "flyway", folder)
    (folder / "V6__total.sql").write_text(
        "CREATE FUNCTION payments.total() RETURNS bigint LANGUAGE sql AS 'SELECT 1::bigint';\n",
        "utf-8",
    )
    migrations, _ = _real_world_postgres(scratch, folder)
    found = derive(migrations, "postgresql")
    scratch.execute("CREATE TABLE payments.by_hand (id int)")
    scratch.execute(
        "CREATE FUNCTION payments.backdoor() RETURNS int LANGUAGE sql SECURITY DEFINER "
        "AS 'SELECT 1'"
    )
    scratch.execute("CREATE SCHEMA elsewhere")
    scratch.execute("CREATE TABLE elsewhere.tool_state (id int)")
    live = PostgresEngine().collect(scratch.dsn(), CollectOptions(untrusted_roles=()))

    comparison = compare(
        found.catalog, live, reference_name="parsed", owners=False, partial=True,
        claims=found.claims,
    )  # fmt: skip

    assert [(item.kind, item.object) for item in comparison.differences] == [
        ("table", "payments.by_hand"),
        ("function", "payments.backdoor()"),
    ]


def test_the_fixture_folders_derive_without_false_differences(scratch: Scratch) -> None:
    migrations, live = _real_world_postgres(scratch, DATA / "db" / "migrations" / "flyway")

    found = derive(migrations, "postgresql")

    assert found.not_derived == ()
    comparison = compare(found.catalog, live, reference_name="parsed", owners=False, partial=True)
    assert comparison.differences == ()
    assert comparison.compared["column"] == 9 and comparison.compared["index"] == 4


def test_mariadb_migrations_derive_what_the_server_holds(
    database: Database, accounts: Accounts
) -> None:
    names = {
        "app_writer": accounts.user("app_writer"),
        "shop_readers": accounts.name("shop_readers"),
    }
    migrations = []
    for path in sorted((REAL_WORLD / "mysql").glob("V*.sql")):
        text = path.read_text("utf-8")
        for role, name in names.items():
            text = text.replace(role, name)
        database.server.run_script(f"USE {my.quote(database.name)};\n{text}")
        migrations.append(Migration(path.stem, "", path, sql=text))
    live = MysqlEngine().collect(database.dsn(), CollectOptions(untrusted_roles=()))
    flavour = "mariadb" if "mariadb" in str(live.version).lower() else "mysql"

    found = derive(migrations, flavour, default_schema=database.name)

    comparison = compare(found.catalog, live, reference_name="parsed", owners=False, partial=True)
    assert comparison.differences == ()
    assert found.not_derived == ()
    whole = compare(
        found.catalog, live, reference_name="parsed", owners=False, partial=True,
        claims=found.claims,
    )  # fmt: skip
    assert whole.differences == ()

    database.execute("ALTER TABLE orders ADD COLUMN pan TEXT", "CREATE TABLE by_hand (id INT)")
    live = MysqlEngine().collect(database.dsn(), CollectOptions(untrusted_roles=()))
    whole = compare(
        found.catalog, live, reference_name="parsed", owners=False, partial=True,
        claims=found.claims,
    )  # fmt: skip
    assert [(item.kind, item.object) for item in whole.differences] == [
        ("table", f"{database.name}.by_hand"),
        ("column", f"{database.name}.orders.pan"),
    ]
    assert comparison.compared["column"] >= 18 and len(grants(found.catalog)) >= 20


# -- scan db --migrations without --shadow-dsn ---------------------------------------------


def test_without_a_shadow_server_the_fourth_migrations_missing_objects_fail(
    run: Callable[..., Run], scratch: Scratch, tmp_path: Path
) -> None:
    reader = scratch.role("app_reader")
    auditor = scratch.role("app_auditor")
    # Default privileges set outside the migrations give grants the migrations need not say.
    scratch.execute(f"ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO {auditor}")
    folder = flyway_folder(tmp_path, reader)
    apply(scratch, folder, skip=("4",))

    result = scan(run, scratch, folder)

    assert result.code == 1, result.err
    found = {f["resource"]: f for f in failing(result)}
    assert sorted(found) == [
        f"drift:grant:{reader} on payments.refunds",
        "drift:policy:payments.refunds:refunds_reader",
        "drift:table:payments.refunds",
    ]
    assert all(f["status"] == "fail" for f in found.values())
    assert "3 columns" in found["drift:table:payments.refunds"]["message"]

    scratch.execute((folder / "V4__refunds.sql").read_text("utf-8"))
    result = scan(run, scratch, folder)

    assert result.code == 0, result.out
    (summary,) = findings(result)
    assert summary["status"] == "pass"
    assert summary["resource"].startswith("drift:none:")

    # A grant made by hand on a table the migrations create is drift too.
    scratch.execute("GRANT SELECT ON payments.cards TO PUBLIC")
    result = scan(run, scratch, folder)

    assert result.code == 1, result.err
    assert [f["resource"] for f in failing(result)] == ["drift:grant:PUBLIC on payments.cards"]


def test_without_a_shadow_server_what_could_not_be_derived_is_listed(
    run: Callable[..., Run], scratch: Scratch, tmp_path: Path
) -> None:
    reader = scratch.role("app_reader")
    folder = flyway_folder(tmp_path, reader)
    (folder / "V6__keep.sql").write_text(
        "-- Cards are never deleted.\n"
        "CREATE RULE cards_keep AS ON DELETE TO payments.cards DO INSTEAD NOTHING;\n",
        "utf-8",
    )
    apply(scratch, folder, skip=("4",), record=6)
    expected = f"{folder / 'V6__keep.sql'}:2: CREATE RULE"

    result = scan(run, scratch, folder)

    assert result.code == 1, result.err
    listed = {f["resource"]: f["status"] for f in findings(result)}
    assert listed["drift:not-derived:*"] == "pass"
    (told,) = [item for item in drift_resources(scratch, folder) if "not-derived" in item.address]
    assert told.attributes["not_derived"] == [expected]
    assert told.attributes["found"] == f"1 statement could not be derived: {expected}"

    scratch.execute((folder / "V4__refunds.sql").read_text("utf-8"))
    result = scan(run, scratch, folder)

    assert result.code == 0, result.out
    (summary,) = findings(result)
    assert summary["resource"].startswith("drift:none:")
    (resource,) = drift_resources(scratch, folder)
    assert resource.attributes["not_derived"] == [expected]


def drift_resources(scratch: Scratch, folder: Path) -> list[Resource]:
    """The drift resources of the scratch database held against `folder`, no shadow server."""
    source = MigrationsSource(read_folder(folder))
    adapter = DatabaseAdapter([DatabaseTarget(scratch.dsn(), migrations=source)])
    return [item for item in adapter.collect().resources if item.type == "db.drift"]
