"""Hostile expressions finish fast with an error that names the limit, never a hang or crash."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from adapters.terraform import TerraformAdapter
from adapters.terraform.values import EvalFailure
from checker.models import Unresolved
from tests.adapters.terraform.test_expressions import value_of


@pytest.mark.parametrize(
    ("expression", "reason"),
    [
        ('replace("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "/(a+)+$/", "x")', None),
        ('replace("abc", "/(/", "")', "invalid regular expression /(/"),
        ('replace("abc", "/(a)\\\\1/", "")', "invalid regular expression"),
        ("range(1000000000)", "longer than the 100,000"),
        ("length(range(100000))", None),
        ('indent(1000000000, "a\\nb")', "wider than the 10,000"),
        ('format("%1000000000d", 1)', "wider than the 10,000"),
        ("ceil(1e400)", "a number this large is not evaluated"),
        ("1e400", "a number this large is not evaluated"),
        ("9" * 5000, "more than 100 digits"),
        ('join("", [for i in range(2000) : format("%999s", "")])', "1,000,000 characters"),
        ('replace(format("%9999s", ""), " ", format("%9999s", ""))', "1,000,000 characters"),
        ("(" * 3000 + "1" + ")" * 3000, "nested more deeply"),
    ],
)
def test_hostile_expressions_end_in_under_a_second(
    tmp_path: Path, expression: str, reason: str | None
) -> None:
    started = time.process_time()
    value = value_of(tmp_path, expression)
    assert time.process_time() - started < 1.0
    if reason is None:
        assert not isinstance(value, Unresolved), value
    else:
        assert isinstance(value, EvalFailure), value
        assert reason in value.reason, value.reason


def test_redos_pattern_is_matched_in_linear_time(tmp_path: Path) -> None:
    value = value_of(tmp_path, 'replace("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "/(a+)+$/", "x")')
    assert value == "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"


def test_toset_and_distinct_are_linear(tmp_path: Path) -> None:
    started = time.process_time()
    value = value_of(tmp_path, 'length(toset([for i in range(20000) : "${i % 10000}"]))')
    assert value == 10000
    assert time.process_time() - started < 2.0  # quadratic before: seconds for this list


def test_distinct_keeps_terraform_equality(tmp_path: Path) -> None:
    assert value_of(tmp_path, 'distinct([1, 1.0, "1", true, [1], [1], {a = 1}, {a = 1}])') == [
        1,
        "1",
        True,
        [1],
        {"a": 1},
    ]


@pytest.mark.parametrize(
    ("count", "reason"),
    [
        ("1e9", "more than the 10,000 instances"),
        ("-1", "cannot be negative"),
        ("1.5", "a whole number is required"),
        ("1e400", "a number this large"),
        ('"two"', "count is not a number"),
    ],
)
def test_a_count_terraform_would_reject_or_that_is_too_large_is_an_error(
    tmp_path: Path, count: str, reason: str
) -> None:
    (tmp_path / "main.tf").write_text(
        f'resource "aws_s3_bucket" "b" {{\n  count  = {count}\n  bucket = "x"\n}}\n', "utf-8"
    )
    started = time.process_time()
    (resource,) = TerraformAdapter([tmp_path]).collect().resources
    assert time.process_time() - started < 1.0
    assert resource.unresolved is not None
    assert reason in resource.unresolved.reason


def test_a_for_each_over_too_many_elements_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_s3_bucket" "b" {\n'
        '  for_each = toset([for i in range(20000) : "b${i}"])\n'
        "  bucket   = each.key\n}\n",
        "utf-8",
    )
    (resource,) = TerraformAdapter([tmp_path]).collect().resources
    assert resource.unresolved is not None
    assert "more than the 10,000 instances" in resource.unresolved.reason
