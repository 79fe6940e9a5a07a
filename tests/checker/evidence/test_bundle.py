"""Evidence bundles of the example stacks: verify, tamper, sign, replay, diff, no secrets."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, Run

RunCli = Callable[..., Run]
EXAMPLES = REPO / "examples" / "terraform"
CANARIES = (
    "fake-password-for-example-only",
    "fake-secret-for-example-only",
    "AKIAEXAMPLEEXAMPLE00",
    "4111111111111111",
    "4111 1111 1111 1111",
)


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from checker.evidence.signing import generate_key_pair

    return generate_key_pair(tmp_path_factory.mktemp("keys") / "team")


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory, keys: tuple[Path, Path]) -> dict[str, Path]:
    from checker.cli.main import main

    folder = tmp_path_factory.mktemp("bundles")
    made = {}
    for variant in ("insecure", "compliant"):
        made[variant] = folder / variant
        code = main(
            [
                "scan",
                "terraform",
                str(EXAMPLES / variant),
                "--format",
                "json",
                "--output",
                str(folder / f"{variant}.json"),
                "--evidence",
                str(made[variant]),
                "--sign-key",
                str(keys[0]),
            ]
        )
        assert code == (1 if variant == "insecure" else 0)
    return made


@pytest.fixture
def bundle(bundles: dict[str, Path], tmp_path: Path) -> Path:
    copy = tmp_path / "bundle"
    shutil.copytree(bundles["insecure"], copy)
    return copy


def test_the_bundle_has_the_documented_layout(bundles: dict[str, Path]) -> None:
    bundle = bundles["insecure"]
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert manifest["policy_digest"].startswith("sha256:")
    assert manifest["sources"]["terraform"]["resources"] > 50
    for name in (
        "report.json",
        "report.html",
        "oscal-assessment-results.json",
        "snapshot/terraform.json",
        "manifest.sig",
        "controls/pci-1.4.4-rds-not-public/result.json",
        "controls/pci-1.4.4-rds-not-public/evidence.json",
        "policies/pci-1.4.4-rds-not-public.yaml",
    ):
        assert (bundle / name).is_file(), name
    evidence = json.loads((bundle / "controls/pci-1.4.4-rds-not-public/evidence.json").read_text())
    failing = next(item for item in evidence if item["status"] == "fail")
    assert failing["excerpt"]["file"] == "examples/terraform/insecure/data.tf"
    assert any("publicly_accessible" in line for line in failing["excerpt"]["lines"].values())
    assert failing["observed"]


def test_an_untouched_bundle_verifies_with_its_key(
    run: RunCli, bundle: Path, keys: tuple[Path, Path]
) -> None:
    result = run("evidence", "verify", bundle, "--key", keys[1])
    assert result.code == 0, result.out
    assert "verified: " in result.out
    assert f"signed by the trusted key {keys[1]}" in result.out


@pytest.mark.parametrize(
    ("tamper", "named"),
    [
        (
            lambda b: (b / "report.json").write_bytes(
                (b / "report.json").read_bytes()[:-2] + b"]\n"
            ),
            "changed: report.json",
        ),
        (
            lambda b: (b / "snapshot" / "terraform.json").unlink(),
            "missing: snapshot/terraform.json",
        ),
        (
            lambda b: (b / "controls" / "notes.txt").write_text("added later"),
            "added: controls/notes.txt",
        ),
    ],
)
def test_any_change_to_the_bundle_fails_verification_naming_the_file(
    run: RunCli,
    bundle: Path,
    keys: tuple[Path, Path],
    tamper: Callable[[Path], object],
    named: str,
) -> None:
    tamper(bundle)
    result = run("evidence", "verify", bundle, "--key", keys[1])
    assert result.code == 1
    assert named in result.out


def test_another_key_or_a_rewritten_manifest_fails(
    run: RunCli, bundle: Path, tmp_path: Path
) -> None:
    from checker.evidence.signing import generate_key_pair

    _, other = generate_key_pair(tmp_path / "other")
    assert "not signed by the given key" in run("evidence", "verify", bundle, "--key", other).out
    manifest = json.loads((bundle / "manifest.json").read_text())
    manifest["host"] = "elsewhere"
    (bundle / "manifest.json").write_text(json.dumps(manifest))
    assert run("evidence", "verify", bundle).code == 1  # no trusted key: proves nothing
    _, key = generate_key_pair(tmp_path / "unused")
    result = run("evidence", "verify", bundle, "--key", key)
    assert result.code == 1


def test_replay_recomputes_every_verdict_offline(
    run: RunCli, bundle: Path, keys: tuple[Path, Path]
) -> None:
    result = run("evidence", "replay", bundle, "--key", keys[1])
    assert result.code == 0, result.out
    report = json.loads((bundle / "report.json").read_text())
    assert f"all {len(report['controls'])} control verdicts match" in result.out


def test_replay_notices_an_altered_verdict(run: RunCli, bundle: Path) -> None:
    """Even with the manifest rewritten to match (so only recomputing can tell)."""
    from checker.evidence.manifest import file_entries

    report = json.loads((bundle / "report.json").read_text())
    (failed, *_) = [control for control in report["controls"] if control["status"] == "fail"]
    failed["status"] = "pass"
    (bundle / "report.json").write_text(json.dumps(report))
    manifest = json.loads((bundle / "manifest.json").read_text())
    manifest["files"] = file_entries(bundle)
    (bundle / "manifest.json").write_text(json.dumps(manifest))
    (bundle / "manifest.sig").unlink()
    result = run("evidence", "replay", bundle)
    assert result.code == 1
    assert f"{failed['id']}: recorded pass, recomputed fail" in result.out
    assert "NOT VERIFIED" in result.out


def test_diff_lists_the_controls_that_moved(run: RunCli, bundles: dict[str, Path]) -> None:
    result = run("evidence", "diff", bundles["insecure"], bundles["compliant"], "--format", "json")
    delta = result.json()
    assert "pci-1.4.4-rds-not-public: fail -> pass" in delta["newly_passing"]
    assert delta["newly_failing"] == []
    assert any("aws_secretsmanager_secret_rotation" in r for r in delta["resources_added"])
    text = run("evidence", "diff", bundles["compliant"], bundles["insecure"]).out
    assert "newly failing (" in text
    assert "  pci-1.4.4-rds-not-public: pass -> fail" in text


def test_no_secret_reaches_any_file_of_the_bundle(bundles: dict[str, Path]) -> None:
    for bundle in bundles.values():
        for path in bundle.rglob("*"):
            if path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                for canary in CANARIES:
                    assert canary not in text, f"{canary} in {path}"


def test_sign_key_needs_an_evidence_folder(run: RunCli, keys: tuple[Path, Path]) -> None:
    result = run("scan", "terraform", EXAMPLES / "compliant", "--sign-key", keys[0])
    assert result.code == 2
    assert "--sign-key signs an evidence bundle" in result.err


def test_a_non_empty_folder_that_is_no_bundle_is_not_overwritten(
    run: RunCli, tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("keep me")
    result = run("scan", "terraform", EXAMPLES / "compliant", "--evidence", tmp_path)
    assert result.code == 2
    assert (tmp_path / "notes.txt").read_text() == "keep me"
