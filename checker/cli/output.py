"""Options every scan shares, and writing the reports where the user asked."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from checker.attestations import Attestation, load_attestations
from checker.baseline import Baseline, load_baseline, write_baseline
from checker.errors import OutputError, UsageError
from checker.evidence.destination import BundleDestination
from checker.files import replaced_whole
from checker.formats import FORMATS
from checker.formats.base import FormatSettings
from checker.formats.text import summary_line
from checker.models import Snapshot, Status
from checker.policy import Control, Overrides
from checker.progress import watching
from checker.project_config import (
    FormatRequest,
    ProjectConfig,
    find_project_config,
    find_repository_root,
    load_project_config,
    parse_format,
)
from checker.results import SEVERITIES, ExitPolicy, Report
from checker.waivers import Waiver, load_waivers

F = TypeVar("F", bound=Callable[..., Any])

#: Where `assaymark baseline create` tells the scan command it runs to record a baseline.
CREATE_BASELINE = "assaymark.create_baseline"

# ScanOptions fields as the report's `settings` names them (the long options, snake_case).
_SETTING_NAMES = {
    "frameworks": "framework",
    "control_ids": "control",
    "skip_controls": "skip_control",
    "skip_paths": "skip_path",
    "policy_dirs": "policies",
    "formats": "format",
    "output": "output",
    "evidence": "evidence",
    "sign_key": "sign_key",
    "waivers_file": "waivers",
    "attestations_file": "attestations",
    "baseline_file": "baseline",
    "soft_fail": "soft_fail",
    "soft_fail_on_error": "soft_fail_on_error",
    "fail_on": "fail_on",
    "min_severity": "min_severity",
    "max_results": "max_results",
    "compact": "compact",
    "quiet": "quiet",
}


@dataclass(frozen=True)
class ScanOptions:
    """What every `scan` (and `run`) takes besides its source, after the configuration file."""

    frameworks: tuple[str, ...] = ()
    control_ids: tuple[str, ...] = ()
    policy_dirs: tuple[Path, ...] = ()
    formats: tuple[FormatRequest, ...] = ()
    output: Path | None = None
    evidence: Path | None = None
    sign_key: Path | None = None
    waivers_file: Path | None = None
    attestations_file: Path | None = None
    baseline_file: Path | None = None
    skip_controls: tuple[str, ...] = ()
    skip_paths: tuple[str, ...] = ()
    soft_fail: bool = False
    soft_fail_on_error: bool = False
    fail_on: str | None = None
    min_severity: str | None = None
    max_results: int | None = None
    compact: bool = False
    quiet: bool = False
    #: The configuration file read, and the fields whose value came from it.
    config_file: Path | None = None
    from_config: tuple[str, ...] = ()
    #: Where `assaymark baseline create` writes the baseline (None: an ordinary scan).
    create_baseline: Path | None = None
    repository_root: Path = field(default_factory=Path.cwd)

    @classmethod
    def from_command_line(
        cls,
        given: Mapping[str, Any],
        scanned: Sequence[Path] = (),
        config_file: Path | None = None,
        discover: bool = True,
    ) -> ScanOptions:
        """The options of a command: what it was given, then what the configuration file
        (`config_file`, or the `.assaymark.yaml` found above the scanned folders when
        `discover`) says for the rest."""
        start = scanned[0] if scanned else Path.cwd()
        repository_root = find_repository_root(start) or Path.cwd().resolve()
        values = dict(given)
        config: ProjectConfig | None = None
        if config_file is not None:
            config = load_project_config(config_file)
        elif discover:
            found = find_project_config(scanned, repository_root)
            config = load_project_config(found, "configuration") if found is not None else None
        from_config = []
        if config is not None:
            for name, value in config.values.items():
                if values.get(name) in (None, ()):
                    values[name] = value
                    from_config.append(name)
        settled = {name: value for name, value in values.items() if value is not None}
        context = click.get_current_context(silent=True)
        create = context.meta.get(CREATE_BASELINE) if context is not None else None
        return cls(
            **settled,
            config_file=config.path if config is not None else None,
            from_config=tuple(from_config),
            create_baseline=create,
            repository_root=repository_root,
        )

    def waivers(self) -> tuple[Waiver, ...]:
        """The waivers given with --waivers, checked before anything runs."""
        if self.sign_key is not None and self.evidence is None:
            raise UsageError("--sign-key signs an evidence bundle: give --evidence DIR too")
        return load_waivers(self.waivers_file) if self.waivers_file is not None else ()

    def attestations(self) -> tuple[Attestation, ...]:
        """The attestations given with --attestations, their evidence files read."""
        if self.attestations_file is None:
            return ()
        return load_attestations(self.attestations_file)

    def baseline(self) -> Baseline | None:
        """The baseline to apply (the given one, or an empty one to record a new baseline
        into), checked before anything runs."""
        if self.evidence is not None and (self.baseline_file or self.create_baseline):
            raise UsageError(
                "--evidence records the verdicts as they are: it does not take a baseline "
                "(--baseline, `baseline create`)"
            )
        if self.baseline_file is not None:
            return load_baseline(self.baseline_file, self.repository_root)
        if self.create_baseline is not None:
            return Baseline(frozenset(), self.repository_root)
        return None

    def destinations(self) -> BundleDestination | None:
        """Check, before anything runs, where the reports and the bundle will go.

        Returns the bundle's destination, if one was asked for; raises UsageError for an
        --output that is a folder, for reports that would share a file or standard output,
        and for an --evidence folder that holds anything but a bundle.
        """
        for request in self.outputs():
            if request.file is not None and request.file.is_dir():
                raise UsageError(f"{self.label(request)}: is a folder; give a file name")
        if self.create_baseline is not None and self.create_baseline.is_dir():
            raise UsageError(f"baseline create --output {self.create_baseline}: is a folder")
        return BundleDestination.claim(self.evidence) if self.evidence is not None else None

    def outputs(self) -> list[FormatRequest]:
        """Each report to write: `--format NAME:FILE` to its file, at most one `--format NAME`
        to standard output (or to --output FILE), text when no format is given; none to
        standard output with --quiet."""
        requests = list(self.formats) or [FormatRequest("text")]
        bare = [request for request in requests if request.file is None]
        if self.output is not None:
            if len(bare) != 1:
                raise UsageError(
                    f"--output {self.output} takes the one --format without a file; "
                    f"give each format its file as NAME:FILE ({len(bare)} without one)"
                )
            requests = [replace(r, file=self.output) if r.file is None else r for r in requests]
        elif len(bare) > 1:
            names = ", ".join(request.name for request in bare)
            raise UsageError(
                f"--format {names}: at most one report goes to standard output; "
                "write the others to files with --format NAME:FILE"
            )
        files = [request.file for request in requests if request.file is not None]
        repeated = sorted({str(file) for file in files if files.count(file) > 1})
        if repeated:
            raise UsageError(f"--format: two reports would be written to {', '.join(repeated)}")
        if self.quiet:
            requests = [request for request in requests if request.file is not None]
        return requests

    def label(self, request: FormatRequest) -> str:
        """How messages name the option that asked for a report file."""
        if request.file is not None and request.file == self.output:
            return f"--output {request.file}"
        return f"--format {request}"

    def format_settings(self) -> FormatSettings:
        """What the formats are told about how to write the report."""
        anchor = None
        if self.config_file is not None:
            try:
                anchor = (
                    self.config_file.resolve()
                    .relative_to(self.repository_root.resolve())
                    .as_posix()
                )
            except ValueError:
                anchor = self.config_file.as_posix()
        return FormatSettings(
            max_results=self.max_results,
            min_severity=self.min_severity,
            compact=self.compact,
            repository_root=self.repository_root,
            anchor=anchor,
        )

    def exit_policy(self) -> ExitPolicy:
        """How the verdict becomes the exit code."""
        return ExitPolicy(self.soft_fail, self.soft_fail_on_error, self.fail_on)

    def settings(self) -> dict[str, Any]:
        """The report's `settings`: the options that shaped the run, and where they came from."""
        record: dict[str, Any] = {}
        if self.config_file is not None:
            record["file"] = self.config_file.as_posix()
            record["from_file"] = [_SETTING_NAMES[name] for name in self.from_config]
        for option in fields(self):
            if option.name not in _SETTING_NAMES:
                continue
            value = getattr(self, option.name)
            if isinstance(value, tuple):
                value = [str(item) for item in value]
            elif isinstance(value, Path):
                value = str(value)
            if value is not None:
                record[_SETTING_NAMES[option.name]] = value
        return record


