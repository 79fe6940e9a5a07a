"""Writing an evidence bundle: everything an assessor needs to check and recompute the verdicts.

```
BUNDLE/
  manifest.json                  every file with its sha256 and size; who, where, when
  manifest.sig                   optional DSSE envelope over manifest.json
  report.json                    the JSON report
  report.html                    the report for people, self-contained
  oscal-assessment-results.json  the same as OSCAL assessment results
  controls/<id>/result.json      status, findings, waivers applied
  controls/<id>/evidence.json    per finding: what was observed, and the source excerpt
  snapshot/<source>.json         the normalized resources: the replay input
  policies/<id>.yaml             the controls as evaluated
  waivers.yaml                   the waivers as given, if any
  attestations.yaml              the attestations as given, if any, naming their evidence:
  attestations/<id>/<file>       each attested control's evidence files, as read
```
"""

from __future__ import annotations

import contextlib
import getpass
import json
import platform
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checker import __version__
from checker.errors import UsageError
from checker.evidence.destination import BundleDestination, staged_bundle
from checker.evidence.manifest import (
    BUNDLE_FORMAT,
    MANIFEST,
    SIGNATURE,
    file_entries,
    policy_digest,
    sha256_file,
)
from checker.evidence.signing import load_signer, sign
from checker.formats.html import HtmlFormat
from checker.formats.json import JsonFormat
from checker.formats.oscal import OscalFormat
from checker.models import Finding, Snapshot
from checker.policy import Control, Overrides
from checker.redaction import (
    MASK,
    PLAIN_PARAMETER_TYPES,
    PROVIDER_SECRET_ARGUMENTS,
    is_secret_name,
    looks_opaque,
    redact,
    redact_lines,
)
from checker.results import ControlResult, Report, utc_timestamp
from checker.serialization import encode_value, snapshot_to_dict

_MAX_EXCERPT_LINES = 80
_ASSIGNED = re.compile(r"^(\s*)([A-Za-z0-9_\-]+)(\s*[=:]\s*)(.+)$")
_PLAIN_TYPE = re.compile(rf'\s*type\s*=\s*"(?:{"|".join(PLAIN_PARAMETER_TYPES)})"')


@dataclass(frozen=True)
class BundleRequest:
    """What a bundle records about the run besides its results."""

    command: tuple[str, ...]
    sign_key: Path | None = None
    overrides: Overrides = field(default_factory=Overrides)
    #: The scanned folders: source excerpts are read only from files under them, so that a
    #: location in a snapshot from elsewhere cannot copy any other file into the bundle.
    excerpt_roots: tuple[Path, ...] = ()


