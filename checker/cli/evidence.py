"""`assaymark evidence verify | replay | diff` and `assaymark keygen`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from checker.cli.output import text_or_json_option
from checker.errors import UsageError
from checker.evidence.diff import diff_bundles
from checker.evidence.manifest import (
    MANIFEST,
    SIGNATURE,
    check_integrity,
    read_manifest,
    sha256_file,
)
from checker.evidence.replay import replay_bundle
from checker.evidence.signing import generate_key_pair, load_public_key, verify_envelope
from checker.results import EXIT_FAILED, EXIT_OK

_bundle_argument = click.argument("bundle", type=click.Path(file_okay=False, path_type=Path))


@click.group()
def evidence() -> None:
    """Verify, replay and compare evidence bundles."""


@evidence.command("verify")
@_bundle_argument
@click.option(
    "--key",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="PUB",
    help="Check manifest.sig against this public key.",
)
def verify(bundle: Path, key: Path | None) -> int:
    """Check every file's hash, that none is missing or added, and the signature."""
    public_key = load_public_key(key) if key is not None else None
    try:
        manifest = read_manifest(bundle)
    except ValueError as exc:
        click.echo(f"NOT INTACT: {exc}")
        return EXIT_FAILED
    integrity = check_integrity(bundle, manifest)
    problems = integrity.describe()
    signature = bundle / SIGNATURE
    if public_key is not None:
        if not signature.is_file():
            problems.append(f"missing: {SIGNATURE} (the bundle is not signed)")
        else:
            try:
                envelope = json.loads(signature.read_text(encoding="utf-8"))
            except ValueError:
                envelope = None
            problems += verify_envelope(envelope, sha256_file(bundle / MANIFEST), public_key)
    for problem in problems:
        click.echo(problem)
    if problems:
        click.echo(f"NOT INTACT: {len(problems)} difference(s) in {bundle}")
        return EXIT_FAILED
    signed = (
        "signature verified"
        if public_key is not None
        else (
            "signature present but not checked: give --key" if signature.is_file() else "unsigned"
        )
    )
    click.echo(f"intact: {len(manifest['files'])} files match the manifest; {signed}")
    return EXIT_OK


@evidence.command("replay")
@_bundle_argument
def replay(bundle: Path) -> int:
    """Recompute every verdict from the bundle's snapshot and policies, offline."""
    result = replay_bundle(bundle)
    for mismatch in result.mismatches:
        click.echo(f"mismatch: {mismatch}")
    if not result.matches:
        click.echo(f"{len(result.mismatches)} of {result.controls} controls differ from the record")
        return EXIT_FAILED
    click.echo(f"all {result.controls} control verdicts match the record")
    return EXIT_OK


@evidence.command("diff")
@click.argument("old", type=click.Path(file_okay=False, path_type=Path))
@click.argument("new", type=click.Path(file_okay=False, path_type=Path))
@text_or_json_option
def diff(old: Path, new: Path, format_name: str) -> int:
    """What moved from the OLD bundle to the NEW one: controls, resources, waivers."""
    delta = diff_bundles(old, new)
    if format_name == "json":
        json.dump(delta.to_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    if delta.empty:
        click.echo("no differences")
    for heading, items in delta.to_dict().items():
        if items:
            click.echo(f"{heading.replace('_', ' ')} ({len(items)}):")
            for item in items:
                click.echo(f"  {item}")
    return EXIT_OK


@click.command("keygen")
@click.option(
    "--out",
    "prefix",
    type=click.Path(path_type=Path),
    default=Path("assaymark-signing"),
    show_default=True,
    help="Writes OUT.key (private, mode 600) and OUT.pub.",
)
def keygen(prefix: Path) -> int:
    """Make an Ed25519 key pair for signing evidence bundles."""
    try:
        private, public = generate_key_pair(prefix)
    except OSError as exc:
        raise UsageError(f"--out {prefix}: {exc.strerror}") from exc
    click.echo(f"private key: {private} (keep it secret)\npublic key: {public}")
    return EXIT_OK
