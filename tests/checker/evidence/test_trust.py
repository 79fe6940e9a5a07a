"""A bundle is believed only when it is intact and a trusted key sealed it: forgeries that
rewrite everything consistently, stale or removed signatures and weakened controls all fail."""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from checker.evidence.manifest import file_entries, sha256_file
from checker.evidence.signing import generate_key_pair, load_signer, sign
from tests.conftest import REPO, Run

RunCli = Callable[..., Run]
INSECURE = REPO / "examples" / "terraform" / "insecure"


@pytest.fixture(scope="module")
def owner(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return generate_key_pair(tmp_path_factory.mktemp("owner") / "team")


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory, owner: tuple[Path, Path]) -> Path:
    from checker.cli.main import main

    bundle = tmp_path_factory.mktemp("sealed") / "bundle"
    args = ["scan", "terraform", str(INSECURE), "--format", "json", "--output", os.devnull]
    assert main([*args, "--evidence", str(bundle), "--sign-key", str(owner[0])]) == 1
    return bundle


@pytest.fixture
def bundle(sealed: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(sealed, tmp_path / "bundle"))


def forge(bundle: Path, signer: Path | None) -> None:
    """Turn every failing verdict into a pass, weaken a control, and rewrite the manifest to
    match, as someone with write access to the bundle (but not the owner's key) could."""
    report = json.loads((bundle / "report.json").read_text())
    for control in report["controls"]:
        control["status"] = "pass"
    (bundle / "report.json").write_text(json.dumps(report))
    manifest = json.loads((bundle / "manifest.json").read_text())
    manifest["files"] = file_entries(bundle)
    (bundle / "manifest.json").write_text(json.dumps(manifest))
    (bundle / "manifest.sig").unlink()
    if signer is not None:
        envelope = sign(sha256_file(bundle / "manifest.json"), {}, load_signer(signer))
        (bundle / "manifest.sig").write_text(json.dumps(envelope))


def test_an_untouched_bundle_verifies_and_replays_only_against_a_trusted_key(
    run: RunCli, bundle: Path, owner: tuple[Path, Path]
) -> None:
    assert run("evidence", "verify", bundle, "--key", owner[1]).code == 0
    assert run("evidence", "replay", bundle, "--key", owner[1]).code == 0
    unkeyed = run("evidence", "verify", bundle)
    assert unkeyed.code == 1
    assert "NOT VERIFIED" in unkeyed.out and "no trusted key" in unkeyed.out
    assert run("evidence", "replay", bundle).code == 1


