"""The bundled example stacks, scanned as the README's first command scans them."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import REPO, TEXT_FORMATS, Run

EXAMPLES = REPO / "examples" / "terraform"


def test_the_insecure_stack_fails_controls_at_file_and_line(run: Callable[..., Run]) -> None:
    result = run("scan", "terraform", EXAMPLES / "insecure", "--format", "json")
    report = result.json()
    assert result.code == 1, report["errors"]
    assert report["errors"] == []
    failing = [c for c in report["controls"] if c["status"] == "fail"]
    assert len(failing) >= 20
    for control in failing:
        for finding in control["findings"]:
            location = finding["location"]
            assert location["file"].startswith("examples/terraform/insecure/")
            assert location["line"] >= 1
    frameworks = {name for control in failing for name in control["frameworks"]}
    assert frameworks == {"pci-dss-4.0", "gdpr"}


def test_the_compliant_stack_passes(run: Callable[..., Run]) -> None:
    result = run("scan", "terraform", EXAMPLES / "compliant", "--format", "json")
    report = result.json()
    problems = [
        f"{c['id']}: {f['resource']}: {f['message']}"
        for c in report["controls"]
        for f in c["findings"]
        if f["status"] in ("fail", "error")
    ]
    assert problems == []
    assert report["errors"] == []
    assert result.code == 0


def test_the_text_report_names_file_and_line(run: Callable[..., Run]) -> None:
    result = run("scan", "terraform", EXAMPLES / "insecure")
    assert "examples/terraform/insecure/" in result.out
    assert " fail" in result.out.rstrip().splitlines()[-1]


def test_no_planted_secret_or_card_number_reaches_any_format(run: Callable[..., Run]) -> None:
    canaries = (
        "fake-password-for-example-only",
        "fake-secret-for-example-only",
        "AKIAEXAMPLEEXAMPLE00",
        "4111111111111111",
        "4111 1111 1111 1111",
    )
    for format_name in TEXT_FORMATS:
        output = run("scan", "terraform", EXAMPLES / "insecure", "--format", format_name).out
        for canary in canaries:
            assert canary not in output, (format_name, canary)
