"""Whether a bundle can be believed: intact against its manifest, and sealed by a trusted key.

A bundle proves nothing on its own: whoever can write it can rewrite its files, its manifest
and its signature together, with a key of their own. Only a signature that verifies with a key
the verifier already trusts ties the bundle to its author; anything less is reported as not
verified, whatever the hashes say.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.errors import UsageError
from checker.evidence.manifest import (
    MANIFEST,
    SIGNATURE,
    bundle_policy_digest,
    check_integrity,
    read_manifest,
    sha256_file,
)
from checker.evidence.signing import PublicKey, load_public_key, verify_envelope

TRUSTED_KEYS_VARIABLE = "ASSAYMARK_TRUSTED_KEYS"


@dataclass(frozen=True)
class TrustedKey:
    """A public key the verifier trusts, and the file it came from."""

    path: Path
    key: PublicKey


def trusted_keys(given: Sequence[Path]) -> list[TrustedKey]:
    """The keys given with --key, then those in $ASSAYMARK_TRUSTED_KEYS.

    The variable lists .pub files or folders of them, separated like PATH.
    """
    paths = list(given)
    for entry in filter(None, os.environ.get(TRUSTED_KEYS_VARIABLE, "").split(os.pathsep)):
        folder = Path(entry)
        if folder.is_dir():
            paths.extend(sorted(folder.glob("*.pub")))
        elif folder.is_file():
            paths.append(folder)
        else:
            raise UsageError(f"{TRUSTED_KEYS_VARIABLE}: {entry}: no such file or folder")
    return [TrustedKey(path, load_public_key(path)) for path in paths]


@dataclass(frozen=True)
class Verification:
    """What checking a bundle found."""

    manifest: dict[str, Any] | None
    problems: tuple[str, ...]
    # The trusted key whose signature over the manifest verified, if any.
    signed_by: TrustedKey | None
    signed: bool

    @property
    def intact(self) -> bool:
        """Every file is as the manifest lists it, and the policies match its digest."""
        return not self.problems

    @property
    def verified(self) -> bool:
        """Intact, and sealed by a trusted key: the only state that proves anything."""
        return self.intact and self.signed_by is not None

    def verdict(self) -> str:
        """One line for people: verified, or why not."""
        files = len(self.manifest["files"]) if self.manifest else 0
        if not self.intact:
            return f"NOT INTACT: {len(self.problems)} difference(s)"
        if self.signed_by is not None:
            return (
                f"verified: {files} files match the manifest, signed by the trusted key "
                f"{self.signed_by.path}"
            )
        if not self.signed:
            reason = "the bundle is not signed"
        else:
            reason = f"no trusted key (give --key PUB or set {TRUSTED_KEYS_VARIABLE})"
        return f"NOT VERIFIED: {files} files match the manifest, but {reason}"


def verify_bundle(bundle: Path, keys: Sequence[TrustedKey]) -> Verification:
    """Check the bundle's files against its manifest, its policies against the policy
    digest, and its signature against each trusted key."""
    try:
        manifest = read_manifest(bundle)
    except ValueError as exc:
        return Verification(None, (str(exc),), None, False)
    problems = check_integrity(bundle, manifest).describe()
    if manifest.get("policy_digest") != bundle_policy_digest(bundle):
        problems.append("policies: the control files do not match the manifest's policy digest")
    signature = bundle / SIGNATURE
    signed = signature.is_file() and not signature.is_symlink()
    signed_by: TrustedKey | None = None
    if keys and not signed:
        problems.append(f"missing: {SIGNATURE} (the bundle is not signed)")
    elif keys:
        envelope = _envelope(signature)
        manifest_digest = sha256_file(bundle / MANIFEST)
        failures: list[str] = []
        for trusted in keys:
            found = verify_envelope(envelope, manifest_digest, trusted.key)
            if not found:
                signed_by = trusted
                break
            failures.extend(f"{message} ({trusted.path})" for message in found)
        if signed_by is None:
            problems.extend(failures)
    return Verification(manifest, tuple(problems), signed_by, signed)


def _envelope(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
