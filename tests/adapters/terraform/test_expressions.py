"""Static evaluation of HCL expressions: what is known is computed, what is not stays unknown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from adapters.terraform.adapter import ModuleLoader
from adapters.terraform.values import EvalFailure
from checker.models import Reference, Unresolved


def value_of(tmp_path: Path, expression: str, extra: str = "", **variables: Any) -> Any:
    (tmp_path / "main.tf").write_text(f"{extra}\nlocals {{\n  x = {expression}\n}}\n", "utf-8")
    return ModuleLoader().root(tmp_path, dict(variables)).local("x")


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("2 * 3 + 1", 7),
        ("(1 + 2) * 3", 9),
        ("10 - 4 - 3", 3),
        ("7 % 4 == 3 && !false", True),
        ('1 < 2 ? "yes" : "no"', "yes"),
        ("-5 + 1", -4),
        ('"a-${1 + 1}-b"', "a-2-b"),
        ('"escaped $${not} \\"quoted\\""', 'escaped ${not} "quoted"'),
        ('upper(join(",", ["a", "b"]))', "A,B"),
        ('format("%s-%03d", "x", 7)', "x-007"),
        ("merge({ a = 1 }, { b = 2 })", {"a": 1, "b": 2}),
        ('lookup({ a = 1 }, "b", 5)', 5),
        ('toset(["b", "a", "b"])', ["a", "b"]),
        ('[for s in ["a", "b"] : upper(s) if s != "b"]', ["A"]),
        ("{ for k, v in { a = 1, b = 2 } : k => v * 10 }", {"a": 10, "b": 20}),
        ('{ for s in ["a", "b", "a"] : s => s... }', {"a": ["a", "a"], "b": ["b"]}),
        ('jsonencode({ Statement = [{ Effect = "Deny" }] })', '{"Statement":[{"Effect":"Deny"}]}'),
        ("length(concat([1], [2, 3]))", 3),
        ('cidrsubnet("10.0.0.0/16", 8, 2)', "10.0.2.0/24"),
        ('replace("a.b.c", "/\\\\./", "-")', "a-b-c"),
        ('try(local.missing_map.key, "fallback")', "fallback"),
        ('coalesce("", "x")', "x"),
        ('element(["a", "b"], 3)', "b"),
        ("flatten([[1], [2, [3]]])", [1, 2, 3]),
        ("[{ a = 1 }, { a = 2 }][*].a", [1, 2]),
        ("{ a = { b = [10, 20] } }.a.b[1]", 20),
        ("max(3, 9, 4)", 9),
    ],
)
def test_static_values_are_computed(tmp_path: Path, expression: str, expected: Any) -> None:
    extra = "locals {\n  missing_map = {}\n}\n" if "missing_map" in expression else ""
    assert value_of(tmp_path, expression, extra) == expected


def test_heredoc_trims_indentation_and_interpolates(tmp_path: Path) -> None:
    expression = '<<-EOT\n    name=${upper("x")}\n      nested\n    EOT'
    assert value_of(tmp_path, expression) == "name=X\n  nested\n"


def test_a_lone_interpolation_keeps_its_type(tmp_path: Path) -> None:
    assert value_of(tmp_path, '"${[1, 2]}"') == [1, 2]


def test_variables_come_from_the_given_values(tmp_path: Path) -> None:
    extra = 'variable "env" {\n  default = "dev"\n}\n'
    assert value_of(tmp_path, '"pay-${var.env}"', extra) == "pay-dev"
    assert value_of(tmp_path, '"pay-${var.env}"', extra, env="prod") == "pay-prod"


def test_a_variable_without_a_value_is_unresolved_and_says_why(tmp_path: Path) -> None:
    value = value_of(tmp_path, '"bucket-${var.name}"', 'variable "name" {}\n')
    assert isinstance(value, Unresolved)
    assert "var.name" in value.reason or value.expression == '"bucket-${var.name}"'


def test_unknown_functions_are_unresolved_with_their_call(tmp_path: Path) -> None:
    value = value_of(tmp_path, 'no_such_function("x")')
    assert value == Unresolved(
        'no_such_function("x")', "function no_such_function() is not evaluated by assaymark"
    )


KEY_AND_BUCKET = 'resource "aws_kms_key" "main" {}\nresource "aws_s3_bucket" "b" {}\n'


def test_resource_attributes_are_references(tmp_path: Path) -> None:
    value = value_of(tmp_path, "aws_kms_key.main.arn", KEY_AND_BUCKET)
    assert value == Reference("aws_kms_key.main", "arn", tmp_path.as_posix())


def test_a_reference_to_an_undeclared_resource_is_an_error_as_in_terraform(
    tmp_path: Path,
) -> None:
    value = value_of(tmp_path, "aws_kms_key.missing.arn", KEY_AND_BUCKET)
    assert isinstance(value, EvalFailure)
    assert "no such resource is declared" in value.reason


def test_an_interpolated_reference_is_unresolved_not_a_string(tmp_path: Path) -> None:
    value = value_of(tmp_path, '"${aws_s3_bucket.b.arn}/*"', KEY_AND_BUCKET)
    assert isinstance(value, Unresolved)
    assert "known only after apply" in value.reason
    assert value.not_null


def test_jsonencode_keeps_unknown_parts_as_a_structure(tmp_path: Path) -> None:
    value = value_of(
        tmp_path, 'jsonencode({ Resource = aws_s3_bucket.b.arn, Effect = "Deny" })', KEY_AND_BUCKET
    )
    assert value["Effect"] == "Deny"
    assert isinstance(value["Resource"], Reference)


def test_a_condition_on_an_unknown_value_is_unresolved(tmp_path: Path) -> None:
    value = value_of(tmp_path, 'var.flag ? "a" : "b"', 'variable "flag" {}\n')
    assert isinstance(value, Unresolved)


def test_boolean_operators_decide_despite_an_unknown_side(tmp_path: Path) -> None:
    assert value_of(tmp_path, "var.flag || true", 'variable "flag" {}\n') is True
    assert value_of(tmp_path, "var.flag && false", 'variable "flag" {}\n') is False


def test_missing_attributes_are_failures_that_try_can_step_over(tmp_path: Path) -> None:
    assert isinstance(value_of(tmp_path, "{ a = 1 }.b"), EvalFailure)
    assert value_of(tmp_path, "can({ a = 1 }.b)") is False


def test_locals_that_refer_to_themselves_do_not_loop(tmp_path: Path) -> None:
    value = value_of(tmp_path, "local.x")
    assert isinstance(value, EvalFailure)
    assert "itself" in value.reason


def test_file_reads_only_inside_the_scanned_folder(tmp_path: Path) -> None:
    (tmp_path / "init.sh").write_text("echo hi\n", encoding="utf-8")
    assert value_of(tmp_path, 'file("${path.module}/init.sh")') == "echo hi\n"
    outside = value_of(tmp_path, 'file("/etc/hostname")')
    assert isinstance(outside, EvalFailure)
    assert "outside" in outside.reason


def test_an_error_inside_an_interpolation_is_the_strings_error(tmp_path: Path) -> None:
    assert value_of(tmp_path, 'try("${{}.missing}-x", "fallback")') == "fallback"
    failure = value_of(tmp_path, '"${{}.missing}-x"')
    assert isinstance(failure, EvalFailure)


def test_a_for_expression_iterates_a_map_in_the_order_of_its_keys(tmp_path: Path) -> None:
    assert value_of(tmp_path, "[for k, v in { b = 1, a = 2 } : k]") == ["a", "b"]
