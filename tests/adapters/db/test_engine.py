"""Connection strings: parsed, never echoing a password, refused with one on the command line."""

from __future__ import annotations

import pytest

from adapters.db.engine import DatabaseError, dsn_from_environment, parse_dsn


def test_a_connection_string_is_parsed_with_its_tls_parameters() -> None:
    dsn = parse_dsn("postgresql://audit@db.internal:6432/ledger?sslmode=verify-full")
    assert (dsn.scheme, dsn.host, dsn.port, dsn.database, dsn.user) == (
        "postgresql",
        "db.internal",
        6432,
        "ledger",
        "audit",
    )
    assert dsn.params == {"sslmode": "verify-full"}
    assert str(dsn) == "postgresql://audit@db.internal:6432/ledger"


def test_a_password_on_the_command_line_is_refused() -> None:
    with pytest.raises(DatabaseError, match="PGPASSWORD") as raised:
        parse_dsn("postgresql://audit:hunter2@db/ledger")
    assert "hunter2" not in str(raised.value)


def test_a_password_from_the_environment_is_kept_out_of_every_rendering(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LEDGER_DSN", "mysql://audit:hunter2@db/ledger")
    dsn = dsn_from_environment("LEDGER_DSN")
    assert dsn.password == "hunter2"
    assert "hunter2" not in str(dsn)
    assert "hunter2" not in repr(dsn)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("db.internal/ledger", "expected SCHEME://USER@HOST"),
        ("postgresql://audit@db.internal", "no database"),
        ("postgresql://audit@db.internal:99999/x", "connection string"),
    ],
)
def test_malformed_connection_strings_are_refused(text: str, message: str) -> None:
    with pytest.raises(DatabaseError, match=message):
        parse_dsn(text)


def test_an_unset_environment_variable_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOPE_DSN", raising=False)
    with pytest.raises(DatabaseError, match="NOPE_DSN is not set"):
        dsn_from_environment("NOPE_DSN")
