"""A focused scan judges the resources of changed files exactly as a scan of everything does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from adapters.terraform import TerraformAdapter
from adapters.terraform.focus import Focus
from checker.engine import evaluate
from checker.focus import judged_files, judged_only, linked_types
from checker.library import builtin_policy_dir
from checker.models import Snapshot
from checker.policy import Control, load_controls
from tests.conftest import DATA, REPO

FOCUS = DATA / "terraform" / "focus"
Verdict = tuple[str, str, str, str, str, str]


@pytest.fixture(scope="module")
def controls() -> list[Control]:
    return load_controls([builtin_policy_dir()])


def copied(source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of a stack as the working folder (reports show paths relative to it)."""
    shutil.copytree(source, tmp_path / "stack")
    monkeypatch.chdir(tmp_path / "stack")
    return tmp_path / "stack"


def verdicts(controls: list[Control], snapshot: Snapshot) -> set[Verdict]:
    """Every finding of a scan, as (file, control, resource, root, status, message)."""
    report = evaluate(controls, [snapshot])
    judged = judged_files([snapshot])
    if judged is not None:
        report = judged_only(report, judged)
    return {
        (f.location.file or "", r.control.id, f.resource, f.root, str(f.status), f.message)
        for r in report.results
        for f in r.findings
    }


def focused(controls: list[Control], *changed: Path, cache: Path | None = None) -> Snapshot:
    """A focused scan of the working folder for the changed files."""
    focus = Focus(frozenset(p.resolve() for p in changed), linked_types(controls, "terraform"))
    return TerraformAdapter([Path()], focus=focus, outline_cache=cache).collect()


@pytest.mark.parametrize(
    "stack",
    [REPO / "examples/terraform/insecure", REPO / "examples/terraform/compliant", FOCUS],
    ids=["insecure", "compliant", "focus"],
)
def test_each_changed_file_is_judged_as_the_whole_scan_judges_it(
    controls: list[Control], stack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copied(stack, tmp_path, monkeypatch)
    whole = verdicts(controls, TerraformAdapter([Path()]).collect())
    files = sorted(p for p in Path().rglob("*.tf") if ".terraform" not in p.parts)
    assert files
    for path in files:
        shown = path.as_posix()
        expected = {verdict for verdict in whole if verdict[0] == shown}
        got = verdicts(controls, focused(controls, path))
        assert got == expected, shown


def test_only_what_the_change_needs_is_evaluated(
    controls: list[Control], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copied(FOCUS, tmp_path, monkeypatch)
    snapshot = focused(controls, Path("live/buckets.tf"))
    addresses = {resource.address for resource in snapshot.resources}
    # The changed file's resources, what their checks look for (the encryption configuration
    # that points at the bucket, the versioning linked by name, the account-wide block) and
    # what they refer to (the log group's key).
    assert {
        "aws_s3_bucket.data",
        "aws_s3_bucket.plain",
        "aws_cloudwatch_log_group.audit",
        "aws_s3_bucket_server_side_encryption_configuration.data",
        "aws_s3_bucket_versioning.plain",
        "aws_ebs_encryption_by_default.account",
        "aws_kms_key.logs",
    } <= addresses
    # Not the module's resources, nor another root's.
    assert not any(a.startswith("module.store.aws_") for a in addresses)
    assert "aws_db_instance.ledger" not in addresses
    assert snapshot.metadata["roots"] == ["live"]
    assert snapshot.metadata["focus"]["judged_files"] == ["live/buckets.tf"]
    statuses = {
        (control, resource): status
        for _, control, resource, _, status, _ in verdicts(controls, snapshot)
    }
    assert statuses[("pci-3.5.1-s3-kms-encryption", "aws_s3_bucket.data")] == "pass"
    assert statuses[("pci-3.5.1-s3-kms-encryption", "aws_s3_bucket.plain")] == "fail"
    assert statuses[("pci-10.3.3-s3-versioning", "aws_s3_bucket.plain")] == "pass"
    assert statuses[("pci-3.5.1-ebs-volume-encrypted", "aws_instance.app")] == "pass"


def test_a_changed_module_is_judged_in_each_root_that_calls_it(
    controls: list[Control], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copied(FOCUS, tmp_path, monkeypatch)
    snapshot = focused(controls, Path("modules/store/main.tf"))
    assert snapshot.metadata["roots"] == ["live"]
    found = verdicts(controls, snapshot)
    assert {verdict[0] for verdict in found} == {"modules/store/main.tf"}
    assert ("pci-1.4.4-s3-public-access-block", "module.store.aws_s3_bucket.this") in {
        (control, resource) for _, control, resource, _, status, _ in found if status == "fail"
    }


def test_a_changed_variable_file_evaluates_its_root_whole(
    controls: list[Control], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copied(FOCUS, tmp_path, monkeypatch)
    snapshot = focused(controls, Path("other/terraform.tfvars"))
    assert snapshot.metadata["roots"] == ["other"]
    assert snapshot.metadata["focus"]["whole_roots"] == ["other"]
    assert "aws_db_instance.ledger" in {resource.address for resource in snapshot.resources}
    assert {verdict[0] for verdict in verdicts(controls, snapshot)} == {"other/main.tf"}


def test_a_folder_named_only_in_a_comment_is_still_a_root(
    controls: list[Control], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copied(FOCUS, tmp_path, monkeypatch)
    snapshot = focused(controls, Path("other/main.tf"))
    assert snapshot.metadata["roots"] == ["other"]
    whole = TerraformAdapter([Path()]).collect()
    assert whole.metadata["roots"] == ["live", "notes", "other"]


def test_unchanged_files_are_not_parsed_again_with_the_cache(
    controls: list[Control], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stack = copied(FOCUS, tmp_path, monkeypatch)
    cache = tmp_path / "cache"
    first = focused(controls, Path("live/buckets.tf"), cache=cache)
    assert first.metadata["focus"]["files_parsed"] == 4
    again = focused(controls, Path("live/buckets.tf"), cache=cache)
    assert again.metadata["focus"]["files_parsed"] == 0
    assert again.resources == first.resources
    (stack / "live/buckets.tf").write_text(
        (stack / "live/buckets.tf").read_text().replace('"/audit"', '"/audit-2"')
    )
    changed = focused(controls, Path("live/buckets.tf"), cache=cache)
    assert changed.metadata["focus"]["files_parsed"] == 1
    assert "/audit-2" in str(changed.resources)


def test_a_damaged_cache_entry_is_parsed_again(
    controls: list[Control], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copied(FOCUS, tmp_path, monkeypatch)
    cache = tmp_path / "cache"
    first = focused(controls, Path("live/buckets.tf"), cache=cache)
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == 4
    for number, entry in enumerate(entries):
        damage = ['{"sha256": "0", "blocks": []}', "not json", '{"blocks": [["x"]]}']
        entry.write_text(damage[number % 3] if number < 3 else entry.read_text()[:-5])
    again = focused(controls, Path("live/buckets.tf"), cache=cache)
    assert again.metadata["focus"]["files_parsed"] == 4
    assert again.resources == first.resources
