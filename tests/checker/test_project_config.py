"""`.assaymark.yaml`: found above the scanned folder, keys as the long options, the command
line winning, and every problem naming the file and the key."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.errors import UsageError
from checker.project_config import (
    FormatRequest,
    PathGlobs,
    find_project_config,
    find_repository_root,
    parse_project_config,
)
from tests.conftest import REPO, Run

RunCli = Callable[..., Run]
INSECURE = REPO / "examples" / "terraform" / "insecure"


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with the insecure example under infra/prod, as the working folder."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(INSECURE, tmp_path / "infra" / "prod")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_keys_are_the_long_options_and_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    data = {
        "framework": "gdpr",
        "skip-control": ["a", "b"],
        "skip-path": ["tests/**"],
        "baseline": "base.json",
        "soft-fail": True,
        "fail-on": "high",
        "format": ["text", "sarif:out/results.sarif"],
        "max-results": 10,
        "compact": True,
        "waivers": "waivers.yaml",
        "attestations": "compliance/attestations.yaml",
    }
    config = parse_project_config(data, tmp_path / ".assaymark.yaml")
    assert config.values == {
        "frameworks": ("gdpr",),
        "skip_controls": ("a", "b"),
        "skip_paths": ("tests/**",),
        "baseline_file": tmp_path / "base.json",
        "soft_fail": True,
        "fail_on": "high",
        "formats": (FormatRequest("text"), FormatRequest("sarif", tmp_path / "out/results.sarif")),
        "max_results": 10,
        "compact": True,
        "waivers_file": tmp_path / "waivers.yaml",
        "attestations_file": tmp_path / "compliance/attestations.yaml",
    }
    assert parse_project_config(None, tmp_path / ".assaymark.yaml").values == {}


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"skip_path": ["x"]}, "unknown setting 'skip_path' (did you mean skip-path?)"),
        ({"colour": "red"}, "unknown setting 'colour'; known: framework, control"),
        ({"soft-fail": "yes"}, "soft-fail: expected true or false"),
        ({"fail-on": "severe"}, "fail-on: expected one of info, low, medium, high, critical"),
        ({"max-results": 0}, "max-results: expected a whole number, 1 or more"),
        ({"format": ["yaml"]}, "format: unknown format 'yaml'"),
        ({"skip-control": [1]}, "skip-control: expected a string or a list of strings"),
        (["framework"], "expected a mapping of settings"),
    ],
)
def test_problems_name_the_file_and_the_key(tmp_path: Path, data: object, problem: str) -> None:
    path = tmp_path / ".assaymark.yaml"
    with pytest.raises(UsageError) as raised:
        parse_project_config(data, path)
    assert str(raised.value).startswith(f"{path}: ")
    assert problem in str(raised.value)


def test_the_file_is_found_upward_and_not_above_the_repository(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    repository = outer / "repo"
    scanned = repository / "infra" / "prod"
    scanned.mkdir(parents=True)
    (repository / ".git").mkdir()
    write(outer / ".assaymark.yaml", "")
    root = find_repository_root(scanned)
    assert root == repository.resolve()
    assert find_project_config([scanned], root) is None  # the one above the repository is not read
    write(repository / ".assaymark.yaml", "")
    assert find_project_config([scanned], root) == (repository / ".assaymark.yaml").resolve()
    write(repository / "infra" / ".assaymark.yaml", "")
    nearest = (repository / "infra" / ".assaymark.yaml").resolve()
    assert find_project_config([scanned, repository / "infra" / "dev"], root) == nearest


def test_a_scan_reads_the_file_found_above_the_scanned_folder(
    run: RunCli, repository: Path
) -> None:
    write(
        repository / ".assaymark.yaml",
        "skip-control: [pci-1.4.4-rds-not-public]\nfail-on: critical\nformat: [json]\n",
    )
    result = run("scan", "terraform", "infra/prod")
    ids = {control["id"] for control in result.json()["controls"]}
    assert "pci-1.4.4-rds-not-public" not in ids
    settings = result.json()["settings"]
    assert settings["file"] == ".assaymark.yaml"
    assert settings["from_file"] == ["skip_control", "fail_on", "format"]
    assert settings["fail_on"] == "critical"
    assert result.code == 1  # other critical controls still fail


def test_the_command_line_wins_over_the_file(run: RunCli, repository: Path) -> None:
    write(repository / ".assaymark.yaml", "fail-on: critical\nsoft-fail: true\nformat: text\n")
    assert run("scan", "terraform", "infra/prod").code == 0
    result = run("scan", "terraform", "infra/prod", "--no-soft-fail", "--format", "json")
    assert result.code == 1
    settings = result.json()["settings"]
    assert settings["soft_fail"] is False
    assert settings["from_file"] == ["fail_on"]


def test_config_names_another_file_and_a_bad_one_exits_2(run: RunCli, repository: Path) -> None:
    write(repository / ".assaymark.yaml", "soft-fail: true\n")
    other = write(repository / "ci.yaml", "skip-path: ['**/modules/**']\nformat: [json]\n")
    result = run("scan", "terraform", "infra/prod", "--config", other)
    assert result.json()["settings"]["file"] == str(other)
    assert result.json()["settings"]["skip_path"] == ["**/modules/**"]
    assert "soft_fail" not in result.json()["settings"]["from_file"]
    write(other, "skip-paths: [x]\n")
    bad = run("scan", "terraform", "infra/prod", "--config", other)
    assert bad.code == 2
    assert f"{other}: unknown setting 'skip-paths'" in bad.err
    write(other, "skip-path: [x\n")
    broken = run("scan", "terraform", "infra/prod", "--config", other)
    assert broken.code == 2
    assert f"--config {other}:2: not valid YAML" in broken.err
    missing = run("scan", "terraform", "infra/prod", "--config", repository / "none.yaml")
    assert missing.code == 2
    assert "none.yaml: No such file or directory" in missing.err


def test_files_the_configuration_names_are_relative_to_it(run: RunCli, repository: Path) -> None:
    config = repository / "ci" / ".assaymark.yaml"
    config.parent.mkdir()
    write(config, "format: ['json:reports/report.json']\nbaseline: base.json\n")
    assert (
        run("baseline", "create", "-o", "ci/base.json", "terraform", "infra/prod", "--quiet").code
        == 0
    )
    result = run("scan", "terraform", "infra/prod", "--config", config)
    assert result.code == 0, result.err
    assert (repository / "ci" / "reports" / "report.json").is_file()


def test_globs_match_relative_to_each_base(tmp_path: Path) -> None:
    scanned = tmp_path / "infra"
    globs = PathGlobs.of(["tests/**", "**/fixtures/**", "vendor", "*.tf.json"], [scanned, tmp_path])
    assert globs.matches(str(scanned / "tests" / "unit" / "main.tf"))
    assert globs.matches(str(scanned / "modules" / "fixtures" / "a.tf"))
    assert globs.matches(str(tmp_path / "vendor" / "x" / "main.tf"))  # a folder and what is below
    assert globs.matches(str(scanned / "main.tf.json"))
    assert not globs.matches(str(scanned / "main.tf"))
    assert not globs.matches(str(scanned / "modules" / "testsuite" / "main.tf"))
    assert not globs.matches("/elsewhere/tests/main.tf")
    assert not PathGlobs.of([], [tmp_path]).matches(str(tmp_path / "tests" / "a.tf"))
