"""`assaymark run` (every configured source in one evaluation) and `assaymark export`."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from adapters.checkov import CheckovAdapter, with_checkov_skips, with_native_tags
from adapters.terraform import TerraformAdapter
from checker.cli.database_options import database_targets
from checker.cli.output import ScanOptions, finish, progress, scan_options, write_report
from checker.cli.scan import choose, leave_out, terraform_downloader
from checker.cli.selection import check_suppressions
from checker.config import RunConfig, load_config
from checker.engine import evaluate
from checker.errors import UsageError
from checker.models import Snapshot
from checker.policy import Control, Overrides
from checker.project_config import FormatRequest
from checker.results import Report

if TYPE_CHECKING:
    from adapters.db import DatabaseTarget

_PERIOD = re.compile(r"^\d{4}-(Q[1-4]|H[12]|\d{2})$")
_config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("assaymark.yaml"),
    show_default=True,
    help="The run configuration.",
)


def _options(config: RunConfig, given: ScanOptions) -> ScanOptions:
    """The command line's options, with the configuration filling what it left out."""
    configured: dict[str, Any] = {
        "frameworks": config.frameworks,
        "control_ids": config.controls,
        "policy_dirs": config.policies,
        "formats": (FormatRequest(config.format),) if config.format != "text" else (),
        "output": config.output,
        "evidence": config.evidence,
        "sign_key": config.sign_key,
        "waivers_file": config.waivers,
        "attestations_file": config.attestations,
    }
    taken = {
        name: value for name, value in configured.items() if value and not getattr(given, name)
    }
    return replace(given, **taken, config_file=config.path, from_config=tuple(taken))


def _database_targets(config: RunConfig) -> list[DatabaseTarget]:
    targets: list[DatabaseTarget] = []
    for entry in config.databases:
        targets.extend(
            database_targets(
                [entry.dsn] if entry.dsn else [],
                [entry.dsn_env] if entry.dsn_env else [],
                entry.data_map,
                entry.expectations,
                entry.untrusted_roles,
                entry.sample,
                migrations=entry.migrations,
                migrations_tool=entry.migrations_tool,
                shadow_dsn_env=entry.shadow_dsn_env,
                preset=entry.preset,
                all_databases=entry.all_databases,
                connect_timeout=entry.connect_timeout,
                statement_timeout=entry.statement_timeout,
            )
        )
    return targets


def _sources(config: RunConfig) -> tuple[str, ...]:
    """The sources a configuration collects."""
    sources = []
    if config.terraform is not None:
        sources.append("terraform")
        if config.terraform.checkov:
            sources.append("checkov")
    if config.aws is not None:
        sources.append("aws")
    if config.databases:
        sources.append("db")
    return tuple(sources)


def _terraform_paths(config: RunConfig) -> tuple[Path, ...]:
    """The configured Terraform folders: the only files a bundle's excerpts are read from."""
    return tuple(config.terraform.paths) if config.terraform is not None else ()


