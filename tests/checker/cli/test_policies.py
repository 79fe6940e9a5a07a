"""`assaymark policies list | show | validate | coverage`."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import DATA, Run

RunCli = Callable[..., Run]
VALID = DATA / "policies" / "valid"
INVALID = DATA / "policies" / "invalid"


def test_list_shows_id_sources_and_requirements(run: RunCli) -> None:
    result = run("policies", "list", "--policies", VALID)
    assert result.code == 0
    line = next(line for line in result.out.splitlines() if "test-s3-versioning" in line)
    assert "terraform" in line
    assert "pci-dss-4.0 10.3.3" in line


def test_list_filters_by_framework(run: RunCli) -> None:
    result = run("policies", "list", "--policies", VALID, "--framework", "gdpr")
    assert "test-s3-versioning" in result.out
    assert "test-manual-review" not in result.out


def test_show_prints_the_control_file(run: RunCli) -> None:
    result = run("policies", "show", "test-s3-versioning", "--policies", VALID)
    assert result.code == 0
    assert "versioning.yaml" in result.out.splitlines()[0]
    assert "remediation: Add an aws_s3_bucket_versioning" in result.out


def test_validate_reports_every_problem_and_exits_2(run: RunCli) -> None:
    result = run("policies", "validate", INVALID)
    assert result.code == 2
    assert "bad-op.yaml:14: control test-bad-op: checks[0].assert.all[1].op" in result.err
    assert "bad-severity.yaml:3" in result.err
    assert "not-yaml.yaml:3: not valid YAML" in result.err
    assert "3 problem(s) in 3 file(s)" in result.err


def test_validate_accepts_valid_files_and_the_builtin_library(run: RunCli) -> None:
    assert run("policies", "validate", VALID / "versioning.yaml").code == 0
    builtin = run("policies", "validate")
    assert builtin.code == 0, builtin.err
    assert builtin.out.startswith("ok: ")


def test_coverage_lists_requirements_with_and_without_checks(run: RunCli) -> None:
    result = run(
        "policies",
        "coverage",
        "--framework",
        "pci-dss-4.0",
        "--format",
        "json",
        "--policies",
        VALID,
    )
    (framework,) = result.json()
    rows = {row["id"]: row for row in framework["requirements"]}
    assert "test-s3-versioning" in rows["10.3.3"]["controls"]
    assert rows["10.3.3"]["automated_sources"]
    assert "test-manual-review" in rows["1.2.7"]["controls"]
    assert rows["1.2.7"]["automated_sources"] == []
    assert rows["1.2.7"]["attestable"] is True
    assert 0 < framework["covered"] < framework["total"]
    assert framework["covered"] + framework["attestable_only"] == framework["total"]
    assert run("policies", "coverage", "--framework", "hipaa").code == 2


def test_coverage_by_control_names_native_sources_and_checkov_checks(run: RunCli) -> None:
    result = run("policies", "coverage", "--by", "control", "--format", "json")
    assert result.code == 0
    rows = {row["control"]: row for row in result.json()}
    assert rows["pci-3.5.1-rds-storage-encrypted"]["native_sources"] == ["terraform", "aws"]
    assert "CKV_AWS_16" in rows["pci-3.5.1-rds-storage-encrypted"]["checkov_checks"]
    assert rows["pci-7.2.1-db-public-grants"]["native_sources"] == ["db"]
    text = run("policies", "coverage", "--by", "control")
    assert "pci-3.5.1-rds-storage-encrypted" in text.out
    assert "checked natively" in text.out
