"""The HTML report: self-contained, complete, and rendered by a real browser without errors."""

from __future__ import annotations

import io
import subprocess
from html.parser import HTMLParser
from pathlib import Path

from checker.formats.html import HtmlFormat, context
from checker.results import Report
from tests.browser import BROWSER_FLAGS, browser
from tests.checker.formats.synthetic import with_baseline


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.tags: set[str] = set()
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("src", "href") and value and not value.startswith("#"):
                self.external.append(value)


def render(report: Report) -> str:
    stream = io.StringIO()
    HtmlFormat().write(report, stream)
    return stream.getvalue()


def test_the_report_is_self_contained_and_complete(report: Report) -> None:
    html = render(report)
    parsed = _Collector()
    parsed.feed(html)
    assert parsed.external == []
    assert "script" not in parsed.tags
    assert {"summary", "framework-pci-dss-4.0", "framework-gdpr", "waivers"} <= parsed.ids
    assert {f"control-{r.control.id}" for r in report.results} <= parsed.ids
    assert "RISK-9" in html
    assert "@media print" in html


def test_baselined_findings_and_unused_waivers_are_shown(report: Report) -> None:
    data = context(with_baseline(report))
    rds = next(c for c in data["controls"] if c["id"] == "pci-1.4.4-rds-not-public")
    assert rds["status"] == "baselined"
    baselined = [f for f in rds["findings"] if f["status"] == "baselined"]
    assert baselined and all(f["waiver"].startswith("In the baseline") for f in baselined)
    assert data["waivers"][0]["status"] == "unused"
    assert "aws_db_instance.retired" in render(with_baseline(report))


def test_every_requirement_has_a_verdict_and_attestations_show_their_evidence() -> None:
    import datetime as dt

    from checker.attestations import load_attestations
    from checker.engine import evaluate
    from checker.library import builtin_policy_dir
    from checker.models import Snapshot
    from checker.policy import load_controls
    from tests.conftest import DATA

    library = {control.id: control for control in load_controls([builtin_policy_dir()])}
    plan = library["pci-12.10.1-incident-response-plan"]
    attested = evaluate(
        [plan, library["pci-12.7.1-personnel-screening"]],
        [Snapshot("terraform", ())],
        as_of=dt.date(2026, 12, 4),
        attestations=load_attestations(DATA / "attestations" / "attestations.yaml")[:1],
    )
    data = context(attested)
    (pci,) = data["frameworks"]
    assert len(pci["rows"]) == 250
    rows = {row["id"]: row for row in pci["rows"]}
    assert (rows["12.10.1"]["status"], rows["12.10.1"]["attested"]) == ("pass", True)
    assert rows["12.7.1"]["status"] == "manual"
    assert rows["1.1.1"] == {
        "id": "1.1.1",
        "title": rows["1.1.1"]["title"],
        "status": "not_covered",
        "attested": False,
        "controls": [],
    }
    html = render(attested)
    count = len(plan.frameworks["pci-dss-4.0"])
    assert (
        f"Of 250 requirements, 0 evaluated by automated checks, {count} attested, "
        f"{250 - count} uncovered." in html
    )
    assert "Dana Whitfield" in html and "tabletop-2026-10.txt" in html
    assert "To attest:" in html


def test_values_are_escaped(report: Report) -> None:
    assert "<script" not in render(report).replace("<script>", "")


def test_the_report_renders_in_headless_chromium_without_console_errors(
    report: Report, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    page.write_text(render(report), encoding="utf-8")
    shot = tmp_path / "report.png"
    command = [
        browser(),
        *BROWSER_FLAGS,
        f"--user-data-dir={tmp_path / 'profile'}",
        "--enable-logging=stderr",
        "--log-level=0",
        "--window-size=1280,1600",
        f"--screenshot={shot}",
        page.as_uri(),
    ]
    shown = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert shown.returncode == 0, shown.stderr[-2000:]
    assert shot.stat().st_size > 10_000
    console = [line for line in shown.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []
    dom = subprocess.run(
        [
            browser(),
            *BROWSER_FLAGS,
            f"--user-data-dir={tmp_path / 'dom'}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert 'id="control-pci-1.4.4-rds-not-public"' in dom
    assert "Compliance assessment" in dom
