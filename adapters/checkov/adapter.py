"""checkov's verdicts on Terraform folders as a snapshot of the `checkov` source.

Each result becomes a resource whose type is the check id (`CKV_AWS_19`) and whose address is
the Terraform address checkov names, located at checkov's file and line; controls take its
verdict with `source: checkov, check: CKV_AWS_19`. What keeps checkov from judging (it is not
installed, it failed, it timed out, a file it could not parse) becomes a stand-in resource of
type `checkov:unavailable` with the cause, so every checkov check is `error` rather than
passing silently.

A check checkov skipped by a `checkov:skip=` comment keeps the comment's reason and line;
`with_checkov_skips` (adapters/checkov/skips.py) makes it an inline skip of the controls that
take the check.

`start` launches checkov and returns at once, so that it runs while the native Terraform
adapter collects; `collect` waits for it.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from adapters.base import Adapter
from adapters.checkov.install import default_home, executable
from adapters.checkov.skips import read_skip
from adapters.terraform.module import shown_path
from checker.models import Location, Resource, Snapshot, SourceError, Unresolved
from checker.policy import CHECKOV_SOURCE, CHECKOV_UNAVAILABLE

TIMEOUT_SECONDS = 900
INSTALL_HINT = "install it with `assaymark checkov install` (or give --checkov-path)"
# Offline: no mapping download from the vendor's API, no check download.
_ENVIRONMENT = {"BC_SKIP_MAPPING": "TRUE", "LOG_LEVEL": "ERROR"}


def _documents(text: str) -> list[Any]:
    """checkov's JSON: one document, a list of them (several frameworks), or, with several
    `-d` folders, one document per folder written one after another."""
    decoder = json.JSONDecoder()
    found: list[Any] = []
    position = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position == len(text):
            return found
        document, position = decoder.raw_decode(text, position)
        found.extend(document if isinstance(document, list) else [document])


class _Run:
    """checkov running over one folder, its output going to temporary files."""

    def __init__(self, command: list[str]) -> None:
        # Files, not pipes: checkov's JSON for a large repository outgrows a pipe's buffer.
        self.output = tempfile.TemporaryFile()  # noqa: SIM115 (closed in finish)
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115
        self.process = subprocess.Popen(
            command,
            stdout=self.output,
            stderr=self.errors,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **_ENVIRONMENT},
        )

    def finish(self, timeout: float) -> list[Any]:
        """checkov's reports; raises CheckovFailed with the reason if it did not give them."""
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise CheckovFailed("did not finish in time") from None
        finally:
            self.output.seek(0)
            self.errors.seek(0)
            text = self.output.read().decode("utf-8", "replace")
            problem = self.errors.read().decode("utf-8", "replace").strip()
            self.output.close()
            self.errors.close()
        try:
            reports = _documents(text)
        except ValueError:
            reports, code = [], code if code not in (0, 1) else 2
        if code not in (0, 1):
            # 0: nothing failed, 1: some check failed; anything else: checkov itself failed.
            detail = (problem or text).strip().splitlines()[-1:] or ["no output"]
            raise CheckovFailed(f"checkov failed (exit {code}): {detail[0][:300]}")
        return reports


class CheckovFailed(Exception):
    """checkov gave no usable report; the message says why."""