def evaluate_config(
    config: RunConfig, options: ScanOptions
) -> tuple[Report, list[Snapshot], list[Control], Overrides]:
    """Collect every configured source and evaluate the selected controls over them."""
    started = datetime.now(UTC)
    waivers = options.waivers()
    attestations = options.attestations()
    baseline = options.baseline()
    overrides = Overrides(config.parameters, config.scope_tags)
    library, controls = choose(options, _sources(config), waivers, overrides, attestations)
    snapshots: list[Snapshot] = []
    checkov: CheckovAdapter | None = None
    if config.terraform is not None:
        source = config.terraform
        if source.checkov:
            checkov = CheckovAdapter(source.paths, source.checkov_path)
            checkov.start()  # runs while the native adapters collect
        with progress("Reading Terraform...", options.quiet):
            downloader = terraform_downloader() if source.download_modules else None
            adapter = TerraformAdapter(source.paths, source.var_files, source.plan, downloader)
            terraform = adapter.collect()
            snapshots.append(terraform)
    if config.aws is not None:
        # boto3 is imported only when needed
        from adapters.aws import Account, AwsAdapter, Organization

        accounts = [Account(a.profile, a.role_arn, a.external_id) for a in config.aws.accounts]
        listed = config.aws.organization
        organization = (
            Organization(listed.role_name, listed.external_id, listed.profile, listed.exclude)
            if listed is not None
            else None
        )
        with progress("Collecting from AWS...", options.quiet):
            live = AwsAdapter(
                accounts,
                config.aws.regions,
                config.aws.endpoint_url,
                organization=organization,
            )
            snapshots.append(live.collect())
    if config.databases:
        with progress("Reading databases...", options.quiet):
            from adapters.db import DatabaseAdapter

            snapshots.append(DatabaseAdapter(_database_targets(config)).collect())
    if checkov is not None:
        with progress("Waiting for checkov...", options.quiet):
            snapshots.append(
                with_checkov_skips(with_native_tags(checkov.collect(), terraform), library)
            )
    snapshots = leave_out(snapshots, options, _terraform_paths(config))
    check_suppressions(snapshots, library)
    with progress(f"Evaluating {len(controls)} controls...", options.quiet):
        report = evaluate(
            controls,
            snapshots,
            started=started,
            waivers=waivers,
            baseline=baseline,
            attestations=attestations,
        )
    return report, snapshots, controls, overrides


@click.command("run")
@_config_option
@scan_options
def run(config_path: Path, **shared: Any) -> int:
    """Run every source configured in assaymark.yaml in one evaluation."""
    config = load_config(config_path)
    options = _options(config, ScanOptions.from_command_line(shared, discover=False))
    destination = options.destinations()
    report, snapshots, controls, overrides = evaluate_config(config, options)
    return finish(
        report, snapshots, controls, options, destination, overrides, _terraform_paths(config)
    )


@click.command("export")
@click.option(
    "--period",
    required=True,
    metavar="PERIOD",
    help="The period the evidence covers, e.g. 2026-Q4 (names the bundle).",
)
@_config_option
@click.option(
    "--previous",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="BUNDLE",
    help="The previous period's bundle: the delta against it is written too.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Where to create the bundle folder [default: the working folder].",
)
def export(period: str, config_path: Path, previous: Path | None, out: Path | None) -> int:
    """Run, then write a signed bundle named for the period (and the delta to the last one)."""
    # Only the export writes bundles: the other commands start without these modules.
    from checker.evidence.bundle import BundleRequest, seal, write_contents
    from checker.evidence.destination import staged_bundle
    from checker.evidence.diff import diff_bundles
    from checker.evidence.signing import load_signer

    if not _PERIOD.match(period):
        raise UsageError(f"--period {period!r}: use a year and quarter such as 2026-Q4")
    config = load_config(config_path)
    if config.sign_key is None:
        raise UsageError(f"{config_path}: export signs its bundle: set sign_key")
    if previous is not None and not (previous / "report.json").is_file():
        raise UsageError(f"--previous {previous}: not an evidence bundle")
    directory = (out or Path()) / f"assaymark-evidence-{period}"
    options = replace(_options(config, ScanOptions()), evidence=directory)
    destination = options.destinations()
    assert destination is not None
    load_signer(config.sign_key)  # a key that cannot sign fails before the run
    report, snapshots, controls, overrides = evaluate_config(config, options)
    request = BundleRequest(tuple(sys.argv), config.sign_key, overrides, _terraform_paths(config))
    with progress("Writing the evidence bundle..."), staged_bundle(destination) as staging:
        write_contents(staging, report, snapshots, controls, request)
        if previous is not None:
            delta = diff_bundles(previous, staging)
            text = json.dumps({"previous": str(previous), **delta.to_dict()}, indent=2)
            (staging / "delta.json").write_text(text + "\n", encoding="utf-8")
        seal(staging, report, snapshots, controls, request)
    click.echo(f"signed evidence bundle for {period} written to {directory}", err=True)
    return write_report(report, options)
