"""Waiver files: every waiver needs a justification, approver, ticket and expiry."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from checker.errors import UsageError
from checker.waivers import load_waivers

VALID = """
waivers:
  - control: pci-10.3.3-s3-versioning
    resource: "module.scratch*"
    justification: Build cache, rebuilt nightly from source
    approver: cso@example.com
    ticket: RISK-12
    expires: 2027-03-31
"""


def test_a_valid_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text(VALID, encoding="utf-8")
    (waiver,) = load_waivers(path)
    assert waiver.expires == date(2027, 3, 31)
    assert waiver.matches("pci-10.3.3-s3-versioning", "module.scratch.aws_s3_bucket.this")
    assert not waiver.matches("pci-10.3.3-s3-versioning", "aws_s3_bucket.data")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("    expires: 2027-03-31\n", "missing expires"),
        ("    justification: Build cache, rebuilt nightly from source\n", "missing justification"),
    ],
)
def test_a_waiver_without_expiry_or_justification_is_refused(
    tmp_path: Path, change: str, message: str
) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text(VALID.replace(change, ""), encoding="utf-8")
    with pytest.raises(UsageError, match=f"waiver 1: {message}"):
        load_waivers(path)


def test_a_bad_date_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text(VALID.replace("2027-03-31", "next spring"), encoding="utf-8")
    with pytest.raises(UsageError, match="expires must be a date"):
        load_waivers(path)