policies_option = click.option(
    "--policies",
    "policy_dirs",
    multiple=True,
    metavar="DIR",
    type=click.Path(path_type=Path),
    help="A folder of more controls, added to the built-in library.",
)


text_or_json_option = click.option(
    "--format",
    "format_name",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)

config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Settings for the scan [default: the .assaymark.yaml nearest above the scanned "
    "folder, up to the repository root].",
)


if TYPE_CHECKING:
    _ParamType = click.ParamType[FormatRequest, Any]
else:  # older click has no type parameters on ParamType
    _ParamType = click.ParamType


class FormatSpec(_ParamType):
    """`--format NAME` or `--format NAME:FILE`."""

    name = "format"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> FormatRequest:
        if isinstance(value, FormatRequest):
            return value
        try:
            return parse_format(str(value), "")
        except UsageError as exc:
            self.fail(str(exc), param, ctx)


def _flag(name: str, text: str) -> Callable[[F], F]:
    # `--x/--no-x` with no default: an option not given is None, so that the configuration
    # file can set it, and the command line can still turn it off.
    return click.option(f"--{name}/--no-{name}", default=None, help=text)


def scan_options(command: F) -> F:
    """Add the shared options (the command line of docs/contracts.md) to a scan command."""
    severity = click.Choice(SEVERITIES)
    options = [
        click.option(
            "--framework",
            "frameworks",
            multiple=True,
            metavar="ID",
            help="Only controls mapped to this framework (pci-dss-4.0, gdpr).",
        ),
        click.option(
            "--control",
            "control_ids",
            multiple=True,
            metavar="ID",
            help="Only this control (repeatable).",
        ),
        click.option(
            "--skip-control",
            "skip_controls",
            multiple=True,
            metavar="ID",
            help="Leave this control out (repeatable).",
        ),
        click.option(
            "--skip-path",
            "skip_paths",
            multiple=True,
            metavar="GLOB",
            help="Leave out resources in files matching this glob, relative to the scanned "
            "folder or the working folder: `tests/**`, `**/fixtures/**` (repeatable).",
        ),
        policies_option,
        click.option(
            "--format",
            "formats",
            type=FormatSpec(),
            multiple=True,
            metavar="NAME[:FILE]",
            help=f"A report: {', '.join(sorted(FORMATS))}; NAME:FILE writes it to FILE "
            "(repeatable; at most one without a file) [default: text].",
        ),
        click.option(
            "--output",
            type=click.Path(dir_okay=False, path_type=Path),
            metavar="FILE",
            help="Write the report (of the --format without a file) here.",
        ),
        click.option(
            "--max-results",
            type=click.IntRange(min=1),
            default=None,
            metavar="N",
            help="List at most N results in the formats read where space is limited.",
        ),
        click.option(
            "--min-severity",
            type=severity,
            default=None,
            metavar="SEVERITY",
            help=f"List only controls of this severity or higher in SARIF and Markdown "
            f"({', '.join(SEVERITIES)}).",
        ),
        _flag("compact", "List only failing and erroring findings, and the summary."),
        _flag(
            "quiet",
            "No report on standard output (reports given a file are still written), no "
            "progress; standard error gets the summary line.",
        ),
        click.option(
            "--baseline",
            "baseline_file",
            type=click.Path(dir_okay=False, path_type=Path),
            metavar="FILE",
            help="Failures listed in this file (`assaymark baseline create`) are `baselined`: "
            "shown, not counted for the exit code.",
        ),
        _flag("soft-fail", "Exit 0 even when controls fail (errors still exit 3)."),
        _flag("soft-fail-on-error", "Do not exit 3 when something could not be evaluated."),
        click.option(
            "--fail-on",
            type=severity,
            default=None,
            metavar="SEVERITY",
            help="Only failing controls of this severity or higher make the exit code 1.",
        ),
        click.option(
            "--evidence",
            type=click.Path(file_okay=False, path_type=Path),
            metavar="DIR",
            help="Write an evidence bundle (manifest, snapshot, evidence per control) here.",
        ),
        click.option(
            "--sign-key",
            type=click.Path(dir_okay=False, path_type=Path),
            metavar="KEY",
            help="Sign the bundle's manifest with this Ed25519 key (`assaymark keygen`), or "
            "with an AWS KMS key: kms:ARN (ECC_NIST_P256 or RSA).",
        ),
        click.option(
            "--waivers",
            "waivers_file",
            type=click.Path(dir_okay=False, path_type=Path),
            metavar="FILE",
            help="Accepted risks (YAML), each with justification, approver, ticket and expiry.",
        ),
        click.option(
            "--attestations",
            "attestations_file",
            type=click.Path(dir_okay=False, path_type=Path),
            metavar="FILE",
            help="People's attestations (YAML) for the controls no check can decide, each "
            "with attester, role, date, expiry and evidence files.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def progress(message: str, quiet: bool = False) -> AbstractContextManager[object]:
    """While long work runs: a spinner with its counts on a terminal, a line now and then in
    CI logs (see checker.progress); nothing with --quiet."""
    return nullcontext() if quiet else watching(message)


def finish(
    report: Report,
    snapshots: Sequence[Snapshot],
    controls: Sequence[Control],
    options: ScanOptions,
    destination: BundleDestination | None,
    overrides: Overrides | None = None,
    excerpt_roots: Sequence[Path] = (),
) -> int:
    """Write the evidence bundle if asked, the baseline for `baseline create`, then the
    reports; return the exit code they call for.

    Source excerpts in the bundle come only from files under `excerpt_roots`.
    """
    report = replace(report, settings=options.settings())
    if destination is not None:
        from checker.evidence.bundle import BundleRequest, write_bundle  # only for bundles

        request = BundleRequest(
            tuple(sys.argv), options.sign_key, overrides or Overrides(), tuple(excerpt_roots)
        )
        with progress("Writing the evidence bundle...", options.quiet):
            write_bundle(destination, report, snapshots, controls, request)
        click.echo(f"evidence bundle written to {options.evidence}", err=True)
    if options.create_baseline is not None:
        return _create_baseline(report, options)
    return write_report(report, options)


def _create_baseline(report: Report, options: ScanOptions) -> int:
    """Write the run's failures as a baseline; exit 0, or 3 if something could not be
    evaluated (and so is not in it)."""
    assert options.create_baseline is not None and report.baseline is not None
    path, failing = options.create_baseline, report.baseline.failing
    changed = write_baseline(path, failing, report.started)
    state = "written to" if changed else "unchanged in"
    click.echo(f"assaymark: baseline of {len(failing)} failing finding(s) {state} {path}", err=True)
    write_report(report, options)
    policy = ExitPolicy(soft_fail=True, soft_fail_on_error=options.soft_fail_on_error)
    return policy.exit_code(report)


def write_report(report: Report, options: ScanOptions) -> int:
    """Write the reports in the chosen formats; return the exit code they call for."""
    settings = options.format_settings()
    written = []
    for request in options.outputs():
        formatter = FORMATS[request.name](settings)
        if request.file is None:
            formatter.write(report, sys.stdout)
            continue
        try:
            with replaced_whole(request.file) as stream:
                formatter.write(report, stream)
        except OSError as exc:
            raise OutputError(
                f"{options.label(request)}: cannot write the report: {exc.strerror}; "
                "the file was left as it was"
            ) from exc
        written.append(str(request.file))
    if written:
        noun = "report written to" if len(written) == 1 else "reports written to"
        click.echo(f"{summary_line(report)}; {noun} {', '.join(written)}", err=True)
    elif options.quiet:
        click.echo(summary_line(report), err=True)
    for note in notes(report, options):
        click.echo(f"assaymark: {note}", err=True)
    return options.exit_policy().exit_code(report)


def notes(report: Report, options: ScanOptions) -> list[str]:
    """One line each for what the reader should act on beside the report: a baseline's
    resolved entries, waivers that matched nothing, failures the exit code does not count."""
    lines = []
    outcome = report.baseline
    if outcome is not None and outcome.path is not None:
        baselined = sum(
            finding.status is Status.BASELINED
            for result in report.results
            for finding in result.findings
        )
        line = f"baseline {outcome.path}: {baselined} finding(s) baselined"
        if outcome.resolved:
            line += (
                f"; {len(outcome.resolved)} entr{'y' if len(outcome.resolved) == 1 else 'ies'} "
                "resolved (fixed or gone: `assaymark baseline create` drops them)"
            )
        lines.append(line)
    evaluated = {result.control.id for result in report.results}
    for waiver in report.waiver_statuses():
        if waiver["status"] == "unused" and waiver["control"] in evaluated:
            lines.append(
                f"warning: the waiver for {waiver['control']} ({waiver['resource']}, "
                f"{waiver['ticket']}) matched no finding: remove it or correct its resource"
            )
    policy = options.exit_policy()
    failing = sum(result.status is Status.FAIL for result in report.results)
    counted = len(policy.failing(report))
    if failing > counted:
        lines.append(
            f"{failing - counted} failing control(s) below --fail-on {policy.fail_on} "
            "not counted for the exit code"
        )
    if counted and policy.soft_fail:
        lines.append(f"{counted} control(s) fail; exit 0 as --soft-fail asks")
    return lines
