"""`assaymark scan SOURCE`: collect one source, evaluate the controls, report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from adapters.base import Adapter
from adapters.checkov import CheckovAdapter, with_native_tags
from adapters.db import DatabaseAdapter
from adapters.terraform import TerraformAdapter
from checker.cli.db import database_options, database_targets, read_snapshot
from checker.cli.output import ScanOptions, finish, progress, scan_options
from checker.cli.selection import check_suppressions, choose_controls
from checker.engine import evaluate
from checker.models import Snapshot

if TYPE_CHECKING:
    # Imported only for --download-modules: the pre-commit hook's scans stay quick.
    from adapters.terraform.download import ModuleDownloader


def scan_source(adapter: Adapter, options: ScanOptions, excerpt_roots: Sequence[Path] = ()) -> int:
    """Collect one source, evaluate the selected controls over it, and report."""
    return scan_snapshots(lambda: [adapter.collect()], (adapter.source,), options, excerpt_roots)


def scan_snapshots(
    collect: Callable[[], Sequence[Snapshot]],
    sources: tuple[str, ...],
    options: ScanOptions,
    excerpt_roots: Sequence[Path] = (),
) -> int:
    """Evaluate the selected controls over what `collect` returns, and report."""
    started = datetime.now(UTC)
    waivers = options.waivers()
    destination = options.destinations()
    library, controls = choose_controls(
        options.policy_dirs, options.frameworks, options.control_ids, sources, waivers
    )
    with progress(f"Collecting {' and '.join(sources)}..."):
        snapshots = list(collect())
    check_suppressions(snapshots, library)
    resources = sum(len(snapshot.resources) for snapshot in snapshots)
    with progress(f"Evaluating {len(controls)} controls over {resources} resources..."):
        report = evaluate(controls, snapshots, started=started, waivers=waivers)
    return finish(report, snapshots, controls, options, destination, excerpt_roots=excerpt_roots)


def with_checkov(native: Adapter, checkov: CheckovAdapter) -> Callable[[], list[Snapshot]]:
    """Collect the native source while checkov runs beside it, then both."""

    def collect() -> list[Snapshot]:
        checkov.start()
        snapshot = native.collect()
        return [snapshot, with_native_tags(checkov.collect(), snapshot)]

    return collect


def terraform_downloader() -> ModuleDownloader:
    """What fetches the modules `terraform init` has not, into the user's module cache."""
    from adapters.terraform.download import ModuleDownloader, default_cache

    return ModuleDownloader(default_cache())


@click.group()
def scan() -> None:
    """Scan one source against the controls."""


@scan.command("terraform")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--var-file",
    "var_files",
    multiple=True,
    metavar="F",
    type=click.Path(path_type=Path),
    help="A variable file, as for terraform -var-file (repeatable; later ones win).",
)
@click.option(
    "--plan",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="PLAN.json",
    help="Evaluate a plan from `terraform show -json` (PATH gives file and line).",
)
@click.option(
    "--download-modules",
    is_flag=True,
    help="Download the registry and git modules that `terraform init` has not, as it would, "
    "into $ASSAYMARK_MODULE_CACHE [default: ~/.cache/assaymark/modules]; a cached version "
    "that satisfies the constraint is used again.",
)
@click.option(
    "--checkov",
    "use_checkov",
    is_flag=True,
    help="Also run checkov (from its own environment, beside the native scan) for the "
    "controls that map checkov checks.",
)
@click.option(
    "--checkov-path",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="checkov's environment [default: $ASSAYMARK_CHECKOV_HOME or ~/.cache/assaymark/checkov].",
)
@scan_options
def scan_terraform(
    paths: tuple[Path, ...],
    var_files: tuple[Path, ...],
    plan: Path | None,
    download_modules: bool,
    use_checkov: bool,
    checkov_path: Path | None,
    **shared: Any,
) -> int:
    """Scan Terraform folders (every root module under PATH) or a plan."""
    if not paths and plan is None:
        raise click.UsageError("give a Terraform folder (PATH) or a plan (--plan)")
    native = TerraformAdapter(
        paths, var_files, plan, terraform_downloader() if download_modules else None
    )
    options = ScanOptions(**shared)
    if not use_checkov:
        return scan_source(native, options, paths)
    if not paths:
        raise click.UsageError("--checkov reads the Terraform folders: give PATH as well")
    checkov = CheckovAdapter(paths, checkov_path)
    return scan_snapshots(with_checkov(native, checkov), ("terraform", "checkov"), options, paths)


@scan.command("aws")
@click.option(
    "--region",
    "regions",
    multiple=True,
    metavar="R",
    help="Only this region (repeatable) [default: every enabled region].",
)
@click.option("--profile", metavar="P", help="A profile from the AWS configuration files.")
@click.option("--role-arn", metavar="ARN", help="A role to assume (in this or another account).")
@click.option(
    "--external-id", metavar="ID", help="The external id the role's trust policy asks for."
)
@click.option(
    "--endpoint-url", metavar="URL", help="Another endpoint, such as a local test server."
)
@scan_options
def scan_aws(
    regions: tuple[str, ...],
    profile: str | None,
    role_arn: str | None,
    external_id: str | None,
    endpoint_url: str | None,
    **shared: Any,
) -> int:
    """Scan live AWS configuration (read-only List, Get and Describe calls)."""
    # boto3 takes a noticeable part of a second to import: only AWS scans pay for it, so the
    # pre-commit hook on Terraform stays quick.
    from adapters.aws import Account, AwsAdapter

    adapter = AwsAdapter([Account(profile, role_arn, external_id)], regions, endpoint_url)
    return scan_source(adapter, ScanOptions(**shared))


@scan.command("db")
@database_options
@click.option(
    "--snapshot",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Evaluate a snapshot from `assaymark collect db` instead of connecting.",
)
@scan_options
def scan_db(
    dsns: tuple[str, ...],
    dsn_envs: tuple[str, ...],
    data_map: Path | None,
    expectations: Path | None,
    untrusted_roles: tuple[str, ...],
    sample: int,
    snapshot: Path | None,
    **shared: Any,
) -> int:
    """Scan PostgreSQL or MySQL/MariaDB grants, row-level security, data and settings."""
    options = ScanOptions(**shared)
    if snapshot is not None:
        collection = dsns or dsn_envs or data_map or expectations or untrusted_roles or sample
        if collection:
            # They shape what is collected, which the snapshot already holds.
            raise click.UsageError(
                "--snapshot is evaluated as collected: give the database options "
                "(--dsn, --data-map, --expectations, --untrusted-role, --sample) to `collect db`"
            )
        stored = snapshot
        return scan_snapshots(lambda: [read_snapshot(stored, "db")], ("db",), options)
    targets = database_targets(dsns, dsn_envs, data_map, expectations, untrusted_roles, sample)
    return scan_source(DatabaseAdapter(targets), options)
