"""`assaymark evidence verify | replay | diff` and `assaymark keygen`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from checker.cli.output import text_or_json_option
from checker.errors import UsageError
from checker.evidence.diff import diff_bundles
from checker.evidence.replay import replay_bundle
from checker.evidence.signing import KMS_PREFIX, KmsSigner, generate_key_pair, public_pem
from checker.evidence.trust import TRUSTED_KEYS_VARIABLE, trusted_keys, verify_bundle
from checker.results import EXIT_FAILED, EXIT_OK

_bundle_argument = click.argument("bundle", type=click.Path(file_okay=False, path_type=Path))


@click.group()
def evidence() -> None:
    """Verify, replay and compare evidence bundles."""


_key_option = click.option(
    "--key",
    "keys",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="PUB",
    help="A public key you trust to have signed the bundle (repeatable; more in "
    f"${TRUSTED_KEYS_VARIABLE}).",
)


@evidence.command("verify")
@_bundle_argument
@_key_option
def verify(bundle: Path, keys: tuple[Path, ...]) -> int:
    """Check every file's hash, that none is missing or added, the policy digest, and that a
    trusted key signed the manifest. Exit 0 only then."""
    result = verify_bundle(bundle, trusted_keys(keys))
    for problem in result.problems:
        click.echo(problem)
    click.echo(f"{bundle}: {result.verdict()}")
    return EXIT_OK if result.verified else EXIT_FAILED


@evidence.command("replay")
@_bundle_argument
@_key_option
def replay(bundle: Path, keys: tuple[Path, ...]) -> int:
    """Verify the bundle, then recompute every verdict from its snapshot and policies, offline.
    Exit 0 only when a trusted key signed it and every verdict matches."""
    result = replay_bundle(bundle, trusted_keys(keys))
    for problem in result.verification.problems:
        click.echo(problem)
    if not result.verification.intact:
        click.echo(f"{bundle}: {result.verification.verdict()}; nothing was recomputed")
        return EXIT_FAILED
    for mismatch in result.mismatches:
        click.echo(f"mismatch: {mismatch}")
    if result.mismatches:
        click.echo(f"{len(result.mismatches)} of {result.controls} controls differ from the record")
    else:
        click.echo(f"all {result.controls} control verdicts match the record")
    click.echo(result.verification.verdict())
    return EXIT_OK if result.matches and result.verification.verified else EXIT_FAILED


@evidence.command("diff")
@click.argument("old", type=click.Path(file_okay=False, path_type=Path))
@click.argument("new", type=click.Path(file_okay=False, path_type=Path))
@text_or_json_option
def diff(old: Path, new: Path, format_name: str) -> int:
    """What moved from the OLD bundle to the NEW one: controls, resources, waivers,
    attestations, and requirements that became uncovered or changed verdict."""
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
    help="Writes OUT.key (private, mode 600) and OUT.pub; with --kms-key, OUT.pub only.",
)
@click.option(
    "--kms-key",
    metavar="ARN",
    help="Export the public key of this asymmetric KMS key (ECC_NIST_P256 or RSA) instead: "
    "bundles signed with --sign-key kms:ARN verify offline with OUT.pub.",
)
def keygen(prefix: Path, kms_key: str | None) -> int:
    """Make an Ed25519 key pair for signing evidence bundles, or export a KMS key's public
    key for verifying the bundles it signs."""
    if kms_key is not None:
        public = prefix.with_suffix(".pub")
        signer = KmsSigner(kms_key.removeprefix(KMS_PREFIX))
        try:
            with public.open("xb") as stream:
                stream.write(public_pem(signer.public_key))
        except FileExistsError as exc:
            raise UsageError(f"{public} exists; choose another name or remove it first") from exc
        except OSError as exc:
            raise UsageError(f"--out {prefix}: {exc.strerror}") from exc
        click.echo(f"public key of {kms_key}: {public} (sign with --sign-key kms:{kms_key})")
        return EXIT_OK
    try:
        private, public = generate_key_pair(prefix)
    except OSError as exc:
        raise UsageError(f"--out {prefix}: {exc.strerror}") from exc
    click.echo(f"private key: {private} (keep it secret)\npublic key: {public}")
    return EXIT_OK
