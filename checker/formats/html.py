"""`--format html`: a self-contained report for auditors, readable on screen and on paper.

Per framework requirement the controls that serve it and their verdicts; per control the
resources, what was observed and the waivers. No script and no external asset: one file that
can be archived with the evidence.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, ClassVar, TextIO

from checker import __version__
from checker.formats.base import Format
from checker.library import load_frameworks, requirement_order
from checker.models import READING_ORDER, Finding, Status
from checker.redaction import redact
from checker.requirements import coverage, report_verdicts
from checker.results import EXIT_FAILED, EXIT_NOT_EVALUATED, EXIT_OK, ControlResult, Report
from checker.serialization import encode_value

if TYPE_CHECKING:
    from markupsafe import Markup

_EXIT_MEANING = {
    EXIT_OK: "every evaluated control passed, or is waived, baselined, not applicable or manual.",
    EXIT_FAILED: "at least one control failed.",
    EXIT_NOT_EVALUATED: "something could not be evaluated; see the errors.",
}
_EMPTY = {
    Status.NOT_APPLICABLE: "No resource in scope.",
    Status.MANUAL: "Needs a manual attestation.",
}
_MAX_OBSERVED_CHARACTERS = 4000
FRAMEWORK_ORDER = ("pci-dss-4.0", "gdpr")


def _observed(finding: Finding) -> list[dict[str, str]]:
    """What was observed on a resource, one row per attribute read: its path and value."""
    # What was observed on passing resources stays in the bundle's evidence files: shown for
    # every one of thousands of resources it would bury the failures an auditor reads first.
    if not finding.observed or finding.status is Status.PASS:
        return []
    rows, shown = [], 0
    for key, value in finding.observed.items():
        # Keys are `address:path`; the address is the finding's own, which the row repeats.
        owner, _, path = key.rpartition(":")
        attribute = path if owner == finding.resource else key
        # Redacted again as the bundle's evidence files are: what a finding quotes shows no
        # secret that collection let through, in whichever file an auditor reads it.
        values = redact(encode_value(value))
        text = "absent" if values == [] else json.dumps(values, ensure_ascii=False)
        shown += len(text)
        if shown > _MAX_OBSERVED_CHARACTERS:
            rows.append({"attribute": "...", "value": "more in the bundle's evidence files"})
            break
        rows.append({"attribute": attribute, "value": text})
    return rows


def breakable(text: str) -> Markup:
    """Text, escaped, that may wrap after the separators of addresses and ARNs (`.`, `/`,
    `:`, `_`, `-`, `[`), where a long resource name would otherwise overflow its cell."""
    from markupsafe import Markup, escape  # with jinja2: only when HTML is written

    escaped = str(escape(text))
    return Markup(re.sub(r"([./:_\-\[])", r"\1<wbr>", escaped))


def _waiver(finding: Finding) -> str:
    note = finding.waiver
    if finding.status is Status.BASELINED:
        return "In the baseline: a known failure, reported but not failing the run."
    if note is None:
        return ""
    text = f"{'Expired waiver' if note.expired else 'Waived'} ({note.origin}): {note.reason}"
    if note.waiver is not None:
        text += (
            f"; approved by {note.waiver.approver}, ticket {note.waiver.ticket}, "
            f"expires {note.waiver.expires.isoformat()}"
        )
    return text


def _attestation(result: ControlResult) -> dict[str, Any] | None:
    """An attestation as the report shows it, with whether it still applied."""
    if result.attestation is None:
        return None
    return {**result.attestation.to_dict(), "applied": result.attested}


def context(report: Report) -> dict[str, Any]:
    """What the template shows."""
    data = report.to_dict()
    results = sorted(report.results, key=lambda r: (READING_ORDER[r.status], r.control.id))
    controls = [
        {
            "id": r.control.id,
            "title": r.control.title,
            "severity": r.control.severity,
            "status": str(r.status),
            "rationale": r.control.rationale,
            "remediation": r.control.remediation,
            "references": "; ".join(
                f"{name} {', '.join(ids)}" for name, ids in r.control.frameworks.items()
            ),
            "empty_reason": _EMPTY.get(r.status, ""),
            "manual": r.control.manual if not r.control.checks else None,
            "attestation": _attestation(r),
            "findings": [
                {
                    "status": str(f.status),
                    "resource": f.subject,
                    "location": str(f.location),
                    "message": f.message,
                    "waiver": _waiver(f),
                    "observed": _observed(f),
                }
                for f in sorted(r.findings, key=lambda f: (READING_ORDER[f.status], f.subject))
            ],
        }
        for r in results
    ]
    frameworks = []
    catalogs = load_frameworks()
    verdicts = report_verdicts(report, catalogs)
    figures = coverage(verdicts)
    status_of = {result.control.id: str(result.status) for result in results}
    for framework in (catalogs[name] for name in FRAMEWORK_ORDER if name in figures):
        rows = [
            {
                "id": verdict.id,
                "title": verdict.title,
                "status": verdict.status,
                "attested": verdict.attested,
                "controls": [{"id": c, "status": status_of[c]} for c in verdict.controls],
            }
            for verdict in sorted(
                (v for v in verdicts if v.framework == framework.id),
                key=lambda v: requirement_order(v.id),
            )
        ]
        frameworks.append(
            {
                "id": framework.id,
                "title": framework.title,
                "rows": rows,
                "coverage": figures[framework.id],
            }
        )
    return {
        "version": __version__,
        "started": data["started"],
        "finished": data["finished"],
        "sources": data["sources"],
        "summary": data["summary"],
        "exit_code": report.exit_code,
        "exit_meaning": _EXIT_MEANING[report.exit_code],
        "errors": [
            {"source": e.source, "location": str(e.location), "message": e.message}
            for e in report.errors
        ],
        "frameworks": frameworks,
        "controls": controls,
        # Waivers that matched nothing first: each is a typo or a fixed risk to tidy up.
        "waivers": sorted(data["waivers"], key=lambda entry: entry["status"] != "unused"),
    }


class HtmlFormat(Format):
    """A self-contained HTML report."""

    name: ClassVar[str] = "html"

    def write(self, report: Report, stream: TextIO) -> None:
        # Only this format needs jinja2: the other formats' runs do not import it.
        from jinja2 import Environment, PackageLoader, select_autoescape

        environment = Environment(
            loader=PackageLoader("checker", "templates"),
            autoescape=select_autoescape(["html", "j2"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        environment.filters["breakable"] = breakable
        stream.write(environment.get_template("report.html.j2").render(context(report)))
