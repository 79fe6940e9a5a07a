"""`--format pdf`: the printed HTML report, every failing finding's evidence on paper; a clear
refusal without Chromium."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from adapters.terraform import TerraformAdapter
from checker.engine import evaluate
from checker.library import builtin_policy_dir
from checker.models import Status
from checker.policy import load_controls
from tests.browser import browser
from tests.conftest import REPO, Run

INSECURE = REPO / "examples" / "terraform" / "insecure"


def _squeezed(text: str) -> str:
    """Text without white space: a cell wraps long names at any separator."""
    return re.sub(r"\s+", "", text)


def test_the_printed_report_holds_the_evidence_of_every_failing_finding(
    run: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSAYMARK_CHROMIUM", browser())
    pdf = tmp_path / "insecure.pdf"
    result = run("scan", "terraform", INSECURE, "--format", f"pdf:{pdf}")
    assert result.code == 1, result.err
    assert pdf.read_bytes().startswith(b"%PDF")
    reader = PdfReader(pdf)
    printed = _squeezed("".join(page.extract_text() for page in reader.pages))
    report = evaluate(
        load_controls([builtin_policy_dir()]), [TerraformAdapter([INSECURE]).collect()]
    )
    failing = [f for r in report.results for f in r.findings if f.status is Status.FAIL]
    assert failing
    for finding in failing:
        assert _squeezed(finding.subject) in printed, finding.subject
        for key in finding.observed:
            owner, _, attribute = key.rpartition(":")
            shown = attribute if owner == finding.resource else key
            assert _squeezed(shown) in printed, (finding.subject, shown)
    # Table headers repeat at the top of the pages a long table runs over.
    continued = [page.extract_text() for page in reader.pages[1:]]
    assert any(text.startswith("status resource location") for text in continued)


def test_without_chromium_the_format_is_refused_and_nothing_written(
    run: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSAYMARK_CHROMIUM", str(tmp_path / "no-chromium-here"))
    pdf = tmp_path / "report.pdf"
    result = run("scan", "terraform", INSECURE, "--format", f"pdf:{pdf}")
    assert result.code == 2
    assert "ASSAYMARK_CHROMIUM" in result.err and "is not an executable" in result.err
    assert not pdf.exists()


def test_with_no_chromium_on_the_path_the_refusal_says_how_to_install_it(
    run: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ASSAYMARK_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    result = run("scan", "terraform", INSECURE, "--format", f"pdf:{tmp_path / 'report.pdf'}")
    assert result.code == 2
    assert "headless Chromium, which is not installed" in result.err
    assert "apt-get install chromium" in result.err


def test_a_pdf_is_never_written_to_standard_output(run: Callable[..., Run]) -> None:
    result = run("scan", "terraform", INSECURE, "--format", "pdf")
    assert result.code == 2
    assert "--format pdf writes a file: give --format pdf:FILE" in result.err
    assert result.out == ""
