"""Variable type constraints and Terraform's conversions of values to them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from adapters.terraform.adapter import ModuleLoader
from adapters.terraform.values import EvalFailure
from checker.models import Reference, Unresolved


def typed(tmp_path: Path, constraint: str, value: str) -> Any:
    (tmp_path / "main.tf").write_text(
        f'variable "x" {{\n  type = {constraint}\n}}\n'
        f'module "m" {{\n  source = "./m"\n  x = {value}\n}}\n',
        "utf-8",
    )
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "main.tf").write_text(
        f'variable "x" {{\n  type = {constraint}\n}}\noutput "x" {{\n  value = var.x\n}}\n',
        "utf-8",
    )
    return ModuleLoader().root(tmp_path, {}).module_output("m", None, "x")


@pytest.mark.parametrize(
    ("constraint", "value", "expected"),
    [
        ("number", '"12"', 12),
        ("number", '"1.5"', 1.5),
        ("bool", '"true"', True),
        ("string", "5", "5"),
        ("string", "true", "true"),
        ("list(number)", '["1", 2]', [1, 2]),
        ("set(string)", '["b", "a", "b"]', ["a", "b"]),
        ("map(bool)", '{ a = "false" }', {"a": False}),
        ("tuple([string, number])", '[1, "2"]', ["1", 2]),
        ("object({ a = string })", '{ a = 1, extra = "dropped" }', {"a": "1"}),
        ("object({ a = optional(number, 3) })", "{}", {"a": 3}),
        ("object({ a = optional(number, 3) })", "{ a = null }", {"a": 3}),
        ("object({ a = optional(string) })", "{}", {"a": None}),
        (
            "object({ inner = optional(object({ on = optional(bool, true) }), {}) })",
            "{}",
            {"inner": {"on": True}},
        ),
        (
            "list(object({ on = optional(bool, false) }))",
            "[{}, { on = true }]",
            [{"on": False}, {"on": True}],
        ),
        ("any", "{ a = 1 }", {"a": 1}),
        ("number", "null", None),
    ],
)
def test_values_convert_to_their_type(
    tmp_path: Path, constraint: str, value: str, expected: Any
) -> None:
    assert typed(tmp_path, constraint, value) == expected


@pytest.mark.parametrize(
    ("constraint", "value", "named"),
    [
        ("number", '"twelve"', "not a number"),
        ("bool", '"yes"', "not a bool"),
        ("list(string)", '"a"', "not a list"),
        ("object({ a = string })", "{}", "attribute 'a' is required"),
        ("tuple([string])", '["a", "b"]', "tuple of 1 elements"),
    ],
)
def test_a_value_that_does_not_convert_is_an_error_as_in_terraform(
    tmp_path: Path, constraint: str, value: str, named: str
) -> None:
    failure = typed(tmp_path, constraint, value)
    assert isinstance(failure, EvalFailure)
    assert named in failure.reason


def test_unknown_values_pass_through_their_type(tmp_path: Path) -> None:
    value = typed(tmp_path, "object({ a = string, b = optional(bool, true) })", "{ a = var.x }")
    assert isinstance(value["a"], Unresolved)
    assert value["b"] is True


def test_a_reference_keeps_its_link_through_a_string_type(tmp_path: Path) -> None:
    (tmp_path / "keys.tf").write_text('resource "aws_kms_key" "k" {}\n', "utf-8")
    value = typed(tmp_path, "string", "aws_kms_key.k.arn")
    assert isinstance(value, Reference)


def test_a_type_assaymark_cannot_read_leaves_the_value_as_given(tmp_path: Path) -> None:
    assert typed(tmp_path, "list(strange(string))", '["a"]') == ["a"]
