"""assaymark.yaml: settings that would quietly change what is checked are refused up front."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.config import load_config
from checker.errors import UsageError
from tests.conftest import REPO

COMPLIANT = REPO / "examples" / "terraform" / "compliant"


def config(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "assaymark.yaml"
    path.write_text(f"terraform: {{paths: [{COMPLIANT}]}}\n{extra}", encoding="utf-8")
    return path


def test_an_unknown_format_is_refused_before_anything_runs(tmp_path: Path) -> None:
    known = r"format: unknown format 'docx'; known: gitlab, html, json"
    with pytest.raises(UsageError, match=known):
        load_config(config(tmp_path, "format: docx\n"))


@pytest.mark.parametrize("values", ["[]", "cardholder", "~"])
def test_an_empty_or_malformed_scope_tag_entry_is_refused(tmp_path: Path, values: str) -> None:
    with pytest.raises(UsageError, match=r"scope_tags\.DataClassification"):
        load_config(config(tmp_path, f"scope_tags: {{DataClassification: {values}}}\n"))


def test_a_database_is_held_against_its_migrations_from_the_configuration(tmp_path: Path) -> None:
    entry = (
        "databases:\n"
        "  - dsn_env: LEDGER_DSN\n"
        "    migrations: db/migration\n"
        "    migrations_tool: flyway\n"
        "    shadow_dsn_env: SHADOW_DSN\n"
        "    connect_timeout: 3\n"
    )
    (database,) = load_config(config(tmp_path, entry)).databases
    assert database.migrations == tmp_path / "db" / "migration"
    assert (database.migrations_tool, database.shadow_dsn_env) == ("flyway", "SHADOW_DSN")
    assert (database.connect_timeout, database.statement_timeout) == (3.0, 30.0)


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("connect_timeout: 0", r"databases\[1\]\.connect_timeout: expected a number of seconds"),
        ("statement_timeout: soon", r"statement_timeout: expected a number of seconds"),
        ("all_databases: yes please", r"all_databases: expected true or false"),
        ("shadow_dsn: postgresql://x/y", r"unknown setting\(s\) shadow_dsn"),
    ],
)
def test_bad_database_settings_name_the_entry(tmp_path: Path, setting: str, message: str) -> None:
    entry = f"databases:\n  - dsn_env: LEDGER_DSN\n    {setting}\n"
    with pytest.raises(UsageError, match=message):
        load_config(config(tmp_path, entry))


def test_an_organization_replaces_the_default_account(tmp_path: Path) -> None:
    entry = (
        "aws:\n"
        "  organization: {role_name: assaymark-audit, profile: org, exclude: ['111122223333']}\n"
    )
    aws = load_config(config(tmp_path, entry)).aws
    assert aws is not None and aws.accounts == ()
    assert aws.organization is not None
    assert (aws.organization.role_name, aws.organization.profile) == ("assaymark-audit", "org")
    assert aws.organization.exclude == ("111122223333",)


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("{role_name: 'arn:aws:iam::1:role/x'}", r"aws\.organization\.role_name: give the name"),
        ("{}", r"aws\.organization\.role_name"),
        ("{role_name: audit, exclude: [prod]}", r"'prod' is not a 12-digit account id"),
        ("{role_name: audit, accounts: x}", r"aws\.organization: unknown setting\(s\) accounts"),
        ("audit", r"aws\.organization: expected a mapping"),
    ],
)
def test_bad_organization_settings_name_the_key(tmp_path: Path, setting: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        load_config(config(tmp_path, f"aws:\n  organization: {setting}\n"))
