"""`assaymark policies`: list, show, validate and measure the coverage of the control library."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from adapters.registry import SOURCES
from checker.cli.output import policies_option, text_or_json_option
from checker.cli.selection import KNOWN_FRAMEWORKS, load_selected
from checker.errors import PolicyLoadError, UsageError
from checker.formats.text import console_for
from checker.library import builtin_policy_dir, load_frameworks
from checker.policy import Control, control_files, validate_file
from checker.results import EXIT_OK, EXIT_USAGE


def _sources(control: Control) -> str:
    sources = sorted({check.source for check in control.checks})
    return ", ".join(sources) or "manual"


def _references(control: Control) -> str:
    return "; ".join(f"{name} {', '.join(ids)}" for name, ids in control.frameworks.items())


@click.group()
def policies() -> None:
    """Inspect and validate controls."""


@policies.command("list")
@click.option("--framework", "frameworks", multiple=True, metavar="ID", help="Only this framework.")
@policies_option
def list_controls(frameworks: tuple[str, ...], policy_dirs: tuple[Path, ...]) -> int:
    """List the controls: id, severity, sources and the requirements they serve."""
    controls = load_selected(policy_dirs, frameworks)
    table = Table(box=None, pad_edge=False)
    for column in ("id", "severity", "sources", "requirements", "title"):
        table.add_column(column, overflow="fold")
    for control in controls:
        table.add_row(
            control.id, control.severity, _sources(control), _references(control), control.title
        )
    console = console_for(sys.stdout)
    console.print(table)
    console.print(f"{len(controls)} controls")
    return EXIT_OK


@policies.command("show")
@click.argument("control_id")
@policies_option
def show_control(control_id: str, policy_dirs: tuple[Path, ...]) -> int:
    """Show one control's file."""
    (control,) = load_selected(policy_dirs, control_ids=(control_id,))
    click.echo(f"# {control.path}")
    click.echo(control.path.read_text(encoding="utf-8").rstrip())
    return EXIT_OK


@policies.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> int:
    """Validate control files (default: the built-in library); exit 2 on any problem."""
    try:
        files = control_files(list(paths) or [builtin_policy_dir()])
    except PolicyLoadError as exc:
        raise UsageError(exc.problems[0]) from exc
    problems: list[str] = []
    seen: dict[str, Path] = {}
    for path in files:
        control, file_problems = validate_file(path)
        problems.extend(file_problems)
        if control is not None and control.id in seen:
            problems.append(f"{path}: control {control.id}: id already used by {seen[control.id]}")
        elif control is not None:
            seen[control.id] = path
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s) in {len(files)} file(s)", err=True)
        return EXIT_USAGE
    click.echo(f"ok: {len(files)} control file(s) valid")
    return EXIT_OK


#: checkov gives a second opinion on Terraform; every other source is checked natively.
SECOND_OPINION = "checkov"


def native_sources(control: Control) -> list[str]:
    """The sources a control checks natively, without checkov, in the registry's order."""
    checked = {check.source for check in control.checks}
    return [source for source in SOURCES if source in checked and source != SECOND_OPINION]


@policies.command("coverage")
@click.option(
    "--framework",
    "framework_ids",
    multiple=True,
    metavar="ID",
    help="Only this framework (default: all).",
)
@click.option(
    "--by",
    "view",
    type=click.Choice(["requirement", "control"]),
    default="requirement",
    show_default=True,
    help="Per framework requirement, or per control: which sources it checks natively.",
)
@text_or_json_option
@policies_option
def coverage(
    framework_ids: tuple[str, ...], view: str, format_name: str, policy_dirs: tuple[Path, ...]
) -> int:
    """Which framework requirements have automated checks, and which have none; with
    `--by control`, which sources each control checks natively and which only with checkov."""
    if view == "control":
        return _control_coverage(load_selected(policy_dirs, framework_ids), format_name)
    catalogs = load_frameworks()
    for framework_id in framework_ids:
        if framework_id not in catalogs:
            raise UsageError(
                f"unknown framework {framework_id!r}; known: {', '.join(KNOWN_FRAMEWORKS)}"
            )
    controls = load_selected(policy_dirs)
    chosen = [catalogs[f] for f in (framework_ids or tuple(catalogs))]
    data: list[dict[str, Any]] = []
    for framework in chosen:
        rows: list[dict[str, Any]] = []
        for requirement in framework.requirements:
            serving = [c for c in controls if requirement.id in c.frameworks.get(framework.id, ())]
            automated = sorted({check.source for c in serving for check in c.checks})
            rows.append(
                {
                    "id": requirement.id,
                    "title": requirement.title,
                    "controls": [c.id for c in serving],
                    "automated_sources": automated,
                    "attestable": any(not c.checks and c.manual is not None for c in serving),
                    "native_sources": sorted({n for c in serving for n in native_sources(c)}),
                }
            )
        known = {requirement.id for requirement in framework.requirements}
        unknown = sorted(
            {ref for c in controls for ref in c.frameworks.get(framework.id, ())} - known
        )
        covered = sum(1 for row in rows if row["automated_sources"])
        attestable = sum(1 for row in rows if row["attestable"] and not row["automated_sources"])
        data.append(
            {
                "framework": framework.id,
                "title": framework.title,
                "requirements": rows,
                "covered": covered,
                "attestable_only": attestable,
                "total": len(rows),
                "unknown_references": unknown,
            }
        )
    if format_name == "json":
        json.dump(data, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    console = console_for(sys.stdout)
    for entry in data:
        table = Table(
            title=f"{entry['title']}: {entry['covered']} of {entry['total']} requirements "
            f"have automated checks; {entry['attestable_only']} more are attested by a person "
            "(manual controls)",
            box=None,
            pad_edge=False,
            title_justify="left",
        )
        for column in ("requirement", "automated", "controls", "title"):
            table.add_column(column, overflow="fold")
        for row in entry["requirements"]:
            sources = ", ".join(row["automated_sources"]) or (
                "manual" if row["attestable"] else "none"
            )
            table.add_row(row["id"], sources, ", ".join(row["controls"]) or "-", row["title"])
        console.print(table)
        if entry["unknown_references"]:
            console.print(f"Not in the catalog: {', '.join(entry['unknown_references'])}")
        console.print()
    return EXIT_OK


def _control_coverage(controls: list[Control], format_name: str) -> int:
    native = {control.id: native_sources(control) for control in controls}
    checkov = {
        control.id: [check.resource_types[0] for check in control.checks_for([SECOND_OPINION])]
        for control in controls
    }
    if format_name == "json":
        rows = [
            {
                "control": control.id,
                "native_sources": native[control.id],
                "checkov_checks": checkov[control.id],
                "manual": control.manual is not None,
            }
            for control in controls
        ]
        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    console = console_for(sys.stdout)
    only_checkov = [c.id for c in controls if not native[c.id] and checkov[c.id]]
    table = Table(
        title=f"{len(controls)} controls: {len(controls) - len(only_checkov)} checked natively",
        box=None,
        pad_edge=False,
        title_justify="left",
    )
    for column in ("control", "native", "checkov", "manual"):
        table.add_column(column, overflow="fold")
    for control in controls:
        table.add_row(
            control.id,
            ", ".join(native[control.id]) or "none",
            ", ".join(checkov[control.id]) or "-",
            "yes" if control.manual is not None else "-",
        )
    console.print(table)
    if only_checkov:
        console.print(f"Checked only with --checkov: {', '.join(only_checkov)}")
    return EXIT_OK
