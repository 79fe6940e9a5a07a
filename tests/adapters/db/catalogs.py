"""Catalogs built in memory, for testing what becomes of them without a server."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from adapters.db.catalog import (
    PUBLIC,
    Access,
    Audit,
    Catalog,
    Column,
    DefaultPrivilege,
    Function,
    Grant,
    Policy,
    Relation,
    Role,
)

TEXT = "text"


def columns(*names: str) -> tuple[Column, ...]:
    return tuple(Column(name, TEXT, text_like=True) for name in names)


def leaky_catalog(**changes: Any) -> Catalog:
    """A PostgreSQL database with the leaks the controls look for, and clean neighbours."""
    catalog = Catalog(
        engine="postgresql",
        server="db.internal:5432",
        database="ledger",
        version="15.4",
        current_user="assaymark",
        roles=(
            Role("postgres", login=True, superuser=True, password="scram-sha-256"),
            Role("anon", login=False, member_of=("web_readers",), password="none"),
            Role("authenticated", login=False, password="none"),
            Role("web_readers", login=False, member_of=("catalog_readers",), password="none"),
            Role("catalog_readers", login=False, password="none"),
            Role("reporting", login=True, superuser=True, password="md5"),
            Role("app", login=True, password="scram-sha-256", valid_until="2027-06-30"),
        ),
        relations=(
            Relation("payments", "cards", "table", "app", columns("id", "pan", "pan_token")),
            Relation(
                "customers",
                "customers",
                "table",
                "app",
                columns("id", "email", "nickname"),
                rls_enabled=True,
            ),
            Relation(
                "customers",
                "addresses",
                "table",
                "app",
                columns("id", "address"),
                rls_enabled=True,
            ),
            Relation(
                "customers",
                "directory",
                "view",
                "postgres",
                columns("email"),
                security_invoker=False,
                reads=("customers.customers",),
            ),
            Relation(
                "customers",
                "safe_directory",
                "view",
                "app",
                columns("email"),
                security_invoker=True,
                reads=("customers.customers",),
            ),
        ),
        policies=(
            Policy("customers.customers", "everyone", "SELECT", ("authenticated",), "true", None),
            Policy(
                "customers.addresses",
                "own_rows",
                "ALL",
                ("authenticated",),
                "(customer_id = current_setting('app.customer_id'::text))::bigint",
                None,
            ),
        ),
        grants=(
            Grant("catalog_readers", "SELECT", "table", "payments.cards"),
            Grant("authenticated", "SELECT", "table", "customers.customers"),
            Grant("authenticated", "SELECT", "table", "customers.addresses"),
            Grant("anon", "SELECT", "view", "customers.directory"),
            Grant("anon", "SELECT", "view", "customers.safe_directory"),
            Grant(PUBLIC, "SELECT", "table", "payments.cards"),
            Grant(PUBLIC, "USAGE", "schema", "schema:payments"),
            Grant(PUBLIC, "EXECUTE", "function", "payments.lookup(text)"),
        ),
        functions=(
            Function("payments", "lookup", "text", "postgres", security_definer=True),
            Function(
                "payments",
                "safe_lookup",
                "text",
                "postgres",
                security_definer=True,
                search_path="pg_catalog, pg_temp",
            ),
        ),
        default_privileges=(
            DefaultPrivilege("app", "payments", "table", PUBLIC, ("SELECT",)),
            DefaultPrivilege("app", "payments", "table", "reporting", ("SELECT",)),
        ),
        access=(
            Access("anon", "payments.cards", "SELECT"),
            Access(PUBLIC, "payments.cards", "SELECT"),
            Access("authenticated", "payments.cards", "SELECT"),
            Access("authenticated", "customers.customers", "SELECT"),
            Access("authenticated", "customers.addresses", "SELECT"),
            Access("anon", "customers.directory", "SELECT"),
            Access("anon", "customers.safe_directory", "SELECT"),
            Access(PUBLIC, "payments.lookup(text)", "EXECUTE"),
            Access("anon", "payments.lookup(text)", "EXECUTE"),
        ),
        settings={
            "ssl": "off",
            "password_encryption": "md5",
            "log_connections": "off",
            "log_disconnections": "on",
            "log_line_prefix": "%m [%p] ",
            "shared_preload_libraries": "",
            "pgaudit.log": None,
        },
        audit=Audit(False, "pgaudit is not in shared_preload_libraries"),
        untrusted_roles=(PUBLIC, "anon", "authenticated"),
    )
    return replace(catalog, **changes)
