"""`assaymark aws`: helpers for the live AWS source."""

from __future__ import annotations

import json

import click

from checker.results import EXIT_OK


@click.group("aws")
def aws() -> None:
    """AWS helpers."""


@aws.command("policy")
def aws_policy() -> int:
    """Print the least-privilege IAM policy a scan needs (read-only actions only)."""
    from adapters.aws import least_privilege_policy  # boto3 is imported only when needed

    click.echo(json.dumps(least_privilege_policy(), indent=2))
    return EXIT_OK
