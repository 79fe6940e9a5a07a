"""Where bundles are written: nothing assaymark did not write is ever removed, and a bundle is
put in place whole or not at all."""

from __future__ import annotations

import errno
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker.errors import OutputError, UsageError
from checker.evidence.destination import BundleDestination, staged_bundle
from checker.evidence.manifest import check_integrity, read_manifest
from tests.conftest import REPO, Run

RunCli = Callable[..., Run]
COMPLIANT = REPO / "examples" / "terraform" / "compliant"
INSECURE = REPO / "examples" / "terraform" / "insecure"


def scan(run: RunCli, stack: Path, bundle: Path | str, *more: str | Path) -> Run:
    return run("scan", "terraform", stack, "--format", "json", "--evidence", bundle, *more)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def everything(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones too) with its digest."""
    return {str(p.relative_to(folder)): digest(p) for p in folder.rglob("*") if p.is_file()}


def test_evidence_dot_in_a_project_with_a_foreign_manifest_leaves_every_file(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "webapp"
    (project / ".git" / "refs").mkdir(parents=True)
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (project / "manifest.json").write_text(json.dumps({"name": "webapp", "icons": []}))
    (project / "src").mkdir()
    (project / "src" / "app.js").write_text("console.log('hello')\n")
    before = everything(project)
    monkeypatch.chdir(project)
    result = scan(run, COMPLIANT, ".")
    assert result.code == 2
    assert "not an assaymark evidence bundle" in result.err
    assert result.out == ""  # refused before anything ran
    assert everything(project) == before


@pytest.mark.parametrize(
    "manifest",
    [
        {"format": "assaymark.bundle/v0", "files": {}},
        ["assaymark.bundle/v1"],
        "not json at all",
    ],
)
def test_only_a_manifest_that_says_assaymark_bundle_makes_a_folder_replaceable(
    manifest: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    text = manifest if isinstance(manifest, str) else json.dumps(manifest)
    (folder / "manifest.json").write_text(text)
    with pytest.raises(UsageError, match="replaces only its own bundles"):
        BundleDestination.claim(folder)


def test_a_file_is_not_a_bundle_folder(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("keep")
    result = scan(run, COMPLIANT, target)
    assert result.code == 2
    assert "is a file" in result.err
    assert target.read_text() == "keep"
    with pytest.raises(UsageError, match="exists and is not a folder"):  # from a configuration
        BundleDestination.claim(target)


def test_a_new_an_empty_and_an_earlier_bundle_folder_take_a_bundle(
    run: RunCli, tmp_path: Path
) -> None:
    new = tmp_path / "deep" / "new"
    assert scan(run, COMPLIANT, new).code == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    assert scan(run, COMPLIANT, empty).code == 0
    (new / "stale-note.txt").write_text("from before")  # a bundle replaced is replaced whole
    assert scan(run, INSECURE, new).code == 1
    assert not (new / "stale-note.txt").exists()
    assert check_integrity(new, read_manifest(new)).intact
    assert json.loads((new / "report.json").read_text())["summary"]["fail"] > 0
    assert sorted(p.name for p in (tmp_path / "deep").iterdir()) == ["new"], "no staging left"


def test_a_bundle_written_meanwhile_by_another_run_is_kept_and_so_is_this_one(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two runs that claimed the same new folder: the first to finish wins, the second says so."""
    target = tmp_path / "bundle"
    from checker.evidence import destination

    real_claim = destination.BundleDestination.claim

    def claim_then_lose_the_race(path: Path) -> BundleDestination:
        claimed = real_claim(path)
        monkeypatch.setattr(destination.BundleDestination, "claim", real_claim)
        assert scan(run, COMPLIANT, target).code == 0  # the other run finishes first
        return claimed

    monkeypatch.setattr(destination.BundleDestination, "claim", claim_then_lose_the_race)
    result = scan(run, INSECURE, target)
    assert result.code == 3
    assert "another run wrote a bundle there while this one ran" in result.err
    assert json.loads((target / "report.json").read_text())["summary"]["fail"] == 0
    (kept,) = (p for p in tmp_path.iterdir() if p.name.startswith("bundle-"))
    assert kept.name in result.err
    assert check_integrity(kept, read_manifest(kept)).intact
    assert json.loads((kept / "report.json").read_text())["summary"]["fail"] > 0


def test_a_full_disk_midway_leaves_the_earlier_bundle_and_no_partial_one(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "bundle"
    assert scan(run, COMPLIANT, target).code == 0
    before = everything(target)
    from checker.evidence import bundle

    writes = {"count": 0}
    real_write = bundle._write_json

    def fill_up(path: Path, data: Any, *, readable: bool = False) -> None:
        writes["count"] += 1
        if writes["count"] == 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(path, data, readable=readable)

    monkeypatch.setattr(bundle, "_write_json", fill_up)
    result = scan(run, INSECURE, target)
    assert result.code == 3
    assert "No space left on device" in result.err
    assert "internal error" not in result.err
    assert everything(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundle"]


def test_an_interrupted_write_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "bundle"
    with (
        pytest.raises(KeyboardInterrupt),
        staged_bundle(BundleDestination.claim(target)) as staging,
    ):
        (staging / "report.json").write_text("{}")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_parent_is_a_clean_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    destination = BundleDestination(blocker / "bundle", None)
    with pytest.raises(OutputError, match="cannot write the bundle"), staged_bundle(destination):
        pass
