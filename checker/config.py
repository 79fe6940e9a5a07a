"""`assaymark.yaml`: one run over every configured source, for CI and the quarterly export.

```yaml
terraform:
  paths: [infra/]
  var_files: [infra/prod.tfvars]
  checkov: true                    # also run checkov (assaymark checkov install) beside it
  download_modules: true           # fetch registry and git modules as `terraform init` would
frameworks: [pci-dss-4.0, gdpr]
policies: [compliance/controls]
scope_tags: {DataClassification: [cardholder, personal]}
allowed_regions: [eu-west-1, eu-central-1]
databases:
  - dsn_env: LEDGER_DSN            # postgresql://... or mysql://..., read from the environment
    data_map: compliance/data-map.yaml
    expectations: compliance/expected-schema.yaml
    untrusted_roles: [anon, authenticated]
    sample: 100                    # rows per table read for card numbers in clear (default 0)
    migrations: db/migration       # held against the tracker table (the tool is recognised)
    shadow_dsn_env: SHADOW_DSN     # a server to replay them into, in a throwaway database
waivers: compliance/waivers.yaml
attestations: compliance/attestations.yaml
evidence: evidence/
sign_key: /secure/assaymark.key
```

An `aws` section names its accounts one by one (`accounts: [{role_arn: ...}]`), or takes every
active account of an organization, listed with `organizations:ListAccounts` by the management
account or a delegated administrator (`organization: {role_name: assaymark-audit, profile:
org-audit, exclude: ["111122223333"]}`), or both.

Paths are relative to the configuration file. Database connection strings are only ever read
from environment variables (`dsn_env`); a password written in the file is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import UsageError
from checker.formats import FORMATS
from checker.settings_file import read_settings

_KNOWN_KEYS = frozenset(
    {
        "terraform",
        "aws",
        "databases",
        "frameworks",
        "controls",
        "policies",
        "scope_tags",
        "allowed_regions",
        "waivers",
        "attestations",
        "evidence",
        "sign_key",
        "format",
        "output",
    }
)
_PASSWORD_IN_DSN = re.compile(r"^[a-z][a-z0-9+.-]*://[^/@:]*:[^/@]+@", re.IGNORECASE)
_DATABASE_KEYS = frozenset(
    {
        "dsn",
        "dsn_env",
        "data_map",
        "expectations",
        "untrusted_roles",
        "sample",
        "migrations",
        "migrations_tool",
        "shadow_dsn_env",
        "preset",
        "all_databases",
        "connect_timeout",
        "statement_timeout",
    }
)


@dataclass(frozen=True)
class TerraformSource:
    """The Terraform part of a configuration."""

    paths: tuple[Path, ...]
    var_files: tuple[Path, ...] = ()
    plan: Path | None = None
    checkov: bool = False
    checkov_path: Path | None = None
    download_modules: bool = False


@dataclass(frozen=True)
class AwsAccount:
    """One account to scan: ambient credentials, a profile, or a role to assume."""

    profile: str | None = None
    role_arn: str | None = None
    external_id: str | None = None


@dataclass(frozen=True)
class AwsOrganization:
    """Every active account of an AWS organization, reached through one role name."""

    role_name: str
    external_id: str | None = None
    profile: str | None = None
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class AwsSource:
    """The AWS part of a configuration."""

    accounts: tuple[AwsAccount, ...]
    regions: tuple[str, ...] = ()
    endpoint_url: str | None = None
    organization: AwsOrganization | None = None


@dataclass(frozen=True)
class DatabaseEntry:
    """One database of a configuration: where its connection string is, and what to check."""

    dsn: str | None = None
    dsn_env: str | None = None
    data_map: Path | None = None
    expectations: Path | None = None
    untrusted_roles: tuple[str, ...] = ()
    sample: int = 0
    migrations: Path | None = None
    migrations_tool: str | None = None
    shadow_dsn_env: str | None = None
    preset: str | None = None
    all_databases: bool = False
    connect_timeout: float = 10.0
    statement_timeout: float = 30.0


def _seconds(entry: Mapping[str, Any], key: str, where: str, default: float) -> float:
    value = entry.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise UsageError(f"{where}.{key}: expected a number of seconds (more than 0)")
    return float(value)


def _optional_string(entry: Mapping[str, Any], key: str, where: str) -> str | None:
    value = entry.get(key)
    if value is not None and not isinstance(value, str):
        raise UsageError(f"{where}.{key}: expected a string")
    return value


@dataclass(frozen=True)
class RunConfig:
    """A validated `assaymark.yaml`."""

    path: Path
    terraform: TerraformSource | None = None
    aws: AwsSource | None = None
    databases: tuple[DatabaseEntry, ...] = ()
    frameworks: tuple[str, ...] = ()
    controls: tuple[str, ...] = ()
    policies: tuple[Path, ...] = ()
    scope_tags: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    parameters: Mapping[str, Any] = field(default_factory=dict)
    waivers: Path | None = None
    attestations: Path | None = None
    evidence: Path | None = None
    sign_key: Path | None = None
    format: str = "text"
    output: Path | None = None


def _strings(value: Any, where: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise UsageError(f"{where}: expected a string or a list of strings")
    return tuple(items)


def _databases(entries: Any, origin: str, base: Path) -> tuple[DatabaseEntry, ...]:
    if not isinstance(entries, list):
        raise UsageError(f"{origin}: databases: expected a list")
    databases = []
    for number, entry in enumerate(entries, start=1):
        where = f"{origin}: databases[{number}]"
        if not isinstance(entry, dict):
            raise UsageError(f"{where}: expected a mapping")
        if "password" in entry or _PASSWORD_IN_DSN.match(str(entry.get("dsn", ""))):
            raise UsageError(
                f"{where}: a password is written in the file; "
                "give the connection string in an environment variable with dsn_env"
            )
        unknown = sorted(set(entry) - _DATABASE_KEYS)
        if unknown:
            raise UsageError(f"{where}: unknown setting(s) {', '.join(unknown)}")
        if ("dsn" in entry) == ("dsn_env" in entry):
            raise UsageError(
                f"{where}: give either dsn_env or dsn (a connection string without a password)"
            )
        sample = entry.get("sample", 0)
        if not isinstance(sample, int) or isinstance(sample, bool) or sample < 0:
            raise UsageError(f"{where}.sample: expected a number of rows (0 or more)")
        all_databases = entry.get("all_databases", False)
        if not isinstance(all_databases, bool):
            raise UsageError(f"{where}.all_databases: expected true or false")
        databases.append(
            DatabaseEntry(
                dsn=str(entry["dsn"]) if "dsn" in entry else None,
                dsn_env=str(entry["dsn_env"]) if "dsn_env" in entry else None,
                data_map=base / str(entry["data_map"]) if entry.get("data_map") else None,
                expectations=(
                    base / str(entry["expectations"]) if entry.get("expectations") else None
                ),
                untrusted_roles=_strings(
                    entry.get("untrusted_roles", []), f"{where}.untrusted_roles"
                ),
                sample=sample,
                migrations=base / str(entry["migrations"]) if entry.get("migrations") else None,
                migrations_tool=_optional_string(entry, "migrations_tool", where),
                shadow_dsn_env=_optional_string(entry, "shadow_dsn_env", where),
                preset=_optional_string(entry, "preset", where),
                all_databases=all_databases,
                connect_timeout=_seconds(entry, "connect_timeout", where, 10.0),
                statement_timeout=_seconds(entry, "statement_timeout", where, 30.0),
            )
        )
    return tuple(databases)


def _aws(section: Any, origin: str) -> AwsSource:
    where = f"{origin}: aws"
    if not isinstance(section, dict):
        raise UsageError(f"{where}: expected a mapping")
    unknown = sorted(set(section) - {"accounts", "regions", "endpoint_url", "organization"})
    if unknown:
        raise UsageError(f"{where}: unknown setting(s) {', '.join(unknown)}")
    organization = (
        _organization(section["organization"], f"{where}.organization")
        if section.get("organization") is not None
        else None
    )
    entries = section.get("accounts") or ([] if organization else [{}])
    if not isinstance(entries, list):
        raise UsageError(f"{where}.accounts: expected a list")
    accounts = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or set(entry) - {"profile", "role_arn", "external_id"}:
            raise UsageError(f"{where}.accounts[{number}]: give profile, role_arn, external_id")
        if {"aws_access_key_id", "aws_secret_access_key"} & set(entry):
            raise UsageError(f"{where}.accounts[{number}]: keys are never read from this file")
        accounts.append(
            AwsAccount(entry.get("profile"), entry.get("role_arn"), entry.get("external_id"))
        )
    endpoint = section.get("endpoint_url")
    return AwsSource(
        tuple(accounts),
        _strings(section.get("regions", []), f"{where}.regions"),
        str(endpoint) if endpoint else None,
        organization,
    )


_ROLE_NAME = re.compile(r"^[\w+=,.@/-]{1,64}$")
_ACCOUNT_ID = re.compile(r"^\d{12}$")


def _organization(section: Any, where: str) -> AwsOrganization:
    if not isinstance(section, dict):
        raise UsageError(f"{where}: expected a mapping with role_name")
    unknown = sorted(set(section) - {"role_name", "external_id", "profile", "exclude"})
    if unknown:
        raise UsageError(f"{where}: unknown setting(s) {', '.join(unknown)}")
    role_name = section.get("role_name")
    if not isinstance(role_name, str) or not _ROLE_NAME.match(role_name):
        raise UsageError(
            f"{where}.role_name: give the name (not the ARN) of the role to assume in each account"
        )
    exclude = _strings(section.get("exclude", []), f"{where}.exclude")
    for account_id in exclude:
        if not _ACCOUNT_ID.match(account_id):
            raise UsageError(f"{where}.exclude: {account_id!r} is not a 12-digit account id")
    return AwsOrganization(
        role_name,
        _optional_string(section, "external_id", where),
        _optional_string(section, "profile", where),
        exclude,
    )


def parse_config(data: Any, path: Path) -> RunConfig:
    """A configuration from its YAML form; every problem names the file and the key."""
    origin = str(path)
    if not isinstance(data, dict):
        raise UsageError(f"{origin}: expected a mapping of settings")
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise UsageError(f"{origin}: unknown setting(s) {', '.join(unknown)}")
    base = path.parent

    def resolve(value: str) -> Path:
        # A KMS key (`kms:arn:...`) is no file: it stays as written.
        return Path(value) if value.startswith("kms:") else base / value

    databases = _databases(data["databases"], origin, base) if "databases" in data else ()
    terraform = None
    if data.get("terraform") is not None:
        section = data["terraform"]
        if not isinstance(section, dict) or "paths" not in section:
            raise UsageError(f"{origin}: terraform: needs `paths`")
        known = {"paths", "var_files", "plan", "checkov", "checkov_path", "download_modules"}
        unknown = sorted(set(section) - known)
        if unknown:
            raise UsageError(f"{origin}: terraform: unknown setting(s) {', '.join(unknown)}")
        for flag in ("checkov", "download_modules"):
            if not isinstance(section.get(flag, False), bool):
                raise UsageError(f"{origin}: terraform.{flag}: expected true or false")
        plan = section.get("plan")
        checkov_path = section.get("checkov_path")
        terraform = TerraformSource(
            paths=tuple(
                resolve(p) for p in _strings(section["paths"], f"{origin}: terraform.paths")
            ),
            var_files=tuple(
                resolve(p)
                for p in _strings(section.get("var_files", []), f"{origin}: terraform.var_files")
            ),
            plan=resolve(plan) if isinstance(plan, str) else None,
            checkov=section.get("checkov", False),
            checkov_path=resolve(checkov_path) if isinstance(checkov_path, str) else None,
            download_modules=section.get("download_modules", False),
        )
    aws = _aws(data["aws"], origin) if data.get("aws") is not None else None
    if terraform is None and aws is None and not databases:
        raise UsageError(
            f"{origin}: no source is configured (add a `terraform`, `aws` or `databases` section)"
        )
    scope_tags = data.get("scope_tags", {})
    if not isinstance(scope_tags, dict):
        raise UsageError(f"{origin}: scope_tags: expected a mapping of tag to values")
    parameters: dict[str, Any] = {}
    if "allowed_regions" in data:
        parameters["allowed_regions"] = list(
            _strings(data["allowed_regions"], f"{origin}: allowed_regions")
        )
    format_name = str(data.get("format", "text"))
    if format_name not in FORMATS:
        raise UsageError(
            f"{origin}: format: unknown format {format_name!r}; known: {', '.join(sorted(FORMATS))}"
        )
    for key, values in scope_tags.items():
        if not isinstance(values, list) or not values:
            raise UsageError(
                f"{origin}: scope_tags.{key}: give the tag values that put a resource in scope "
                "(an empty list would leave every scoped control with nothing to check)"
            )
    optional = {
        key: resolve(str(data[key]))
        for key in ("waivers", "attestations", "evidence", "sign_key", "output")
        if data.get(key)
    }
    return RunConfig(
        path=path,
        terraform=terraform,
        aws=aws,
        databases=databases,
        frameworks=_strings(data.get("frameworks", []), f"{origin}: frameworks"),
        controls=_strings(data.get("controls", []), f"{origin}: controls"),
        policies=tuple(
            resolve(p) for p in _strings(data.get("policies", []), f"{origin}: policies")
        ),
        scope_tags={
            key: _strings(values, f"{origin}: scope_tags.{key}")
            for key, values in scope_tags.items()
        },
        parameters=parameters,
        waivers=optional.get("waivers"),
        attestations=optional.get("attestations"),
        evidence=optional.get("evidence"),
        sign_key=optional.get("sign_key"),
        format=format_name,
        output=optional.get("output"),
    )


def load_config(path: Path) -> RunConfig:
    """Read and validate `assaymark.yaml`."""
    return parse_config(read_settings(path, "--config"), path)
