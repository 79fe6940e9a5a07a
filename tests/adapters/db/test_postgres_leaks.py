"""Leaks a PostgreSQL database can hide from a scan, against the real server: each case first
shows what the untrusted role can really do (as that role, with the token claims an API
would set), then what the controls say about it.

The `auth` schema is a stand-in for Supabase's: `auth.jwt()` reads the claims PostgREST puts
in `request.jwt.claims`, `auth.uid()` and `auth.role()` read `sub` and `role` from them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest

from adapters.db import presets
from adapters.db.adapter import DatabaseAdapter, DatabaseTarget, sample_text_columns
from adapters.db.catalog import Catalog
from adapters.db.engine import CollectOptions
from adapters.db.postgres import PostgresEngine
from adapters.db.resources import build_resources
from checker.engine import evaluate
from checker.library import builtin_policy_dir
from checker.models import Snapshot, Status, Unresolved, worst
from checker.policy import load_controls
from tests.adapters.db import pg
from tests.adapters.db.pg import Scratch

scratch = pg.scratch

LIBRARY = {control.id: control for control in load_controls([builtin_policy_dir()])}
EXPOSURE = "pci-7.2.2-db-sensitive-columns-untrusted"
RLS = "pci-7.2.2-db-rls-untrusted-tables"
VIEWS = "pci-7.2.2-db-views-rls-bypass"
CLAIMS = "pci-7.2.2-db-policies-user-editable-claims"
ALICE = "00000000-0000-0000-0000-00000000a11c"
BOB = "00000000-0000-0000-0000-000000000b0b"
TEST_PAN = "4111111111111111"

AUTH = """
CREATE SCHEMA auth;
GRANT USAGE ON SCHEMA auth TO PUBLIC;
CREATE FUNCTION auth.jwt() RETURNS jsonb LANGUAGE sql STABLE
    AS $$ SELECT coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb $$;
CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE
    AS $$ SELECT nullif(auth.jwt() ->> 'sub', '')::uuid $$;
CREATE FUNCTION auth.role() RETURNS text LANGUAGE sql STABLE
    AS $$ SELECT nullif(auth.jwt() ->> 'role', '') $$;
