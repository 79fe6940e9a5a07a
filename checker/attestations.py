"""Attestations: what a person vouches for where no system check can decide, with an expiry and
the evidence behind it.

An attestation in force makes a `manual` control (one with no automated check) `pass`, attested;
an expired one leaves it `manual` and says so. An attestation never changes the verdict of an
automated check: a `fail` or an `error` stays what it is.

```yaml
attestations:
  - control: pci-12.10.1-incident-response-plan
    statement: The incident response plan v7 was approved on 2026-10-02 and tested ...
    attester: Dana Whitfield
    role: Chief Information Security Officer
    date: 2026-11-30
    expires: 2027-11-30
    evidence: [evidence/ir-plan-v7.pdf, evidence/tabletop-2026-10.pdf]
```

Evidence paths are relative to the attestations file; each must be a file, and is copied into
the evidence bundle and hashed in its manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.errors import UsageError
from checker.settings_file import read_settings, settings_date, settings_entries

_REQUIRED = ("control", "statement", "attester", "role", "date", "expires")
_OPTIONAL = ("evidence",)
_CHUNK = 1 << 20


@dataclass(frozen=True)
class EvidenceFile:
    """One file an attestation rests on: where it was read and its SHA-256."""

    path: Path
    sha256: str
    size: int

    @property
    def name(self) -> str:
        """The file's name, as the bundle stores it."""
        return self.path.name


@dataclass(frozen=True)
class Attestation:
    """A person's statement that a control's requirement is met, until it expires."""

    control_id: str
    statement: str
    attester: str
    role: str
    date: dt.date
    expires: dt.date
    evidence: tuple[EvidenceFile, ...] = ()

    def in_force(self, on: dt.date) -> bool:
        """Whether the attestation still holds on a day (it holds through its expiry date)."""
        return self.date <= on <= self.expires

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, in reports and bundles."""
        return {
            "control": self.control_id,
            "statement": self.statement,
            "attester": self.attester,
            "role": self.role,
            "date": self.date.isoformat(),
            "expires": self.expires.isoformat(),
            "evidence": [
                {"file": item.name, "sha256": item.sha256, "size": item.size}
                for item in self.evidence
            ],
        }


def _evidence(value: Any, base: Path, where: str) -> tuple[EvidenceFile, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise UsageError(f"{where}: evidence must be a list of file paths")
    files = []
    for item in value:
        path = (base / item).resolve()
        if not path.is_file():
            raise UsageError(f"{where}: evidence file {item} not found (looked in {base})")
        digest, size = hashlib.sha256(), 0
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
        files.append(EvidenceFile(path, digest.hexdigest(), size))
    names = [item.name for item in files]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise UsageError(f"{where}: two evidence files are named {repeated[0]}: rename one")
    return tuple(files)


def parse_attestations(data: Any, origin: str, base: Path) -> tuple[Attestation, ...]:
    """Attestations from their YAML form, evidence read relative to `base`; every problem is
    a configuration error naming the file and the entry."""
    attestations = []
    for where, entry in settings_entries(
        data, "attestations", origin, "attestation", _REQUIRED, _OPTIONAL
    ):
        where = f"{where} ({entry['control']})"
        date = settings_date(entry["date"], "date", where)
        expires = settings_date(entry["expires"], "expires", where)
        if expires < date:
            raise UsageError(f"{where}: expires ({expires}) is before its date ({date})")
        attestations.append(
            Attestation(
                control_id=str(entry["control"]),
                statement=str(entry["statement"]),
                attester=str(entry["attester"]),
                role=str(entry["role"]),
                date=date,
                expires=expires,
                evidence=_evidence(entry.get("evidence"), base, where),
            )
        )
    return tuple(attestations)


def load_attestations(path: Path) -> tuple[Attestation, ...]:
    """Read an attestations file (YAML); evidence paths are relative to its folder."""
    return parse_attestations(
        read_settings(path, "--attestations"), str(path), path.resolve().parent
    )