def _write_json(path: Path, data: Any, *, readable: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Indenting disables the fast encoder: only small files meant for reading are indented.
    text = json.dumps(data, indent=2 if readable else None, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


class _Excerpts:
    """Source lines around a finding, read once per file and redacted."""

    def __init__(self, roots: Sequence[Path]) -> None:
        self._roots = tuple(root.resolve() for root in roots)
        self._files: dict[str, list[str] | None] = {}
        # A resource is excerpted once for every control that checks it: redact it once.
        self._excerpts: dict[tuple[str, int, int, bool, str], dict[str, str]] = {}

    def lines(self, file: str) -> list[str] | None:
        """The lines of a regular file under the scanned folders, or None."""
        if file not in self._files:
            self._files[file] = None
            path = Path(file).resolve()
            if any(path.is_relative_to(root) for root in self._roots) and path.is_file():
                # An excerpt shows context beside a verdict, never decides one: a file that
                # cannot be read as text simply gets none, and the finding stands as it is.
                with contextlib.suppress(OSError, UnicodeDecodeError):
                    self._files[file] = path.read_text(encoding="utf-8").splitlines()
        return self._files[file]

    def excerpt(self, finding: Finding) -> dict[str, Any] | None:
        location = finding.location
        if location.file is None or location.line is None:
            return None
        lines = self.lines(location.file)
        if lines is None:
            return None
        first = location.line
        last = min(len(lines), location.end_line or location.line, first + _MAX_EXCERPT_LINES - 1)
        shown = lines[first - 1 : last]
        variable = finding.resource.split(".")[-1] if ".var." in f".{finding.resource}" else ""
        secret_variable = bool(variable) and (
            is_secret_name(variable)
            or any(re.match(r"\s*sensitive\s*=\s*true\b", line) for line in shown)
        )
        provider_secret = _provider_secret(finding, shown)
        key = (location.file, first, last, secret_variable, provider_secret)
        if key not in self._excerpts:
            # Whole, not line by line: a private key's body lines look like nothing on their own.
            redacted = redact_lines(
                [_redact_line(line, secret_variable, provider_secret) for line in shown]
            )
            self._excerpts[key] = {
                str(number): line for number, line in enumerate(redacted, start=first)
            }
        return {"file": location.file, "lines": self._excerpts[key]}


def _provider_secret(finding: Finding, shown: Sequence[str]) -> str:
    """The argument of a Terraform resource that its provider holds secret, if it has one and
    the excerpt does not declare it plain."""
    parts = finding.resource.split(".")
    if finding.source != "terraform" or len(parts) < 2:
        return ""
    argument = PROVIDER_SECRET_ARGUMENTS.get(parts[-2], "")
    plain = any(_PLAIN_TYPE.match(line) for line in shown)
    return "" if plain else argument


def _redact_line(line: str, secret_variable: bool, provider_secret: str = "") -> str:
    """A source line with the secrets its names give away masked: an assignment to a secret's
    name, and in a secret variable (sensitive, or named like a secret) everything that is
    not its type, description or other settings, so that no default shows, on however many
    lines it is written. Shapes of secrets are left to `redact_lines`."""
    match = _ASSIGNED.match(line)
    settings = ("type", "description", "sensitive", "nullable", "condition", "error_message")
    if match is not None:
        key = match.group(2)
        value = match.group(4).strip().rstrip(",").strip("\"'")
        if (
            is_secret_name(key)
            or key == provider_secret
            or (secret_variable and key not in settings)
            # Out of its block a line cannot tell an environment variable from a setting.
            or looks_opaque(value)
        ):
            return f"{match.group(1)}{key}{match.group(3)}{MASK}"
        return line
    written = line.strip()
    if (
        secret_variable
        and written
        and not written.startswith(("variable ", "validation", "#", "}"))
    ):
        return line[: len(line) - len(line.lstrip())] + MASK
    return line


def _control_files(result: ControlResult, excerpts: _Excerpts) -> tuple[Any, Any]:
    outcome = result.to_dict()
    evidence = [
        {
            "resource": finding.resource,
            **({"root": finding.root} if finding.root else {}),
            "status": str(finding.status),
            "location": finding.location.to_dict(),
            "observed": {
                key: redact(encode_value(value)) for key, value in finding.observed.items()
            },
            "excerpt": excerpts.excerpt(finding),
        }
        for finding in result.findings
    ]
    return outcome, evidence


def write_bundle(
    destination: BundleDestination,
    report: Report,
    snapshots: Sequence[Snapshot],
    controls: Sequence[Control],
    request: BundleRequest,
) -> None:
    """Write and seal the bundle for a run, and put it in place whole."""
    if request.sign_key is not None:
        load_signer(request.sign_key)  # fail before writing anything
    with staged_bundle(destination) as directory:
        write_contents(directory, report, snapshots, controls, request)
        seal(directory, report, snapshots, controls, request)


def write_contents(
    directory: Path,
    report: Report,
    snapshots: Sequence[Snapshot],
    controls: Sequence[Control],
    request: BundleRequest,
) -> None:
    """Write everything but the manifest and signature into `directory`, a new empty folder.

    More files may be added before sealing. Write it inside `staged_bundle`, which puts the
    folder in place only once it is complete.
    """
    for name, renderer in (
        ("report.json", JsonFormat()),
        ("report.html", HtmlFormat()),
        ("oscal-assessment-results.json", OscalFormat()),
    ):
        with (directory / name).open("w", encoding="utf-8") as stream:
            renderer.write(report, stream)
    excerpts = _Excerpts(request.excerpt_roots)
    for result in report.results:
        folder = directory / "controls" / result.control.id
        outcome, evidence = _control_files(result, excerpts)
        _write_json(folder / "result.json", outcome)
        _write_json(folder / "evidence.json", evidence)
    for snapshot in snapshots:
        _write_json(directory / "snapshot" / f"{snapshot.source}.json", snapshot_to_dict(snapshot))
    (directory / "policies").mkdir(exist_ok=True)
    for control in controls:
        shutil.copyfile(control.path, directory / "policies" / f"{control.id}.yaml")
    if report.waivers:
        waivers = {"waivers": [waiver.to_dict() for waiver in report.waivers]}
        (directory / "waivers.yaml").write_text(yaml.safe_dump(waivers, sort_keys=False), "utf-8")
    if report.attestations:
        _write_attestations(directory, report)


def _write_attestations(directory: Path, report: Report) -> None:
    """The attestations as an attestations file of the bundle's own, with their evidence
    copied beside it, so that a replay reads them as the run did (the manifest hashes each)."""
    entries = []
    for attestation in report.attestations:
        folder = directory / "attestations" / attestation.control_id
        names = []
        for item in attestation.evidence:
            folder.mkdir(parents=True, exist_ok=True)
            copied = folder / item.name
            shutil.copyfile(item.path, copied)
            if sha256_file(copied) != item.sha256:
                raise UsageError(
                    f"--attestations: evidence file {item.path} changed while the run read it"
                )
            names.append(copied.relative_to(directory).as_posix())
        entry = {
            key: value for key, value in attestation.to_dict().items() if key not in ("evidence",)
        }
        entries.append({**entry, "evidence": names})
    text = yaml.safe_dump({"attestations": entries}, sort_keys=False, allow_unicode=True)
    (directory / "attestations.yaml").write_text(text, "utf-8")


def seal(
    directory: Path,
    report: Report,
    snapshots: Sequence[Snapshot],
    controls: Sequence[Control],
    request: BundleRequest,
) -> Path:
    """Write the manifest over every file in the bundle, and sign it if a key was given."""
    signer = load_signer(request.sign_key) if request.sign_key is not None else None
    manifest = {
        "format": BUNDLE_FORMAT,
        "tool": {"name": "assaymark", "version": __version__},
        "command": list(request.command),
        "host": platform.node(),
        "started": utc_timestamp(report.started),
        "finished": utc_timestamp(report.finished),
        "evaluated_as_of": (report.as_of or report.started.date()).isoformat(),
        "policy_digest": policy_digest((c.id, c.path) for c in controls),
        "overrides": request.overrides.to_dict(),
        "sources": {
            snapshot.source: {
                "collected_by": dict(snapshot.metadata.get("collected_by", {}))
                or {"user": getpass.getuser()},
                "resources": len(snapshot.resources),
                "errors": len(snapshot.errors),
            }
            for snapshot in snapshots
        },
        "files": file_entries(directory),
    }
    manifest_path = directory / MANIFEST
    _write_json(manifest_path, manifest, readable=True)
    if signer is not None:
        predicate = {"policy_digest": manifest["policy_digest"], "finished": manifest["finished"]}
        envelope = sign(sha256_file(manifest_path), predicate, signer)
        _write_json(directory / SIGNATURE, envelope, readable=True)
    return manifest_path