CREATE TABLE auth.users (id uuid PRIMARY KEY, raw_user_meta_data jsonb, raw_app_meta_data jsonb);
CREATE SCHEMA app;
GRANT USAGE ON SCHEMA app TO PUBLIC;
"""


@dataclass(frozen=True)
class Api:
    """A scratch database set up like a Supabase project: the auth stand-in, an app schema,
    and uniquely named anon and authenticated roles."""

    db: Scratch
    anon: str
    authenticated: str

    def table(self, name: str, rows: int = 2) -> str:
        """`app.NAME` (id, owner, email) under row-level security, one row per owner (Alice,
        then Bob), readable by both API roles as far as the policies let them."""
        self.db.execute(
            f"CREATE TABLE app.{name} (id int PRIMARY KEY, owner uuid, email text);"
            f"ALTER TABLE app.{name} ENABLE ROW LEVEL SECURITY;"
            f"GRANT SELECT ON app.{name} TO {self.anon}, {self.authenticated};"
        )
        for number, owner in enumerate((ALICE, BOB)[:rows], start=1):
            self.db.execute(
                f"INSERT INTO app.{name} VALUES (%s, %s, %s)", (number, owner, f"u{number}@x.io")
            )
        return f"app.{name}"

    def rows_seen(self, role: str, query: str, **claims: Any) -> int:
        """How many rows `query` returns to `role` with these token claims."""
        claims.setdefault("role", role)
        connection = self.db.db
        with connection.transaction():
            connection.execute(f"SET LOCAL ROLE {role}")
            connection.execute(
                "SELECT set_config('request.jwt.claims', %s, true)", (json.dumps(claims),)
            )
            return len(connection.execute(query).fetchall())

    def catalog(self, **options: Any) -> Catalog:
        """What the engine reads, as the superuser, with the API roles untrusted."""
        options.setdefault("untrusted_roles", (self.anon, self.authenticated))
        return PostgresEngine().collect(self.db.dsn(), CollectOptions(**options))


@pytest.fixture
def api(scratch: Scratch) -> Iterator[Api]:
    anon = scratch.role("anon")
    authenticated = scratch.role("authenticated")
    scratch.execute(AUTH)
    yield Api(scratch, anon, authenticated)


def verdicts(catalog: Catalog, control_id: str) -> dict[str, tuple[str, str]]:
    """Each resource's status (the worst of the control's checks) and messages."""
    snapshot = Snapshot("db", tuple(build_resources(catalog)))
    return verdicts_of(snapshot, control_id)


def verdicts_of(snapshot: Snapshot, control_id: str) -> dict[str, tuple[str, str]]:
    (result,) = evaluate([LIBRARY[control_id]], [snapshot]).results
    found: dict[str, tuple[str, str]] = {}
    for finding in result.findings:
        status, message = str(finding.status), finding.message
        if finding.resource in found:
            before = found[finding.resource]
            status = str(worst([Status(before[0]), finding.status]))
            message = f"{before[1]} | {message}"
        found[finding.resource] = (status, message)
    return found


def succeeds(db: Scratch, role: str, statement: str) -> bool:
    """Whether `role` may run `statement` (rolled back either way)."""
    try:
        with db.db.transaction():
            db.execute(f"SET LOCAL ROLE {role}")
            db.execute(statement)
            raise psycopg.Rollback()
    except psycopg.errors.InsufficientPrivilege:
        return False
    return True


# -- 1. default privileges to untrusted roles --------------------------------------------


@pytest.fixture
def owner(api: Api) -> Iterator[str]:
    """A role owning schema `later`, whose default privileges are reset afterwards: DROP
    OWNED BY of the owner and a grantee at once fails on a shared default-ACL entry."""
    name = api.db.role("owner")
    api.db.execute(f"CREATE SCHEMA later AUTHORIZATION {name}")
    yield name
    grantees = api.db.execute(
        "SELECT DISTINCT pg_get_userbyid(a.grantee) FROM pg_default_acl d,"
        " aclexplode(d.defaclacl) a WHERE d.defaclrole = %s::regrole AND a.grantee <> 0",
        (name,),
    )
    for (grantee,) in grantees:
        api.db.execute(
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {name} IN SCHEMA later"
            f" REVOKE ALL ON TABLES FROM {grantee}"
        )


def test_default_privileges_to_untrusted_roles_and_their_groups_are_reported(
    api: Api, owner: str
) -> None:
    db, anon = api.db, api.anon
    readers = db.role("web_readers")
    db.execute(
        f"GRANT {readers} TO {anon};"
        f"GRANT USAGE ON SCHEMA later TO {anon};"
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA later "
        f"GRANT SELECT ON TABLES TO {anon};"
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA later "
        f"GRANT INSERT ON TABLES TO {readers};"
    )
    # What anon can do: every table the owner creates from now on is open to it.
    db.execute(f"SET ROLE {owner}; CREATE TABLE later.payouts (iban text); RESET ROLE")
    assert succeeds(db, anon, "SELECT * FROM later.payouts")
    assert succeeds(db, anon, "INSERT INTO later.payouts VALUES ('DE02')")

    found = verdicts(api.catalog(), "pci-7.2.1-db-public-grants")
    status, message = found[f"default:{owner}:later:table"]
    assert status == "fail"
    assert f"{anon}: SELECT" in message
    assert f"{readers}: INSERT (held by {anon})" in message


def test_default_privileges_to_trusted_roles_pass(api: Api, owner: str) -> None:
    service = api.db.role("service")
    api.db.execute(
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA later "
        f"GRANT SELECT ON TABLES TO {service};"
    )
    found = verdicts(api.catalog(), "pci-7.2.1-db-public-grants")
    assert found[f"default:{owner}:later:table"][0] == "pass"


# -- 2. policies true for every signed-in user --------------------------------------------


def test_policies_true_for_every_signed_in_user_open_the_table_to_that_role(api: Api) -> None:
    authenticated = api.authenticated
    signed_in = api.table("signed_in")
    by_role = api.table("by_role")
    by_subselect = api.table("by_subselect")
    own_rows = api.table("own_rows")
    api.db.execute(
        f"CREATE POLICY any_user ON {signed_in} FOR SELECT TO {authenticated}"
        " USING (auth.uid() IS NOT NULL);"
        f"CREATE POLICY any_role ON {by_role} FOR SELECT TO {authenticated}"
        f" USING (auth.role() = '{authenticated}');"
        f"CREATE POLICY cached ON {by_subselect} FOR SELECT TO {authenticated}"
        " USING ((SELECT auth.uid()) IS NOT NULL);"
        f"CREATE POLICY own ON {own_rows} FOR SELECT TO {authenticated}"
        " USING (owner = auth.uid());"
    )
    # Alice, signed in, reads Bob's row too, except where the policy binds rows to her.
    for table in (signed_in, by_role, by_subselect):
        assert api.rows_seen(authenticated, f"SELECT * FROM {table}", sub=ALICE) == 2
    assert api.rows_seen(authenticated, f"SELECT * FROM {own_rows}", sub=ALICE) == 1

    catalog = api.catalog()
    exposure = verdicts(catalog, EXPOSURE)
    for table, policy in ((signed_in, "any_user"), (by_subselect, "cached")):
        status, message = exposure[f"{table}.email"]
        assert status == "fail"
        assert f"{authenticated} can SELECT {table}.email" in message
        assert f"policy {policy} is true for every signed-in user" in message
    status, message = exposure[f"{by_role}.email"]
    assert status == "fail"
    assert f"policy any_role is true for every caller acting as {authenticated}" in message
    assert exposure[f"{own_rows}.email"][0] == "pass"
    rls = verdicts(catalog, RLS)
    assert {table: rls[table][0] for table in (signed_in, by_role, by_subselect, own_rows)} == {
        signed_in: "fail",
        by_role: "fail",
        by_subselect: "fail",
        own_rows: "pass",
    }


def test_a_role_check_for_another_role_filters_the_rows(api: Api) -> None:
    table = api.table("admins_only")
    api.db.execute(
        f"CREATE POLICY admins ON {table} FOR SELECT TO {api.authenticated}"
        " USING (auth.role() = 'service_admin')"
    )
    assert api.rows_seen(api.authenticated, f"SELECT * FROM {table}", sub=ALICE) == 0
    assert verdicts(api.catalog(), EXPOSURE)[f"{table}.email"][0] == "pass"


# -- 3. policies that trust claims users write themselves ----------------------------------


def test_policies_reading_user_metadata_are_reported(api: Api) -> None:
    authenticated = api.authenticated
    by_token = api.table("by_token")
    by_users = api.table("by_users")
    by_app_metadata = api.table("by_app_metadata")
    api.db.execute(
        f"GRANT SELECT ON auth.users TO {authenticated};"
        f"INSERT INTO auth.users VALUES ('{ALICE}', '{{\"role\": \"admin\"}}', '{{}}');"
        f"CREATE POLICY admins ON {by_token} FOR SELECT TO {authenticated}"
        " USING ((auth.jwt() -> 'user_metadata' ->> 'role') = 'admin');"
        f"CREATE POLICY admins ON {by_users} FOR SELECT TO {authenticated}"
        " USING (EXISTS (SELECT 1 FROM auth.users u WHERE u.id = auth.uid()"
        " AND u.raw_user_meta_data ->> 'role' = 'admin'));"
        f"CREATE POLICY admins ON {by_app_metadata} FOR SELECT TO {authenticated}"
        " USING ((auth.jwt() -> 'app_metadata' ->> 'role') = 'admin');"
    )
    # Alice gave herself the admin role in her own metadata (auth.updateUser): every row.
    admin = {"sub": ALICE, "user_metadata": {"role": "admin"}}
    assert api.rows_seen(authenticated, f"SELECT * FROM {by_token}", **admin) == 2
    assert api.rows_seen(authenticated, f"SELECT * FROM {by_token}", sub=ALICE) == 0
    assert api.rows_seen(authenticated, f"SELECT * FROM {by_users}", sub=ALICE) == 2
    assert api.rows_seen(authenticated, f"SELECT * FROM {by_app_metadata}", **admin) == 0

    found = verdicts(api.catalog(), CLAIMS)
    for table in (by_token, by_users):
        status, message = found[table]
        assert status == "fail"
        assert "admins: SELECT TO" in message
    assert found[by_app_metadata][0] == "pass"
    assert found["auth.users"][0] == "pass"


# -- 4. restrictive policies ----------------------------------------------------------------


def test_a_restrictive_policy_that_binds_rows_filters_an_open_permissive_one(api: Api) -> None:
    authenticated = api.authenticated
    restricted = api.table("restricted")
    restricted_by_nothing = api.table("restricted_by_nothing")
    restricted_for_others = api.table("restricted_for_others")
    other = api.db.role("staff")
    api.db.execute(
        f"CREATE POLICY everyone ON {restricted} FOR SELECT TO {authenticated} USING (true);"
        f"CREATE POLICY own ON {restricted} AS RESTRICTIVE FOR ALL TO {authenticated}"
        " USING (owner = auth.uid());"
        f"CREATE POLICY everyone ON {restricted_by_nothing} FOR SELECT TO {authenticated}"
        " USING (true);"
        f"CREATE POLICY signed_in ON {restricted_by_nothing} AS RESTRICTIVE FOR SELECT"
        f" TO {authenticated} USING (auth.uid() IS NOT NULL);"
        f"CREATE POLICY everyone ON {restricted_for_others} FOR SELECT TO {authenticated}"
        " USING (true);"
        f"CREATE POLICY own ON {restricted_for_others} AS RESTRICTIVE FOR SELECT TO {other}"
        " USING (owner = auth.uid());"
    )
    assert api.rows_seen(authenticated, f"SELECT * FROM {restricted}", sub=ALICE) == 1
    assert api.rows_seen(authenticated, f"SELECT * FROM {restricted_by_nothing}", sub=ALICE) == 2
    assert api.rows_seen(authenticated, f"SELECT * FROM {restricted_for_others}", sub=ALICE) == 2

    catalog = api.catalog()
    exposure = verdicts(catalog, EXPOSURE)
    rls = verdicts(catalog, RLS)
    assert exposure[f"{restricted}.email"] == ("pass", "exposed_to is []")
    assert rls[restricted][0] == "pass"
    for table in (restricted_by_nothing, restricted_for_others):
        assert exposure[f"{table}.email"][0] == "fail"
        assert "policy everyone is USING (true)" in exposure[f"{table}.email"][1]
        assert rls[table][0] == "fail"


# -- 5. chains of views ---------------------------------------------------------------------


def test_views_are_judged_by_what_they_finally_read(api: Api) -> None:
    authenticated = api.authenticated
    people = api.table("people")
    api.db.execute(
        f"CREATE POLICY own ON {people} FOR SELECT TO {authenticated} USING (owner = auth.uid());"
        "CREATE TABLE app.countries (code text, label text);"
        "INSERT INTO app.countries VALUES ('de', 'Germany'), ('fr', 'France');"
        "CREATE VIEW app.people_inner WITH (security_invoker = true) AS"
        f" SELECT id, email, owner FROM {people};"
        "CREATE VIEW app.people_outer WITH (security_invoker = true) AS"
        " SELECT id, email FROM app.people_inner;"
        "CREATE VIEW app.people_countries WITH (security_invoker = true) AS"
        f" SELECT p.email, c.label FROM {people} p CROSS JOIN app.countries c;"
        # Owned by the superuser and not security_invoker: it reads every row of people.
        "CREATE VIEW app.people_definer AS SELECT id, email FROM app.people;"
        "CREATE VIEW app.people_over_definer WITH (security_invoker = true) AS"
        " SELECT id, email FROM app.people_definer;"
        f"GRANT SELECT ON ALL TABLES IN SCHEMA app TO {authenticated};"
    )
    alice = {"sub": ALICE}
    assert api.rows_seen(authenticated, "SELECT * FROM app.people_outer", **alice) == 1
    emails = "SELECT DISTINCT email FROM app.people_countries"
    assert api.rows_seen(authenticated, emails, **alice) == 1
    assert api.rows_seen(authenticated, "SELECT * FROM app.people_over_definer", **alice) == 2

    catalog = api.catalog()
    exposure = verdicts(catalog, EXPOSURE)
    assert exposure["app.people_outer.email"][0] == "pass"
    assert exposure["app.people_inner.email"][0] == "pass"
    assert exposure["app.people_countries.email"][0] == "pass"
    status, message = exposure["app.people_over_definer.email"]
    assert status == "fail"
    assert f"through app.people_definer: the view bypasses the row-level security of {people}" in (
        message
    )
    views = verdicts(catalog, VIEWS)
    assert views["app.people_outer"][0] == "pass"
    assert views["app.people_definer"][0] == "fail"
    assert views["app.people_over_definer"][0] == "fail"
    tables = {r.address: r.attributes for r in build_resources(catalog) if r.type == "db.table"}
    assert tables["app.people_outer"]["reads_rls_tables"] == [people]
    assert tables["app.people_outer"]["bypasses_rls"] is False


# -- 6. card numbers in JSON, numbers and arrays --------------------------------------------


def test_card_numbers_in_json_numeric_and_array_columns_are_found(scratch: Scratch) -> None:
    scratch.execute(
        "CREATE TABLE payloads (id bigint, doc jsonb, raw json, amount numeric, tags text[],"
        " codes varchar(20)[], paid_at date)"
    )
    scratch.execute(
        "INSERT INTO payloads VALUES (1, %s, %s, %s, %s, %s, '2024-01-01')",
        (
            json.dumps({"card": {"number": TEST_PAN}}),
            json.dumps({"pan": int(TEST_PAN)}),
            int(TEST_PAN),
            ["vip", TEST_PAN],
            [TEST_PAN],
        ),
    )
    assert scratch.execute(f"SELECT count(*) FROM payloads WHERE amount = {TEST_PAN}") == [(1,)]
    catalog = PostgresEngine().collect(
        scratch.dsn(), CollectOptions(sample_rows=10, sample_column=sample_text_columns)
    )
    sampled = dict(catalog.samples)
    assert sorted(sampled) == [
        f"public.payloads.{name}" for name in ("amount", "codes", "doc", "raw", "tags")
    ]
    for address, sample in sampled.items():
        assert not isinstance(sample, Unresolved), address
        assert (sample.pan_values, sample.examples) == (1, ("411111******1111",)), address
    assert TEST_PAN not in repr(catalog)
    found = verdicts(catalog, "pci-3.5.1-db-pan-in-clear")
    assert {address: status for address, (status, _) in found.items()} == dict.fromkeys(
        sampled, "fail"
    )


# -- 8. policies that cannot be read ---------------------------------------------------------


def _open_table(api: Api) -> str:
    table = api.table("members")
    api.db.execute(f"CREATE POLICY everyone ON {table} FOR SELECT TO {api.anon} USING (true)")
    # What anon can do: read every row.
    assert api.rows_seen(api.anon, f"SELECT * FROM {table}") == 2
    return table


def test_policies_the_scanner_may_not_read_make_the_exposure_checks_errors(api: Api) -> None:
    table = _open_table(api)
    scanner = api.db.role("scanner", "LOGIN")
    api.db.execute("REVOKE SELECT ON pg_catalog.pg_policy FROM PUBLIC")
    catalog = PostgresEngine().collect(
        api.db.dsn(user=scanner), CollectOptions(untrusted_roles=(api.anon,))
    )
    assert isinstance(catalog.policies, Unresolved)
    assert "InsufficientPrivilege" in catalog.policies.reason
    status, message = verdicts(catalog, EXPOSURE)[f"{table}.email"]
    assert status == "error"
    assert "pg_policy" in message
    assert verdicts(catalog, RLS)[table][0] == "error"
    assert verdicts(catalog, CLAIMS)[table][0] == "error"


def test_policies_locked_past_the_timeout_make_the_exposure_checks_errors(api: Api) -> None:
    table = _open_table(api)
    with pg.connect(api.db.name) as holder:
        holder.autocommit = False
        holder.execute("LOCK TABLE pg_catalog.pg_policy IN ACCESS EXCLUSIVE MODE")
        catalog = PostgresEngine(statement_timeout=1.0).collect(
            api.db.dsn(), CollectOptions(untrusted_roles=(api.anon,))
        )
        holder.rollback()
    assert isinstance(catalog.policies, Unresolved)
    assert not isinstance(catalog.relations, Unresolved)
    assert verdicts(catalog, EXPOSURE)[f"{table}.email"][0] == "error"


# -- 9. a misspelt --untrusted-role ----------------------------------------------------------


def test_a_named_untrusted_role_that_does_not_exist_is_an_error(api: Api) -> None:
    table = api.table("closed")
    api.db.execute(f"REVOKE SELECT ON {table} FROM {api.anon}, {api.authenticated}")
    misspelt = f"anno_{api.db.suffix}"
    assert api.db.existing_roles([misspelt]) == []
    assert not succeeds(api.db, api.anon, f"SELECT * FROM {table}")

    def scan(**options: Any) -> Snapshot:
        collect = CollectOptions(untrusted_roles=(api.anon, misspelt), **options)
        return DatabaseAdapter([DatabaseTarget(api.db.dsn(), options=collect)]).collect()

    named = scan(roles_named=True)
    messages = [error.message for error in named.errors]
    typo = [message for message in messages if message.startswith(f"--untrusted-role {misspelt}:")]
    assert len(typo) == 1
    assert f"no role {misspelt} in database {api.db.name}" in typo[0]
    assert verdicts_of(named, EXPOSURE)[f"{table}.email"][0] == "error"
    assert verdicts_of(named, "pci-7.2.1-db-public-grants")["schema:app"][0] == "pass"

    # The default roles are checked where they exist and skipped where they do not.
    default = scan()
    assert default.errors == ()
    assert verdicts_of(default, EXPOSURE)[f"{table}.email"][0] == "pass"


# -- 11. a platform preset -------------------------------------------------------------------


def test_a_preset_names_untrusted_roles_and_intended_powers(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = api.db.role("service_role", "NOLOGIN BYPASSRLS")
    minter = api.db.role("minter", "NOLOGIN CREATEROLE")
    table = api.table("vault")
    api.db.execute(f"GRANT SELECT ON {table} TO {service}")
    # What the service role can do: read every row, no policy needed.
    assert api.rows_seen(service, f"SELECT * FROM {table}") == 2
    platform = presets.Preset(
        "platform",
        untrusted_roles=(api.anon, api.authenticated),
        intended_powers={service: ("bypass_rls",)},
    )
    monkeypatch.setattr(presets, "PRESETS", {"platform": platform})

    without = verdicts(api.catalog(untrusted_roles=()), "pci-7.2.1-db-privileged-roles")
    status, message = without[f"role:{service}"]
    assert status == "fail"
    assert "bypass_rls is true" in message

    catalog = api.catalog(untrusted_roles=(), preset="platform")
    assert catalog.untrusted_roles[:3] == ("PUBLIC", api.anon, api.authenticated)
    admins = verdicts(catalog, "pci-7.2.1-db-privileged-roles")
    assert admins[f"role:{service}"][0] == "pass"
    assert admins[f"role:{minter}"][0] == "fail"
    assert "create_role is true" in admins[f"role:{minter}"][1]
    roles = {r.address: r.attributes for r in build_resources(catalog) if r.type == "db.role"}
    assert roles[f"role:{service}"]["intended_powers"] == ["bypass_rls"]
    assert roles[f"role:{service}"]["bypass_rls"] is True
    assert roles[f"role:{api.anon}"]["untrusted"] is True


def test_a_preset_whose_roles_are_missing_is_an_error(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = f"absent_{api.db.suffix}"
    platform = presets.Preset("platform", untrusted_roles=(api.anon, missing))
    monkeypatch.setattr(presets, "PRESETS", {"platform": platform})
    options = CollectOptions(untrusted_roles=(), preset="platform")
    snapshot = DatabaseAdapter([DatabaseTarget(api.db.dsn(), options=options)]).collect()
    assert [e.message for e in snapshot.errors if e.message.startswith("--preset platform")]
    assert isinstance(api.catalog(untrusted_roles=(), preset="platform").access, Unresolved)
