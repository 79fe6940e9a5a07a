"""Waiver files: every waiver needs a justification, approver, ticket and expiry."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from checker.errors import UsageError
from checker.waivers import Waiver, load_waivers

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


def waiver_for(resource: str) -> Waiver:
    return Waiver(
        control_id="pci-10.3.2-log-group-kms",
        resource=resource,
        justification="Logs of the sandbox only",
        approver="cso@example.com",
        ticket="RISK-7",
        expires=date(2027, 3, 31),
    )


LOG_GROUP = "aws_cloudwatch_log_group.this"
PARAMETER = 'aws_ssm_parameter.p["/app/db.password"]'


@pytest.mark.parametrize(
    ("pattern", "address", "matched"),
    [
        # An instance named in full: that instance, not a character class.
        (f'{LOG_GROUP}["api"]', f'{LOG_GROUP}["api"]', True),
        (f'{LOG_GROUP}["api"]', f'{LOG_GROUP}["web"]', False),
        (f'{LOG_GROUP}["api"]', f"{LOG_GROUP}a", False),
        (f'{LOG_GROUP}["api"]', LOG_GROUP, False),
        # `[*]`: any one index, of count or for_each, but an index there must be.
        (f"{LOG_GROUP}[*]", f'{LOG_GROUP}["api"]', True),
        (f"{LOG_GROUP}[*]", f"{LOG_GROUP}[0]", True),
        (f"{LOG_GROUP}[*]", f'{LOG_GROUP}["/app/db.password"]', True),
        (f"{LOG_GROUP}[*]", f'{LOG_GROUP}["a]b"]', True),
        (f"{LOG_GROUP}[*]", f'{LOG_GROUP}["say \\"hi\\""]', True),
        (f"{LOG_GROUP}[*]", LOG_GROUP, False),
        (f"{LOG_GROUP}[*]", f"{LOG_GROUP}[*]x", False),
        (f"{LOG_GROUP}[*]", 'aws_cloudwatch_log_group.other["api"]', False),
        # count indexes.
        ("aws_instance.web[0]", "aws_instance.web[0]", True),
        ("aws_instance.web[0]", "aws_instance.web[1]", False),
        ("aws_instance.web[0]", "aws_instance.web0", False),
        ("aws_instance.web[1]", "aws_instance.web[10]", False),
        # for_each keys with dots and slashes are literal too.
        (
            'aws_ssm_parameter.p["/app/db.password"]',
            'aws_ssm_parameter.p["/app/db.password"]',
            True,
        ),
        (
            'aws_ssm_parameter.p["/app/db.password"]',
            'aws_ssm_parameter.p["/app/dbxpassword"]',
            False,
        ),
        ('aws_s3_bucket.b["logs.example.com"]', 'aws_s3_bucket.b["logs.example.com"]', True),
        # Module paths.
        ('module.x["a"].aws_s3_bucket.b', 'module.x["a"].aws_s3_bucket.b', True),
        ('module.x["a"].aws_s3_bucket.b', 'module.x["b"].aws_s3_bucket.b', False),
        ('module.x["a"].aws_s3_bucket.b', "module.x.aws_s3_bucket.b", False),
        ("module.x[*].aws_s3_bucket.b", 'module.x["a"].aws_s3_bucket.b', True),
        ("module.x[*].aws_s3_bucket.b", "module.x[2].aws_s3_bucket.b", True),
        ("module.x[*].aws_s3_bucket.b", "module.x.aws_s3_bucket.b", False),
        ("module.x[*].aws_s3_bucket.b", 'module.x["a"].module.y["c"].aws_s3_bucket.b', False),
        ('module.x["a"].aws_s3_bucket.b[*]', 'module.x["a"].aws_s3_bucket.b[0]', True),
        # `*` and `?` stay wildcards elsewhere, `*` across indexes too.
        ("aws_s3_bucket.*", 'aws_s3_bucket.b["k"]', True),
        ('module.x["a"].*', 'module.x["a"].aws_s3_bucket.b[0]', True),
        ('module.x["a"].*', 'module.x["b"].aws_s3_bucket.b', False),
        ("aws_s3_bucket.log?", "aws_s3_bucket.logs", True),
        ("aws_s3_bucket.log?", "aws_s3_bucket.log", False),
        (f'{LOG_GROUP}["api-*"]', f'{LOG_GROUP}["api-eu"]', True),
        ("*", 'module.x["a"].aws_s3_bucket.b', True),
        ("aws_s3_bucket.b", "aws_s3_bucket.bb", False),
    ],
)
def test_resource_patterns_read_brackets_literally(
    pattern: str, address: str, matched: bool
) -> None:
    assert waiver_for(pattern).matches("pci-10.3.2-log-group-kms", address) is matched


def test_a_pattern_waives_only_its_control() -> None:
    waiver = waiver_for(f"{LOG_GROUP}[*]")
    assert not waiver.matches("pci-10.3.3-s3-versioning", f'{LOG_GROUP}["api"]')


def test_an_instance_named_in_a_waivers_file_is_waived(tmp_path: Path) -> None:
    path = tmp_path / "waivers.yaml"
    text = VALID.replace('"module.scratch*"', "'module.cache[\"eu\"].aws_s3_bucket.this[0]'")
    path.write_text(text, encoding="utf-8")
    (waiver,) = load_waivers(path)
    control = "pci-10.3.3-s3-versioning"
    assert waiver.matches(control, 'module.cache["eu"].aws_s3_bucket.this[0]')
    assert not waiver.matches(control, 'module.cache["us"].aws_s3_bucket.this[0]')
    assert not waiver.matches(control, 'module.cache["eu"].aws_s3_bucket.this[1]')


def test_a_pattern_of_many_wildcards_is_matched_at_once() -> None:
    # Backtracking over the places of each `*` would take minutes here.
    assert not waiver_for("*a" * 12 + "*b").matches("pci-10.3.2-log-group-kms", "a" * 200)
    assert not waiver_for("*[*]" * 8 + "*b").matches("pci-10.3.2-log-group-kms", "x[0]" * 60)