class CheckovAdapter(Adapter):
    """checkov run over Terraform folders from its own environment, read as JSON."""

    source: ClassVar[str] = CHECKOV_SOURCE
    permissions: ClassVar[tuple[str, ...]] = ("read access to the Terraform folders",)

    def __init__(
        self,
        paths: Sequence[Path],
        home: Path | None = None,
        timeout: float = TIMEOUT_SECONDS,
    ) -> None:
        self.paths = list(paths)
        self.home = home or default_home()
        self.timeout = timeout
        self._runs: list[tuple[Path, _Run]] = []
        self._started: float | None = None
        self._failure: str | None = None

    def command(self, path: Path) -> list[str]:
        """The command line checkov runs with over one folder (checkov attributes the files of
        a second `-d` folder to the first, so each folder gets a run of its own)."""
        command = [str(executable(self.home)), "--framework", "terraform", "-o", "json"]
        # --compact leaves out code blocks: checkov's copy of the source may hold secrets.
        return [*command, "--skip-download", "--compact", "-d", str(path)]

    def start(self) -> None:
        """Launch checkov in the background (once), a run per folder."""
        if self._started is not None:
            return
        self._started = time.monotonic()
        if not executable(self.home).exists():
            self._failure = f"checkov is not installed at {self.home}: {INSTALL_HINT}"
            return
        try:
            self._runs = [(path, _Run(self.command(path))) for path in self.paths]
        except OSError as exc:
            self._failure = f"checkov at {self.home} could not start ({exc}): {INSTALL_HINT}"

    def _elapsed(self) -> float:
        return 0.0 if self._started is None else time.monotonic() - self._started

    def _stand_in(self, address: str, why: Unresolved, location: Location) -> Resource:
        return Resource(
            source=CHECKOV_SOURCE,
            type=CHECKOV_UNAVAILABLE,
            address=address,
            attributes={},
            location=location,
            unresolved=why,
        )

    def _file(self, root: Path, result: dict[str, Any]) -> Path:
        """The file checkov judged: its absolute path, else its path below the folder."""
        absolute = Path(str(result.get("file_abs_path") or ""))
        if absolute.is_absolute() and absolute.exists():
            return absolute
        return root / str(result.get("file_path", "")).lstrip("/")

    def _location(self, root: Path, result: dict[str, Any]) -> Location:
        """checkov's file (shown as the native findings show theirs) and line range."""
        lines = result.get("file_line_range") or [None, None]
        return Location(file=shown_path(self._file(root, result)), line=lines[0], end_line=lines[1])

    def collect(self) -> Snapshot:
        """checkov's results; a stand-in that errors every checkov check if it could not run."""
        self.start()
        version: str | None = None
        resources: list[Resource] = []
        errors: list[SourceError] = []
        reports: list[tuple[Path, Any]] = []
        failures = [self._failure] if self._failure else []
        for path, run in self._runs:
            try:
                found = run.finish(timeout=max(1.0, self.timeout - self._elapsed()))
                reports += [(path, report) for report in found]
            except CheckovFailed as exc:
                reason = str(exc)
                if reason == "did not finish in time":
                    reason = f"checkov did not finish within {self.timeout:g} s"
                failures.append(f"{reason} (on {shown_path(path)})")
        for failure in failures:
            why = Unresolved("checkov", failure)
            resources.append(self._stand_in("checkov", why, Location()))
            errors.append(SourceError(CHECKOV_SOURCE, why.reason))
        for root, report in reports:
            if not isinstance(report, dict) or report.get("check_type", "terraform") != "terraform":
                continue
            version = str(report.get("summary", {}).get("checkov_version") or version or "")
            results = report.get("results", {})
            for key in ("passed_checks", "failed_checks", "skipped_checks"):
                for result in results.get(key, []):
                    resources.append(self._result(root, result))
            for file in results.get("parsing_errors", []):
                where = Location(file=shown_path(Path(str(file))))
                why = Unresolved(str(file), "checkov could not parse the file and skipped it")
                resources.append(self._stand_in(str(file), why, where))
                errors.append(SourceError(CHECKOV_SOURCE, why.reason, where))
        metadata = {
            "checkov_version": version,
            "home": str(self.home),
            "seconds": round(self._elapsed(), 3),
        }
        return Snapshot(CHECKOV_SOURCE, tuple(resources), tuple(errors), metadata)

    def _result(self, root: Path, result: dict[str, Any]) -> Resource:
        verdict = str(result.get("check_result", {}).get("result", "")).lower()
        attributes = {
            "check_id": result.get("check_id"),
            "check_name": result.get("check_name"),
            "result": verdict,
            "evaluated_keys": list(result.get("check_result", {}).get("evaluated_keys") or []),
        }
        if verdict == "skipped":
            # The reason and line of the skip comment, which checkov's JSON does not locate.
            skip = read_skip(
                self._file(root, result),
                result.get("file_line_range") or [],
                str(result.get("check_id")),
                result.get("check_result", {}).get("suppress_comment"),
            )
            attributes["suppress_comment"] = skip.reason if skip is not None else None
            attributes["suppress_line"] = skip.line if skip is not None else None
        return Resource(
            source=CHECKOV_SOURCE,
            type=str(result.get("check_id")),
            address=str(result.get("resource")),
            attributes=attributes,
            location=self._location(root, result),
        )


def with_native_tags(results: Snapshot, native: Snapshot) -> Snapshot:
    """checkov's results with the tags of the Terraform resource each one judged (the same
    address in the same file), so that a control scoped by tags (cardholder-data buckets, say)
    takes checkov's verdicts on the same resources as its own checks. A result that matches no
    Terraform resource gets unknown tags: under a scoped control it is an error, not skipped."""
    tags_at = {
        (resource.address, resource.location.file): resource.tags for resource in native.resources
    }
    unmatched = Unresolved("tags", "checkov judged a resource the Terraform scan did not read")
    resources = tuple(
        resource
        if resource.unresolved is not None
        else replace(
            resource, tags=tags_at.get((resource.address, resource.location.file), unmatched)
        )
        for resource in results.resources
    )
    return replace(results, resources=resources)