def test_trusted_keys_can_come_from_the_environment(
    run: RunCli, bundle: Path, owner: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSAYMARK_TRUSTED_KEYS", str(owner[1].parent))
    assert run("evidence", "verify", bundle).code == 0
    monkeypatch.setenv("ASSAYMARK_TRUSTED_KEYS", str(owner[1].parent / "nowhere"))
    missing = run("evidence", "verify", bundle)
    assert missing.code == 2
    assert "ASSAYMARK_TRUSTED_KEYS" in missing.err


def test_a_bundle_resigned_with_another_key_never_verifies(
    run: RunCli, bundle: Path, owner: tuple[Path, Path], tmp_path: Path
) -> None:
    attacker, _ = generate_key_pair(tmp_path / "attacker")
    forge(bundle, attacker)
    for args in ((), ("--key", owner[1])):
        verified = run("evidence", "verify", bundle, *args)
        assert verified.code == 1, verified.out
        replayed = run("evidence", "replay", bundle, *args)
        assert replayed.code == 1, replayed.out
    assert "not signed by the given key" in run("evidence", "verify", bundle, "--key", owner[1]).out


def test_a_stale_signature_of_the_owner_does_not_cover_a_rewritten_manifest(
    run: RunCli, bundle: Path, owner: tuple[Path, Path]
) -> None:
    stale = (bundle / "manifest.sig").read_text()
    forge(bundle, None)
    (bundle / "manifest.sig").write_text(stale)
    result = run("evidence", "verify", bundle, "--key", owner[1])
    assert result.code == 1
    assert "the signed statement is about another manifest" in result.out


def test_a_removed_signature_is_not_verified(
    run: RunCli, bundle: Path, owner: tuple[Path, Path]
) -> None:
    (bundle / "manifest.sig").unlink()
    keyed = run("evidence", "verify", bundle, "--key", owner[1])
    assert keyed.code == 1
    assert "missing: manifest.sig (the bundle is not signed)" in keyed.out
    unkeyed = run("evidence", "verify", bundle)
    assert unkeyed.code == 1
    assert "the bundle is not signed" in unkeyed.out


def test_replay_of_a_tampered_bundle_names_what_changed_and_recomputes_nothing(
    run: RunCli, bundle: Path, owner: tuple[Path, Path]
) -> None:
    report = json.loads((bundle / "report.json").read_text())
    report["controls"][0]["status"] = "pass"
    (bundle / "report.json").write_text(json.dumps(report))
    result = run("evidence", "replay", bundle, "--key", owner[1])
    assert result.code == 1
    assert "changed: report.json" in result.out
    assert "nothing was recomputed" in result.out
    assert "verdicts match" not in result.out


def test_a_weakened_control_file_fails_the_policy_digest(
    run: RunCli, bundle: Path, owner: tuple[Path, Path]
) -> None:
    """Hashes rewritten to match the weakened file: the signed policy digest still tells."""
    control = bundle / "policies" / "pci-1.4.4-rds-not-public.yaml"
    weakened = control.read_text().replace("op: is_false", "op: present")
    assert weakened != control.read_text()
    control.write_text(weakened)
    manifest = json.loads((bundle / "manifest.json").read_text())
    manifest["files"] = file_entries(bundle)
    (bundle / "manifest.json").write_text(json.dumps(manifest))
    result = run("evidence", "replay", bundle)
    assert result.code == 1
    assert "policies: the control files do not match the manifest's policy digest" in result.out
    assert "nothing was recomputed" in result.out


def test_a_manifest_that_lists_a_file_twice_is_refused(
    run: RunCli, bundle: Path, owner: tuple[Path, Path]
) -> None:
    text = (bundle / "manifest.json").read_text()
    entry = '"report.json": {"sha256": "' + "0" * 64 + '", "size": 1},'
    (bundle / "manifest.json").write_text(text.replace('"files": {', '"files": {' + entry, 1))
    result = run("evidence", "verify", bundle, "--key", owner[1])
    assert result.code == 1
    assert "lists 'report.json' twice" in result.out


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail, rather than hang, if something blocks for 20 seconds."""

    def timeout(signum: int, frame: object) -> None:
        raise TimeoutError("blocked on a file in the bundle")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.usefixtures("alarm")
def test_a_pipe_or_link_in_the_bundle_is_reported_never_opened(
    run: RunCli, bundle: Path, owner: tuple[Path, Path]
) -> None:
    (bundle / "report.json").unlink()
    os.mkfifo(bundle / "report.json")
    os.mkfifo(bundle / "controls" / "extra")
    (bundle / "controls" / "passwd").symlink_to("/etc/passwd")
    result = run("evidence", "verify", bundle, "--key", owner[1])
    assert result.code == 1
    assert "not a regular file: report.json" in result.out
    assert "added: controls/extra" in result.out
    assert "added: controls/passwd" in result.out
    assert run("evidence", "replay", bundle, "--key", owner[1]).code == 1


def test_the_signature_binds_the_policy_digest(bundle: Path) -> None:
    envelope = json.loads((bundle / "manifest.sig").read_text())
    statement = json.loads(base64.b64decode(envelope["payload"]))
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert statement["predicate"]["policy_digest"] == manifest["policy_digest"]
    assert statement["subject"][0]["digest"]["sha256"] == sha256_file(bundle / "manifest.json")
