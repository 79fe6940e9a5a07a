"""A verdict per requirement: rolled up from the controls that serve it, most pressing first,
with how many requirements checks and attestations account for."""

from __future__ import annotations

import datetime as dt

from adapters.terraform import TerraformAdapter
from checker.attestations import load_attestations
from checker.engine import evaluate
from checker.library import builtin_policy_dir, load_frameworks
from checker.policy import load_controls
from checker.requirements import coverage, requirement_verdicts
from tests.conftest import DATA

LIBRARY = {control.id: control for control in load_controls([builtin_policy_dir()])}


def _verdicts() -> dict[str, dict[str, object]]:
    chosen = [
        LIBRARY["pci-3.5.1-s3-kms-encryption"],  # fails on its failing fixture
        LIBRARY["pci-12.10.1-incident-response-plan"],  # attested
        LIBRARY["pci-12.7.1-personnel-screening"],  # not attested
    ]
    snapshot = TerraformAdapter([DATA / "controls" / "pci-3.5.1-s3-kms-encryption" / "fail"])
    report = evaluate(
        chosen,
        [snapshot.collect()],
        as_of=dt.date(2026, 12, 4),
        attestations=load_attestations(DATA / "attestations" / "attestations.yaml")[:1],
    )
    verdicts = requirement_verdicts(report, load_frameworks(), ("pci-dss-4.0",))
    return {verdict.id: verdict.to_dict() for verdict in verdicts}


def test_each_requirement_takes_the_most_pressing_status_of_its_controls() -> None:
    verdicts = _verdicts()
    assert len(verdicts) == 250
    assert verdicts["3.5.1"]["status"] == "fail"
    assert verdicts["3.5.1"]["automated"] is True
    assert verdicts["12.10.1"] == {
        "framework": "pci-dss-4.0",
        "id": "12.10.1",
        "title": "An incident response plan exists and is ready to be activated",
        "status": "pass",
        "controls": ["pci-12.10.1-incident-response-plan"],
        "automated": False,
        "attested": True,
    }
    assert verdicts["12.7.1"]["status"] == "manual"
    assert verdicts["1.1.1"]["status"] == "not_covered"
    assert verdicts["1.1.1"]["controls"] == []


def test_coverage_counts_automated_attested_and_uncovered_requirements() -> None:
    chosen = [LIBRARY["pci-3.5.1-s3-kms-encryption"], LIBRARY["pci-12.10.1-incident-response-plan"]]
    report = evaluate(
        chosen,
        [TerraformAdapter([DATA / "controls" / "pci-3.5.1-s3-kms-encryption" / "pass"]).collect()],
        as_of=dt.date(2026, 12, 4),
        attestations=load_attestations(DATA / "attestations" / "attestations.yaml")[:1],
    )
    figures = coverage(requirement_verdicts(report, load_frameworks()))
    automated = len(chosen[0].frameworks["pci-dss-4.0"])
    attested = len(chosen[1].frameworks["pci-dss-4.0"])
    assert figures["pci-dss-4.0"] == {
        "automated": automated,
        "attested": attested,
        "uncovered": 250 - automated - attested,
        "total": 250,
    }
    assert set(figures) == {"pci-dss-4.0", "gdpr"}
