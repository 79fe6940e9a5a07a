"""Collection and evaluation time, and catalog queries, of `assaymark scan db` on PostgreSQL.

Creates a throwaway database on the local server (127.0.0.1:5432, user postgres) with N tables
spread over 10 schemas, M roles (a few of them group roles that untrusted roles belong to),
grants, row-level security and views, then collects it with the database adapter and evaluates
the built-in controls. It runs at two sizes (N/10 and N) to show that the number of queries
does not grow with the number of tables. As a peer, side by side, it times the straightforward
way a script gets the same effective privileges: one has_table_privilege query per table and
role.

Usage: python benchmarks/scan_db.py [--tables 10000] [--roles 50]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
import uuid

import psycopg
from psycopg import sql

from adapters.db import DatabaseAdapter, DatabaseTarget, parse_dsn
from adapters.db.adapter import sample_text_columns
from adapters.db.engine import CollectOptions
from checker.engine import evaluate
from checker.library import builtin_policy_dir
from checker.policy import load_controls

ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
SCHEMAS = 10


def create(database: str, tables: int, roles: int, prefix: str) -> None:
    """The database, its roles and objects (roles are cluster-wide: named with `prefix`)."""
    with psycopg.connect(ADMIN, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
        for index in range(roles):
            admin.execute(
                sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(f"{prefix}_r{index}"))
            )
        admin.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(f"{prefix}_anon")))
        admin.execute(
            sql.SQL("GRANT {} TO {}").format(
                sql.Identifier(f"{prefix}_r0"), sql.Identifier(f"{prefix}_anon")
            )
        )
    with psycopg.connect(f"host=127.0.0.1 user=postgres dbname={database}") as conn:
        for schema in range(SCHEMAS):
            conn.execute(f"CREATE SCHEMA s{schema}")
    # A table takes a lock until its transaction ends: create them a batch per transaction.
    for first in range(0, tables, 500):
        last = min(first + 500, tables) - 1
        with psycopg.connect(f"host=127.0.0.1 user=postgres dbname={database}") as conn:
            conn.execute(
                f"""
            DO $$
            DECLARE i int; s text;
            BEGIN
              FOR i IN {first} .. {last} LOOP
                s := 's' || (i % {SCHEMAS});
                EXECUTE format('CREATE TABLE %I.t%s (id bigint PRIMARY KEY, email text,
                                 card_number text, amount numeric, note text)', s, i);
                EXECUTE format('GRANT SELECT ON %I.t%s TO %I', s, i,
                               '{prefix}_r' || (i % {roles}));
                IF i % 7 = 0 THEN
                  EXECUTE format('ALTER TABLE %I.t%s ENABLE ROW LEVEL SECURITY', s, i);
                  EXECUTE format('CREATE POLICY p ON %I.t%s USING (true)', s, i);
                END IF;
                IF i % 50 = 0 THEN
                  EXECUTE format('CREATE VIEW %I.v%s AS SELECT id, email FROM %I.t%s',
                                 s, i, s, i);
                END IF;
              END LOOP;
            END $$
            """
            )


def drop(database: str, roles: int, prefix: str) -> None:
    """Remove the database and the roles."""
    with psycopg.connect(ADMIN, autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database))
        )
        for name in [f"{prefix}_anon", *(f"{prefix}_r{i}" for i in range(roles))]:
            admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))


def peer(database: str, role: str) -> tuple[float, int]:
    """The straightforward way: one effective-privilege query per table."""
    started = time.perf_counter()
    queries = 0
    with psycopg.connect(f"host=127.0.0.1 user=postgres dbname={database}") as conn:
        oids = conn.execute(
            "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r','p','v','m') AND n.nspname LIKE 's%'"
        ).fetchall()
        queries += 1
        for (oid,) in oids:
            conn.execute("SELECT has_table_privilege(%s, %s, 'SELECT')", (role, oid)).fetchone()
            queries += 1
    return time.perf_counter() - started, queries


def measure(tables: int, roles: int) -> None:
    prefix = f"bench{uuid.uuid4().hex[:6]}"
    database = f"assaymark_bench_{prefix}"
    started = time.perf_counter()
    try:
        create(database, tables, roles, prefix)
        setup = time.perf_counter() - started
        dsn = parse_dsn(f"postgresql://postgres@127.0.0.1:5432/{database}")
        options = CollectOptions(untrusted_roles=(f"{prefix}_anon", "authenticated"))
        started = time.perf_counter()
        snapshot = DatabaseAdapter([DatabaseTarget(dsn, options=options)]).collect()
        collected = time.perf_counter() - started
        (metadata,) = snapshot.metadata["databases"].values()
        controls = load_controls([builtin_policy_dir()])
        started = time.perf_counter()
        report = evaluate(controls, [snapshot])
        evaluated = time.perf_counter() - started
        findings = sum(len(result.findings) for result in report.results)
        peer_time, peer_queries = peer(database, f"{prefix}_anon")
        sampling = CollectOptions(
            untrusted_roles=options.untrusted_roles,
            sample_rows=10,
            sample_column=sample_text_columns,
        )
        started = time.perf_counter()
        sampled = DatabaseAdapter([DatabaseTarget(dsn, options=sampling)]).collect()
        sample_time = time.perf_counter() - started
        (sample_metadata,) = sampled.metadata["databases"].values()
        print(
            f"{tables:>6} tables, {roles} roles (setup {setup:.1f} s): "
            f"collect {collected:.2f} s with {metadata['queries']} queries, "
            f"{len(snapshot.resources)} resources; evaluate {evaluated:.2f} s, "
            f"{findings} findings; peer (a query per table, one role) {peer_time:.2f} s with "
            f"{peer_queries} queries: ours/peer {collected / peer_time:.2f}x the time for "
            f"{len(options.untrusted_roles) + 1} roles and every privilege; with --sample 10: "
            f"collect {sample_time:.2f} s with {sample_metadata['queries']} queries "
            f"(one per table sampled), {len(sampled.errors)} errors"
        )
    finally:
        drop(database, roles, prefix)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=10_000)
    parser.add_argument("--roles", type=int, default=50)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.system()}; PostgreSQL on 127.0.0.1"
    )
    for tables in (max(args.tables // 10, 1), args.tables):
        measure(tables, args.roles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
