"""`assaymark scan SOURCE`: collect one source, evaluate the controls, report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from adapters.base import Adapter
from adapters.checkov import CheckovAdapter, with_checkov_skips, with_native_tags
from adapters.terraform import TerraformAdapter
from adapters.terraform.focus import Focus
from adapters.terraform.outline import outline_folder
from checker.attestations import Attestation
from checker.cli.database_options import (
    DATABASE_OPTION_NAMES,
    database_options,
    database_targets,
    read_snapshot,
)
from checker.cli.output import ScanOptions, config_option, finish, progress, scan_options
from checker.cli.selection import check_run, check_suppressions, load_library, select
from checker.engine import evaluate
from checker.errors import UsageError
from checker.focus import focus_summary, judged_files, judged_only, linked_types
from checker.models import Snapshot
from checker.policy import Control, Overrides
from checker.project_config import PathGlobs, find_repository_root, shown
from checker.waivers import Waiver

if TYPE_CHECKING:
    # Imported only for --download-modules: the pre-commit hook's scans stay quick.
    from adapters.terraform.download import ModuleDownloader


def choose(
    options: ScanOptions,
    sources: Sequence[str],
    waivers: Sequence[Waiver] = (),
    overrides: Overrides | None = None,
    attestations: Sequence[Attestation] = (),
) -> tuple[list[Control], list[Control]]:
    """The library and the controls a run evaluates: selected by framework and id, without
    the skipped ones; refused when it would evaluate less than it says.

    Controls that only a person can attest (no automated check at all) are evaluated when the
    run is given attestations, or when asked for by id: a scan in a pre-commit hook or a CI
    stage is not the place to list every policy and procedure as `manual`."""
    library = load_library(options.policy_dirs, overrides)
    skipped = set(options.skip_controls)
    where = (
        f"{options.config_file}: skip-control"
        if "skip_controls" in options.from_config
        else "--skip-control"
    )
    known = {control.id for control in library}
    unknown = [control_id for control_id in options.skip_controls if control_id not in known]
    if unknown:
        raise UsageError(
            f"{where} {', '.join(unknown)}: no such control (see `assaymark policies list`)"
        )
    both = [control_id for control_id in options.control_ids if control_id in skipped]
    if both:
        raise UsageError(f"{where} {', '.join(both)}: also asked for with --control")
    selected = [
        control
        for control in select(library, options.frameworks, options.control_ids)
        if control.id not in skipped
        and (control.checks or attestations or control.id in options.control_ids)
    ]
    check_run(library, selected, sources, options.control_ids, waivers, overrides, attestations)
    return library, selected


def leave_out(
    snapshots: Sequence[Snapshot], options: ScanOptions, scanned: Sequence[Path] = ()
) -> list[Snapshot]:
    """The snapshots without the resources (and the errors) in files --skip-path matches.

    Says on standard error how much was left out, and refuses to leave out everything: a scan
    that evaluates nothing would pass.
    """
    if not options.skip_paths:
        return list(snapshots)
    bases = [path if path.is_dir() else path.parent for path in scanned]
    bases.append(Path.cwd())
    if options.config_file is not None:
        bases.append(options.config_file.parent)
    globs = PathGlobs.of(options.skip_paths, bases)

    def kept(file: str | None) -> bool:
        return file is None or not globs.matches(file)

    kept_snapshots = [
        replace(
            snapshot,
            resources=tuple(r for r in snapshot.resources if kept(r.location.file)),
            errors=tuple(e for e in snapshot.errors if kept(e.location.file)),
        )
        for snapshot in snapshots
    ]
    before = sum(len(snapshot.resources) for snapshot in snapshots)
    after = sum(len(snapshot.resources) for snapshot in kept_snapshots)
    globs_given = " ".join(f"--skip-path {glob}" for glob in options.skip_paths)
    if before and not after and not any(snapshot.errors for snapshot in kept_snapshots):
        raise UsageError(
            f"{globs_given}: leaves out every one of the {before} resources scanned; "
            "nothing would be evaluated"
        )
    if before > after:
        click.echo(f"assaymark: {globs_given}: left out {before - after} resource(s)", err=True)
    return kept_snapshots


def scan_source(adapter: Adapter, options: ScanOptions, scanned: Sequence[Path] = ()) -> int:
    """Collect one source, evaluate the selected controls over it, and report."""
    return scan_snapshots(lambda: [adapter.collect()], (adapter.source,), options, scanned)


def scan_snapshots(
    collect: Callable[[], Sequence[Snapshot]],
    sources: tuple[str, ...],
    options: ScanOptions,
    scanned: Sequence[Path] = (),
) -> int:
    """Evaluate the selected controls over what `collect` returns, and report.

    `scanned` are the folders given (what --skip-path globs are relative to, and the only
    files an evidence bundle quotes excerpts from).
    """
    started = datetime.now(UTC)
    waivers = options.waivers()
    attestations = options.attestations()
    baseline = options.baseline()
    destination = options.destinations()
    library, controls = choose(options, sources, waivers, attestations=attestations)
    with progress(f"Collecting {' and '.join(sources)}...", options.quiet):
        snapshots = leave_out(collect(), options, scanned)
    snapshots = [with_checkov_skips(snapshot, library) for snapshot in snapshots]
    check_suppressions(snapshots, library)
    resources = sum(len(snapshot.resources) for snapshot in snapshots)
    message = f"Evaluating {len(controls)} controls over {resources} resources..."
    with progress(message, options.quiet):
        report = evaluate(
            controls,
            snapshots,
            started=started,
            waivers=waivers,
            baseline=baseline,
            attestations=attestations,
        )
    judged = judged_files(snapshots)
    if judged is not None:
        report = judged_only(report, judged)
        if not options.quiet:
            click.echo(f"assaymark: {focus_summary(snapshots)}", err=True)
    return finish(report, snapshots, controls, options, destination, excerpt_roots=scanned)


def with_checkov(native: Adapter, checkov: CheckovAdapter) -> Callable[[], list[Snapshot]]:
    """Collect the native source while checkov runs beside it, then both."""

    def collect() -> list[Snapshot]:
        checkov.start()
        snapshot = native.collect()
        return [snapshot, with_native_tags(checkov.collect(), snapshot)]

    return collect


#: What a changed file must be named to be scanned.
TERRAFORM_FILES = (".tf", ".tf.json", ".tfvars", ".tfvars.json")


def focused_adapter(
    files: Sequence[Path],
    var_files: Sequence[Path],
    downloader: ModuleDownloader | None,
    controls: Sequence[Control],
) -> TerraformAdapter:
    """The Terraform source for a scan of changed files: the repository they are in is
    searched for the root modules they affect (see adapters/terraform/focus.py)."""
    for path in files:
        # A changed file that is gone was deleted by the change, from a module whose other
        # files are still there: that module's roots are scanned whole. Anything else gone is
        # a mistyped name, never a scan that passes for judging nothing.
        if not path.exists() and not (path.name.endswith(TERRAFORM_FILES) and _module(path.parent)):
            raise UsageError(f"{path}: no such file or folder")
    terraform = [f for f in files if f.name.endswith(TERRAFORM_FILES)]
    if not terraform:
        raise UsageError(
            f"{files[0]}: not a Terraform file (*.tf, *.tf.json, *.tfvars, *.tfvars.json)"
        )
    area = find_repository_root(Path.cwd()) or Path.cwd()
    outside = {f.parent for f in terraform if not f.resolve().is_relative_to(area.resolve())}
    searched = [shown(area), *sorted(outside)]
    focus = Focus(
        frozenset(path.resolve() for path in terraform), linked_types(controls, "terraform")
    )
    return TerraformAdapter(searched, var_files, None, downloader, focus, outline_folder())


def _module(folder: Path) -> bool:
    """Whether a folder holds Terraform configuration files."""
    return folder.is_dir() and any(any(folder.glob(f"*{suffix}")) for suffix in (".tf", ".tf.json"))


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
@config_option
@scan_options
def scan_terraform(
    paths: tuple[Path, ...],
    var_files: tuple[Path, ...],
    plan: Path | None,
    download_modules: bool,
    use_checkov: bool,
    checkov_path: Path | None,
    config_file: Path | None,
    **shared: Any,
) -> int:
    """Scan Terraform folders (every root module under PATH), changed files, or a plan.

    Given files (as the pre-commit hook gives the files a commit changes), only their
    resources are judged, each evaluated with its module and root module as context: every
    root in the repository that contains them or calls a module that does.
    """
    if not paths and plan is None:
        raise click.UsageError("give a Terraform folder (PATH) or a plan (--plan)")
    downloader = terraform_downloader() if download_modules else None
    options = ScanOptions.from_command_line(shared, paths, config_file)
    files = [path for path in paths if not path.is_dir()]
    if files and plan is None:
        if len(files) != len(paths):
            raise click.UsageError("give Terraform folders or changed files, not both")
        if use_checkov:
            raise click.UsageError("--checkov scans folders: give the folder of the files")
        adapter = focused_adapter(files, var_files, downloader, load_library(options.policy_dirs))
        return scan_source(adapter, options)
    native = TerraformAdapter(paths, var_files, plan, downloader)
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
@config_option
@scan_options
def scan_aws(
    regions: tuple[str, ...],
    profile: str | None,
    role_arn: str | None,
    external_id: str | None,
    endpoint_url: str | None,
    config_file: Path | None,
    **shared: Any,
) -> int:
    """Scan live AWS configuration (read-only List, Get, BatchGet and Describe calls)."""
    # boto3 takes a noticeable part of a second to import: only AWS scans pay for it, so the
    # pre-commit hook on Terraform stays quick.
    from adapters.aws import Account, AwsAdapter

    options = ScanOptions.from_command_line(shared, config_file=config_file)
    adapter = AwsAdapter([Account(profile, role_arn, external_id)], regions, endpoint_url)
    return scan_source(adapter, options)


#: The options that shape what `collect db` reads, which a snapshot already holds.
_COLLECTION_OPTIONS = {
    "dsns": "--dsn",
    "dsn_envs": "--dsn-env",
    "data_map": "--data-map",
    "expectations": "--expectations",
    "untrusted_roles": "--untrusted-role",
    "sample": "--sample",
    "migrations": "--migrations",
    "migrations_tool": "--migrations-tool",
    "shadow_dsn": "--shadow-dsn",
    "shadow_dsn_env": "--shadow-dsn-env",
    "preset": "--preset",
    "all_databases": "--all-databases",
}
_UNSET = (None, (), 0, False)


@scan.command("db")
@database_options
@click.option(
    "--snapshot",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Evaluate a snapshot from `assaymark collect db` instead of connecting.",
)
@config_option
@scan_options
def scan_db(snapshot: Path | None, config_file: Path | None, **given: Any) -> int:
    """Scan PostgreSQL or MySQL/MariaDB grants, row-level security, data, settings and drift."""
    database = {name: given.pop(name) for name in DATABASE_OPTION_NAMES}
    options = ScanOptions.from_command_line(given, config_file=config_file)
    if snapshot is not None:
        collection = [
            flag for name, flag in _COLLECTION_OPTIONS.items() if database[name] not in _UNSET
        ]
        if collection:
            # They shape what is collected, which the snapshot already holds.
            named = ", ".join(collection)
            raise click.UsageError(
                f"--snapshot is evaluated as collected: give {named} to `collect db`"
            )
        stored = snapshot
        return scan_snapshots(lambda: [read_snapshot(stored, "db")], ("db",), options)
    targets = database_targets(**database)
    from adapters.db import DatabaseAdapter  # only database scans load the drivers' adapter

    return scan_source(DatabaseAdapter(targets), options)
