"""A report to render: the insecure example, live findings without files, database findings
(drift located in its expectations file), a waiver, errors."""

from __future__ import annotations

from datetime import date

import pytest

from adapters.db.drift import load_expectations
from adapters.db.resources import build_resources
from adapters.terraform import TerraformAdapter
from checker.engine import evaluate
from checker.library import builtin_policy_dir
from checker.models import Location, Resource, Snapshot, Unresolved
from checker.policy import load_controls
from checker.results import Report
from checker.waivers import Waiver
from tests.adapters.db.catalogs import leaky_catalog
from tests.conftest import DATA, REPO

ACCOUNT = Location(extra={"account": "111122223333", "region": "eu-west-1"})


@pytest.fixture(scope="session")
def report() -> Report:
    controls = load_controls([builtin_policy_dir(), DATA / "policies" / "live"])
    terraform = TerraformAdapter([REPO / "examples" / "terraform" / "insecure"]).collect()
    denied = Unresolved("s3:GetBucketVersioning", "AccessDenied")
    live = Snapshot(
        "aws",
        (
            Resource(
                "aws", "s3.bucket", "arn:aws:s3:::pay-statements", {"Versioning": {}}, ACCOUNT
            ),
            Resource(
                "aws", "s3.bucket", "arn:aws:s3:::pay-exports", {"Versioning": denied}, ACCOUNT
            ),
        ),
    )
    expectations = load_expectations(DATA / "db" / "expectations.yaml")
    database = Snapshot("db", tuple(build_resources(leaky_catalog(), None, expectations)))
    broken = TerraformAdapter([DATA / "terraform" / "corrupt"]).collect()
    errors = Snapshot("terraform", (), broken.errors)
    waiver = Waiver(
        "pci-3.5.1-sns-kms",
        "aws_sns_topic.*",
        "Topic carries no payment data",
        "cso@example.com",
        "RISK-9",
        date(2030, 1, 1),
    )
    return evaluate(controls, [terraform, live, database, errors], waivers=[waiver])
