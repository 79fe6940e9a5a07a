"""The database tests on a shared server: every one of them runs beside another project's
databases and roles (`tests.shared_server`), which must be as they were when the session ends;
and the examples' own roles are created and dropped only when marked as theirs."""

from __future__ import annotations

import psycopg
import pytest

from tests import shared_server
from tests.adapters.db import my, pg

# The fixtures of `pg` and `my`, used by name below.
scratch = pg.scratch
server = my.server


def test_the_database_tests_run_beside_another_projects_objects(
    scratch: pg.Scratch, server: my.Server
) -> None:
    # Planted by this session, or by another one running beside it (which holds the lock).
    roles = scratch.execute(
        "SELECT rolname FROM pg_roles WHERE rolname = ANY(%s) ORDER BY 1",
        (list(shared_server.PG_ROLES),),
    )
    assert [name for (name,) in roles] == sorted(shared_server.PG_ROLES)
    assert scratch.execute("SELECT 1 FROM pg_database WHERE datname LIKE 'foreign_shop_%'")
    accounts = server.rows("SELECT User FROM mysql.user WHERE User IN ('anon', 'service_role')")
    assert sorted(name for (name,) in accounts) == ["anon", "service_role"]


def test_a_change_to_another_projects_objects_is_noticed(scratch: pg.Scratch) -> None:
    def shops() -> set[str]:
        found = scratch.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE 'foreign_shop_%'"
        )
        return {name for (name,) in found}

    already = shops()
    with shared_server.foreign_postgres() as state:
        before = state()
        (database,) = shops() - already
        with pg.connect(database) as shop:
            shop.execute("REVOKE SELECT ON orders FROM authenticated")
        assert state() != before
    assert shops() == already


def test_drop_roles_sql_drops_only_the_example_roles_no_database_uses(
    scratch: pg.Scratch,
) -> None:
    names = {role: f"{role}_{scratch.suffix}" for role in pg.EXAMPLE_ROLES}
    drop_roles = pg.renamed((pg.EXAMPLES / "drop-roles.sql").read_text(encoding="utf-8"), names)
    # A role of an example name that the example did not create; two it did (marked), one of
    # them still used by another database.
    stranger = scratch.role("fintech_reporting")
    anon, app_service = names["fintech_anon"], names["fintech_app_service"]
    scratch.track([anon, app_service])
    for role in (anon, app_service):
        scratch.execute(f"CREATE ROLE {role}; COMMENT ON ROLE {role} IS '{pg.EXAMPLE_MARK}'")
    with pg.scratch_database("assaymark_other") as other:
        other.execute(f"CREATE TABLE t (id int); GRANT SELECT ON t TO {anon}")
        scratch.execute(drop_roles)
        assert scratch.existing_roles(names.values()) == sorted([anon, stranger])
    scratch.execute(drop_roles)
    assert scratch.existing_roles(names.values()) == [stranger]


def test_an_example_stops_rather_than_change_a_role_it_did_not_create(
    scratch: pg.Scratch,
) -> None:
    reporting = scratch.role("fintech_reporting", "NOLOGIN NOSUPERUSER")

    with pytest.raises(psycopg.errors.RaiseException, match="this example did not create it"):
        scratch.load_example("insecure")

    (row,) = scratch.execute(
        "SELECT rolsuper, rolcanlogin, shobj_description(oid, 'pg_authid') FROM pg_roles"
        " WHERE rolname = %s",
        (reporting,),
    )
    assert row == (False, False, None)
    assert not scratch.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'payments'")
