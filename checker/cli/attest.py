"""`assaymark attest template`: a starting attestations file for the controls that only a
person can attest."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import click

from checker.cli.selection import KNOWN_FRAMEWORKS, load_library
from checker.errors import UsageError
from checker.library import requirement_order
from checker.policy import Control

_WIDTH = 96


@click.group()
def attest() -> None:
    """Attest what no system check can decide: policies, roles, training, reviews."""


@attest.command("template")
@click.option(
    "--framework",
    type=click.Choice(KNOWN_FRAMEWORKS),
    required=True,
    help="The controls that map to this framework.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write the template here (default: standard output); an existing file is kept.",
)
@click.option(
    "--policies",
    "policy_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    metavar="DIR",
    help="A folder of more controls, added to the built-in library.",
)
def template(framework: str, output: Path | None, policy_dirs: tuple[Path, ...]) -> int:
    """Write an attestations file with an entry for each manual control of FRAMEWORK: what to
    attest and the evidence an assessor asks for, as comments, and fields to fill in.

    The dates are left as YYYY-MM-DD, so that a template passed on unfilled is refused rather
    than taken as attested.
    """
    controls = [
        control
        for control in load_library(policy_dirs)
        if not control.checks and control.manual is not None and framework in control.frameworks
    ]
    if not controls:
        raise UsageError(f"--framework {framework}: no control of it is attested by a person")
    controls.sort(key=lambda c: [requirement_order(r) for r in c.frameworks[framework]])
    text = render_template(controls, framework, dt.date.today())
    if output is None:
        click.echo(text, nl=False)
        return 0
    if output.exists():
        raise UsageError(f"--output {output}: the file exists; attestations are not overwritten")
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"--output {output}: {exc.strerror}") from exc
    click.echo(f"assaymark: wrote {len(controls)} attestations to fill in to {output}", err=True)
    return 0


def _comment(text: str, indent: str) -> list[str]:
    return [
        f"{indent}# {line}" if line else f"{indent}#"
        for line in textwrap.wrap(" ".join(text.split()), _WIDTH - len(indent) - 2)
    ]


def render_template(controls: list[Control], framework: str, today: dt.date) -> str:
    """The template's YAML text: one entry per control, its guidance as comments."""
    lines = [
        f"# Attestations for {framework}, started {today.isoformat()} by `assaymark attest "
        "template`.",
        "# Fill in each entry and give the file with --attestations (or `attestations:` in the",
        "# configuration). An attestation in force makes its manual control pass, attested; an",
        "# expired one leaves it manual. Evidence paths are relative to this file; each file is",
        "# copied into the evidence bundle and hashed in its manifest.",
        "attestations:",
    ]
    for control in controls:
        requirements = ", ".join(control.frameworks[framework])
        lines.append("")
        lines.extend(_comment(f"{control.title} ({framework} {requirements})", "  "))
        lines.extend(_comment(str(control.manual), "  "))
        lines += [
            f"  - control: {control.id}",
            "    statement: >-",
            "      Say what is in place, since when, and where it is recorded.",
            "    attester: Full Name",
            "    role: Their role",
            "    date: YYYY-MM-DD       # when it was attested",
            "    expires: YYYY-MM-DD    # at the latest a year later",
            "    evidence: []           # e.g. [evidence/policy-v4.pdf]",
        ]
    return "\n".join(lines) + "\n"
