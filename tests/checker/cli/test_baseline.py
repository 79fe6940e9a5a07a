"""`assaymark baseline create` and `--baseline FILE`: only new failures fail the build."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO, Run

RunCli = Callable[..., Run]
INSECURE = REPO / "examples" / "terraform" / "insecure"
PUBLIC_DATABASE = (DATA / "baseline" / "public-database.tf").read_text(encoding="utf-8")


@pytest.fixture
def infra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding a copy of the insecure example under infra/, as the working folder."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(INSECURE, tmp_path / "infra")
    monkeypatch.chdir(tmp_path)
    return Path("infra")


def failing(report: dict[str, object]) -> list[tuple[str, str]]:
    controls = report["controls"]
    assert isinstance(controls, list)
    return [
        (control["id"], finding["resource"])
        for control in controls
        for finding in control["findings"]
        if finding["status"] == "fail"
    ]


def failing_in_a_scan(run: RunCli, infra: Path) -> int:
    """How many failing findings a scan without a baseline reports (the count follows the
    control library, so it is measured rather than written down)."""
    scanned = run("scan", "terraform", infra, "--format", "json")
    assert scanned.code == 1, scanned.err
    count = len(failing(scanned.json()))
    assert count >= 50
    return count


def test_a_baseline_of_the_insecure_example_lets_it_pass(run: RunCli, infra: Path) -> None:
    count = failing_in_a_scan(run, infra)
    created = run("baseline", "create", "terraform", infra, "--quiet")
    assert created.code == 0, created.err
    assert f"baseline of {count} failing finding(s) written to .assaymark-baseline.json" in (
        created.err
    )
    result = run(
        "scan", "terraform", infra, "--baseline", ".assaymark-baseline.json", "--format", "json"
    )
    assert result.code == 0, result.err
    report = result.json()
    assert failing(report) == []
    assert report["summary"]["fail"] == 0
    assert report["summary"]["baselined"] >= 20
    statuses = {f["status"] for c in report["controls"] for f in c["findings"]}
    assert "baselined" in statuses
    assert report["baseline"] == {
        "file": ".assaymark-baseline.json",
        "matched": count,
        "resolved": [],
    }
    assert f"baseline .assaymark-baseline.json: {count} finding(s) baselined" in result.err


def test_one_new_public_database_fails_alone(run: RunCli, infra: Path) -> None:
    assert run("baseline", "create", "terraform", infra, "--quiet").code == 0
    with (infra / "data.tf").open("a", encoding="utf-8") as tf:
        tf.write(PUBLIC_DATABASE)
    result = run(
        "scan", "terraform", infra, "--baseline", ".assaymark-baseline.json", "--format", "json"
    )
    assert result.code == 1
    assert failing(result.json()) == [("pci-1.4.4-rds-not-public", "aws_db_instance.reporting")]
    text = run("scan", "terraform", infra, "--baseline", ".assaymark-baseline.json", "--compact")
    assert text.code == 1
    assert "aws_db_instance.reporting  infra/data.tf:" in text.out
    assert "aws_db_instance.payments" not in text.out


def test_the_file_is_sorted_and_a_rerun_leaves_it_as_it_was(run: RunCli, infra: Path) -> None:
    assert run("baseline", "create", "-o", "base.json", "terraform", infra, "--quiet").code == 0
    first = Path("base.json").read_text(encoding="utf-8")
    document = json.loads(first)
    assert set(document) == {"version", "tool", "created", "entries"}
    assert document["version"] == 1
    entries = document["entries"]
    keys = [(e["control"], e["source"], e["root"], e["resource"]) for e in entries]
    assert keys == sorted(keys)
    payments = next(e for e in entries if e["resource"] == "aws_db_instance.payments")
    assert set(payments) == {"control", "source", "resource", "root", "fingerprint"}
    assert payments["root"] == "infra"  # relative to the repository root, never a line
    again = run("baseline", "create", "-o", "base.json", "terraform", infra, "--quiet")
    assert "unchanged in base.json" in again.err
    assert Path("base.json").read_text(encoding="utf-8") == first


def test_moved_lines_still_match_and_fixed_entries_are_resolved(run: RunCli, infra: Path) -> None:
    assert run("baseline", "create", "terraform", infra, "--quiet").code == 0
    data = infra / "data.tf"
    text = data.read_text(encoding="utf-8")
    moved = "\n\n\n" + text.replace(
        "publicly_accessible     = true", "publicly_accessible     = false"
    )
    data.write_text(moved, encoding="utf-8")
    result = run(
        "scan", "terraform", infra, "--baseline", ".assaymark-baseline.json", "--format", "json"
    )
    assert result.code == 0
    resolved = result.json()["baseline"]["resolved"]
    assert [(e["control"], e["resource"]) for e in resolved] == [
        ("pci-1.4.4-rds-not-public", "aws_db_instance.payments")
    ]
    assert "1 entry resolved" in result.err


def test_only_evaluated_controls_count_for_resolved(run: RunCli, infra: Path) -> None:
    assert run("baseline", "create", "terraform", infra, "--quiet").code == 0
    control = "pci-3.5.1-rds-storage-encrypted"
    result = run(
        "scan", "terraform", infra, "--control", control,
        "--baseline", ".assaymark-baseline.json", "--format", "json",
    )  # fmt: skip
    assert result.code == 0
    assert result.json()["baseline"]["resolved"] == []


def test_errors_are_never_baselined(run: RunCli, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(DATA / "terraform" / "unresolved", broken)
    created = run("baseline", "create", "-o", tmp_path / "b.json", "terraform", broken, "--quiet")
    assert created.code == 3
    result = run("scan", "terraform", broken, "--baseline", tmp_path / "b.json", "--format", "json")
    assert result.code == 3
    statuses = {f["status"] for c in result.json()["controls"] for f in c["findings"]}
    assert "error" in statuses


def test_run_takes_a_baseline_and_baseline_create_runs_it(run: RunCli, infra: Path) -> None:
    Path("assaymark.yaml").write_text("terraform: {paths: [infra]}\n", encoding="utf-8")
    count = failing_in_a_scan(run, infra)
    assert run("baseline", "create", "run", "--quiet").code == 0
    result = run("run", "--baseline", ".assaymark-baseline.json", "--format", "json")
    assert result.code == 0, result.err
    assert result.json()["baseline"]["matched"] == count


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("not json", "not valid JSON"),
        ("[]", "expected a JSON object"),
        ('{"version": 7, "entries": []}', "version 7"),
        ('{"version": 1}', "entries: expected a list"),
        ('{"version": 1, "entries": [{"control": "x"}]}', "entries[1].source: expected text"),
        (
            '{"version": 1, "entries": [{"control": "c", "source": "terraform", "resource": "r", '
            '"root": "", "fingerprint": "0"}]}',
            "entries[1]: the fingerprint does not match",
        ),
    ],
)
def test_a_bad_baseline_is_a_usage_error_naming_the_file(
    run: RunCli, tmp_path: Path, content: str, problem: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    result = run("scan", "terraform", INSECURE, "--baseline", bad)
    assert result.code == 2
    assert f"--baseline {bad}: " in result.err
    assert problem in result.err
    assert result.out == ""


def test_a_missing_baseline_says_how_to_make_one(run: RunCli, tmp_path: Path) -> None:
    result = run("scan", "terraform", INSECURE, "--baseline", tmp_path / "none.json")
    assert result.code == 2
    assert "No such file or directory" in result.err
    assert "assaymark baseline create" in result.err


def test_an_evidence_bundle_takes_no_baseline(run: RunCli, infra: Path) -> None:
    assert run("baseline", "create", "terraform", infra, "--quiet").code == 0
    result = run(
        "scan", "terraform", infra, "--baseline", ".assaymark-baseline.json", "--evidence", "ev"
    )
    assert result.code == 2
    assert "--evidence records the verdicts as they are" in result.err
    assert not Path("ev").exists()


def test_the_example_itself_passes_against_its_baseline(run: RunCli, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    assert run("baseline", "create", "-o", baseline, "terraform", INSECURE, "--quiet").code == 0
    roots = {entry["root"] for entry in json.loads(baseline.read_text())["entries"]}
    assert roots == {"examples/terraform/insecure"}  # relative to the repository root
    result = run("scan", "terraform", INSECURE, "--baseline", baseline, "--quiet")
    assert result.code == 0, result.err
    assert " baselined" in result.err
