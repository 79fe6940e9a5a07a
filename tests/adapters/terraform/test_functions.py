"""Terraform's built-in functions, with Terraform's semantics: results, errors, unknowns, bounds.

Most expected values are the examples of Terraform's own documentation of each function.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any, cast

import pytest

from adapters.terraform import TerraformAdapter
from adapters.terraform.adapter import ModuleLoader
from adapters.terraform.expressions import Context
from adapters.terraform.functions import FUNCTIONS
from adapters.terraform.limits import LimitExceeded
from adapters.terraform.module import EVALUATOR
from adapters.terraform.values import EvalFailure
from checker.models import Unresolved
from checker.redaction import SensitiveText, redact
from tests.adapters.terraform.test_expressions import value_of
from tests.conftest import DATA, REPO

FIXTURE = DATA / "terraform" / "functions-module"
UNKNOWN = 'variable "u" {}\n'  # var.u has no value: it is unknown


def check(tmp_path: Path, cases: list[tuple[str, Any]]) -> None:
    """Each expression has its expected value (compared with its type: 1 is not "1")."""
    for expression, expected in cases:
        value = value_of(tmp_path, expression)
        assert (value, type(value)) == (expected, type(expected)), expression


def failure(tmp_path: Path, expression: str, extra: str = "") -> str:
    """The reason Terraform would reject the expression (try() steps over it)."""
    value = value_of(tmp_path, expression, extra)
    assert isinstance(value, EvalFailure), (expression, value)
    return value.reason


def unknown(tmp_path: Path, expression: str, extra: str = UNKNOWN) -> Unresolved:
    """The unknown value of an expression that is not an error."""
    value = value_of(tmp_path, expression, extra)
    assert isinstance(value, Unresolved) and not isinstance(value, EvalFailure), (expression, value)
    return value


# -- numbers -------------------------------------------------------------------------------


def test_numbers(tmp_path: Path) -> None:
    check(
        tmp_path,
        [
            ("abs(-12.4)", 12.4),
            ("ceil(5.1)", 6),
            ("floor(-4.9)", -5),
            ("log(16, 2)", 4),
            ("log(50, 10)", 1.6989700043360185),
            ("max(12, 54, 3)", 54),
            ("max([12, 54, 3]...)", 54),
            ('min(12, "3")', 3),
            ('parseint("100", 10)', 100),
            ('parseint("FF", 16)', 255),
            ('parseint("-10", 16)', -16),
            ('parseint("1011111011101111", 2)', 48879),
            ('parseint("aA", 62)', 656),
            ("pow(3, 2)", 9),
            ("pow(4, 0)", 1),
            ("pow(2, 0.5)", 2**0.5),
            ("signum(-13)", -1),
            ("signum(0)", 0),
            ("sum([10, 13, 6, 4.5])", 33.5),
        ],
    )


@pytest.mark.parametrize(
    ("expression", "reason"),
    [
        ('parseint("12", 2)', 'cannot parse "12" as a base 2 integer'),
        ('parseint(" 12", 10)', "cannot parse"),
        ('parseint("1_0", 10)', "cannot parse"),
        ('parseint("10", 63)', "between 2 and 62"),
        ("parseint(10, 10)", "must be a string"),
        ("sum([])", "cannot sum an empty list"),
        ("max()", "at least one"),
        ("pow(-8, 0.5)", "pow() failed"),
        ("log(-1, 10)", "log() failed"),
        ('abs("x")', '"x" is not a number'),
        ('abs("inf")', "is not a number"),
    ],
)
def test_number_errors(tmp_path: Path, expression: str, reason: str) -> None:
    assert reason in failure(tmp_path, expression)


# -- strings -------------------------------------------------------------------------------


def test_strings(tmp_path: Path) -> None:
    check(
        tmp_path,
        [
            ('chomp("hello\\r\\n")', "hello"),
            ('chomp("hello\\n\\n")', "hello"),
            ('endswith("hello world", "world")', True),
            ('startswith("hello world", "world")', False),
            ('strcontains("hello world", "wor")', True),
            ('indent(2, "[\\n  foo,\\n]")', "[\n    foo,\n  ]"),
            ('join(", ", ["foo", "bar"], ["baz"])', "foo, bar, baz"),
            ('join("-", ["a", 1, true])', "a-1-true"),
            ('lower("HELLO")', "hello"),
            ('upper("алло!")', "АЛЛО!"),
            ('upper("straße")', "STRAßE"),
            ('split(",", "foo,bar,baz")', ["foo", "bar", "baz"]),
            ('split(",", "")', [""]),
            ('split("", "ab")', ["a", "b"]),
            ('strrev("hello")', "olleh"),
            ('strrev("a ☃")', "☃ a"),
            ('strrev("ae\u0301")', "e\u0301a"),
            ('substr("hello world", 1, 4)', "ello"),
            ('substr("hello world", -5, -1)', "world"),
            ('substr("hello world", 6, 10)', "world"),
            ('substr("hello", -10, 2)', "he"),
            ('substr("hello", 10, 2)', ""),
            ('substr("🤔🤷", 0, 1)', "🤔"),
            ('title("hello world-wide_web")', "Hello World-Wide_web"),
            ('title("hELLO")', "HELLO"),
            ('trim("?!hello?!", "!?")', "hello"),
            ('trimprefix("helloworld", "hello")', "world"),
            ('trimsuffix("helloworld", "world")', "hello"),
            ('trimspace("  hello\\n\\n")', "hello"),
            ('length("hello")', 5),
            ('length("e\u0301")', 1),
            ('length("👾🕹️")', 2),
            ('length("a\\r\\nb")', 3),
        ],
    )


def test_replace_with_strings_and_re2_patterns(tmp_path: Path) -> None:
    check(
        tmp_path,
        [
            ('replace("1 + 2 + 3", "+", "-")', "1 - 2 - 3"),
            ('replace("hello world", "/w.*d/", "everybody")', "hello everybody"),
            ('replace("hello world", "/(\\\\w+) (\\\\w+)/", "$2 $1")', "world hello"),
            ('replace("a1", "/(?P<d>\\\\d)/", "<$${d}|$$|$9>")', "a<1|$|>"),
            ('replace("ab", "", "-")', "-a-b-"),
        ],
    )
    assert "invalid regular expression" in failure(tmp_path, 'replace("a", "/(?=a)/", "")')


def test_format_follows_gos_verbs(tmp_path: Path) -> None:
    check(
        tmp_path,
        [
            ('format("Hello, %s!", "Ander")', "Hello, Ander!"),
            ('format("There are %d lights", 4)', "There are 4 lights"),
            ('format("%-5s|%5s|%.2s", "ab", "cd", "xyz")', "ab   |   cd|xy"),
            (
                'format("%05d|%+d|%x|%X|%o|%b|%#x", 42, 5, 255, 255, 8, 5, 255)',
                "00042|+5|ff|FF|10|101|0xff",
            ),
            (
                'format("%.2f|%e|%g|%g", 3.14159, 1000, 1000, 0.00001)',
                "3.14|1.000000e+03|1000|1e-05",
            ),
            ('format("%v|%v|%v|%v", "s", 2, true, null)', "s|2|true|null"),
            ('format("%v", 1000000)', "1e+06"),
            ('format("%#v|%v", "s", {b = 1, a = [1, "x"]})', '"s"|{"a":[1,"x"],"b":1}'),
            ('format("%q|%t", "a\\"b", "true")', '"a\\"b"|true'),
            ('format("%[2]s %[1]s %s", "a", "b")', "b a b"),
            ('format("100%%")', "100%"),
        ],
    )


@pytest.mark.parametrize(
    ("expression", "reason"),
    [
        ('format("%s %s", "a")', "not enough arguments"),
        ('format("%s", "a", "b")', "too many arguments; only 1 used"),
        ('format("x", "a")', "no verbs in format string"),
        ('format("%d", 1.5)', "an integer is required"),
        ('format("%s", null)', "null"),
        ('format("%s", [1])', "a string is required"),
        ('format("%y", 1)', "unsupported format verb"),
        ('format("%", 1)', "invalid format string"),
    ],
)
def test_format_errors(tmp_path: Path, expression: str, reason: str) -> None:
    assert reason in failure(tmp_path, expression)


def test_formatlist(tmp_path: Path) -> None:
    names = '["Valentina", "Ander"]'
    check(
        tmp_path,
        [
            (f'formatlist("Hello, %s!", {names})', ["Hello, Valentina!", "Hello, Ander!"]),
            (
                f'formatlist("%s, %s!", "Salutations", {names})',
                ["Salutations, Valentina!", "Salutations, Ander!"],
            ),
            ('formatlist("plain")', ["plain"]),
            ('formatlist("%s-%s", [], [])', []),
        ],
    )
    assert "same length" in failure(tmp_path, 'formatlist("%s%s", ["a"], ["b", "c"])')
    value = value_of(tmp_path, 'formatlist("%s!", ["a", var.u])', UNKNOWN)
    assert value[0] == "a!"
    assert isinstance(value[1], Unresolved)


def test_regex_and_regexall_capture_as_terraform_does(tmp_path: Path) -> None:
    url = '"^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?"'
    check(
        tmp_path,
        [
            ('regex("[a-z]+", "53453453.345345aaabbbccc23454")', "aaabbbccc"),
            (
                'regex("(\\\\d\\\\d\\\\d\\\\d)-(\\\\d\\\\d)-(\\\\d\\\\d)", "2019-02-01")',
                ["2019", "02", "01"],
            ),
            (
                f'regex({url}, "https://terraform.io/docs/")',
                {"scheme": "https", "authority": "terraform.io"},
            ),
            ('regexall("[a-z]+", "1234abcd5678efgh9")', ["abcd", "efgh"]),
            ('regexall("a(b)?", "aab")', [[None], ["b"]]),
            ('regexall("x*", "ab")', ["", "", ""]),
            ('length(regexall("[a-z]+", "1234"))', 0),
        ],
    )
    assert "did not match" in failure(tmp_path, 'regex("z", "abc")')
    assert "cannot mix" in failure(tmp_path, 'regex("(a)(?P<n>b)", "ab")')
    # RE2 only: no backtracking constructs, and a pattern that explodes elsewhere is linear.
    assert "invalid regular expression" in failure(tmp_path, 'regex("(a)\\\\1", "aa")')
    started = time.process_time()
    assert value_of(tmp_path, 'regexall("(a+)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")') == []
    assert time.process_time() - started < 1.0


def test_templatestring_renders_only_the_variables_given(tmp_path: Path) -> None:
    extra = (
        'locals {\n  template = "Hello, $${name}!"\n'
        '  file_template = <<-EOT\n    $${upper(file("x"))}\n  EOT\n}\n'
    )
    assert value_of(tmp_path, 'templatestring(local.template, { name = "Ander" })', extra) == (
        "Hello, Ander!"
    )
    local = 'locals {\n  template = "$${var.secret}"\n}\nvariable "secret" { default = "s" }\n'
    assert "sees only the variables given" in failure(
        tmp_path, "templatestring(local.template, {})", local
    )
    assert "filesystem access functions" in failure(
        tmp_path, "templatestring(local.file_template, {})", extra
    )
    assert "invalid template variable name" in failure(
        tmp_path, 'templatestring(local.template, { "a b" = 1 })', extra
    )


# -- collections ---------------------------------------------------------------------------


def test_collections(tmp_path: Path) -> None:
    check(
        tmp_path,
        [
            ('alltrue(["true", true])', True),
            ("alltrue([true, false])", False),
            ("alltrue([])", True),
            ('anytrue(["true"])', True),
            ("anytrue([])", False),
            ('chunklist(["a", "b", "c", "d", "e"], 2)', [["a", "b"], ["c", "d"], ["e"]]),
            ('chunklist(["a", "b"], 0)', [["a", "b"]]),
            ('compact(["a", "", "b", null, "c"])', ["a", "b", "c"]),
            ('concat(["a", ""], ["b", "c"])', ["a", "", "b", "c"]),
            ('contains(["a", "b", "c"], "a")', True),
            ('contains(["a", 1], "1")', False),
            ("contains([1, 2], 2.0)", True),
            ("contains([true], 1)", False),
            ('distinct(["a", "b", "a", "c", "d", "b"])', ["a", "b", "c", "d"]),
            ('flatten([["a", "b"], [], ["c"]])', ["a", "b", "c"]),
            ('flatten([[["a", "b"], []], ["c"]])', ["a", "b", "c"]),
            ('index(["a", "b", "c"], "b")', 1),
            ("keys({a = 1, c = 2, d = 3})", ["a", "c", "d"]),
            ("length([])", 0),
            ('length({"a" = "b"})', 1),
            ('lookup({a = "ay", b = "bee"}, "a", "what?")', "ay"),
            ('lookup({a = "ay", b = "bee"}, "c", "what?")', "what?"),
            (
                'matchkeys(["i-1", "i-2", "i-3"], ["us-west", "us-east", "us-east"], ["us-east"])',
                ["i-2", "i-3"],
            ),
            ("merge({a = 1, b = 2}, {b = 3}, null)", {"a": 1, "b": 3}),
            ("one([])", None),
            ('one(["hello"])', "hello"),
            ("range(3)", [0, 1, 2]),
            ("range(1, 4)", [1, 2, 3]),
            ("range(1, 8, 2)", [1, 3, 5, 7]),
            ("range(1, 4, 0.5)", [1, 1.5, 2, 2.5, 3, 3.5]),
            ("range(0, 0.3, 0.1)", [0, 0.1, 0.2]),
            ("range(4, 1)", [4, 3, 2]),
            ("range(10, 5, -2)", [10, 8, 6]),
            ("range(-3)", [0, -1, -2]),
            ("reverse([1, 2, 3])", [3, 2, 1]),
            ('slice(["a", "b", "c", "d"], 1, 3)', ["b", "c"]),
            ('slice(["a", "b"], 2, 2)', []),
            ('sort(["e", "d", "a", "x"])', ["a", "d", "e", "x"]),
            ('sort([10, 9, "b"])', ["10", "9", "b"]),
            (
                'transpose({"a" = ["1", "2"], "b" = ["2", "3"]})',
                {"1": ["a"], "2": ["a", "b"], "3": ["b"]},
            ),
            ("values({a = 3, c = 2, d = 1})", [3, 2, 1]),
            ('zipmap(["a", "b"], [1, 2])', {"a": 1, "b": 2}),
            ('zipmap(["a", "a"], [1, 2])', {"a": 2}),
        ],
    )


def test_element_wraps_around_and_counts_back_from_the_end(tmp_path: Path) -> None:
    check(
        tmp_path,
        [
            ('element(["a", "b", "c"], 1)', "b"),
            ('element(["a", "b", "c"], 3)', "a"),
            ('element(["a", "b", "c"], 7)', "b"),
            ('element(["a", "b", "c"], -1)', "c"),
            ('element(["a", "b", "c"], -4)', "c"),
        ],
    )
    assert "empty list" in failure(tmp_path, "element([], 0)")
    assert "whole number" in failure(tmp_path, 'element(["a"], 0.5)')


@pytest.mark.parametrize(
    ("expression", "reason"),
    [
        ('slice(["a", "b"], 1, 3)', "end index must not be greater than the length"),
        ('slice(["a", "b"], 3, 3)', "start index must not be greater than the length"),
        ('slice(["a", "b"], -1, 1)', "start index must not be less than zero"),
        ('slice(["a", "b"], 2, 1)', "start index must not be greater than end index"),
        ('index(["a", "b"], "c")', "item not found"),
        ('index([], "c")', "cannot search an empty list"),
        ('lookup({a = 1}, "b")', 'lookup failed to find key "b"'),
        ('one(["a", "b"])', "either zero or one elements"),
        ('zipmap(["a"], [1, 2])', "number of keys (1) does not match number of values (2)"),
        ('chunklist(["a"], -1)', "must be positive"),
        ('sort(["a", null])', "null string cannot be sorted"),
        ('alltrue(["yes"])', '"true" or "false"'),
        ("range(1, 5, -1)", "end must be less than start when step is negative"),
        ("range(5, 1, 1)", "end must be greater than start when step is positive"),
        ("range(1, 5, 0)", "step must not be zero"),
        ('merge({a = 1}, ["b"])', "a map is required, not list"),
        ('coalescelist(["a"], "b")', "must be lists"),
        ("coalescelist([], [])", "no non-null, non-empty arguments"),
        ('join(",")', "at least one list"),
        ("length(1, 2)", "at most 1 argument accepted, 2 given"),
        ("upper()", "1 argument required, 0 given"),
    ],
)
def test_collection_errors(tmp_path: Path, expression: str, reason: str) -> None:
    assert reason in failure(tmp_path, expression)


def test_coalesce_skips_nulls_and_empty_strings_as_terraform_does(tmp_path: Path) -> None:
    check(
        tmp_path,
        [
            ('coalesce("a", "b")', "a"),
            ('coalesce("", "b")', "b"),
            ('coalesce(null, "", "c")', "c"),
            ("coalesce(1, 2)", 1),
            ("coalesce(null, 0)", 0),
            # Mixed primitives become strings first: 0 is then "0", not empty.
            ('coalesce("", 0)', "0"),
            ('coalesce(1, "")', "1"),
            ('coalescelist(["a", "b"], ["c", "d"])', ["a", "b"]),
            ('coalescelist([], ["c", "d"])', ["c", "d"]),
        ],
    )
    assert "no non-null, non-empty-string arguments" in failure(tmp_path, 'coalesce("", null)')
    assert "same type" in failure(tmp_path, 'coalesce(["a"], "b")')


def test_set_functions_order_and_convert_as_terraform_does(tmp_path: Path) -> None:
    check(
        tmp_path,
        [
            ('setintersection(["a", "b"], ["b", "c"], ["b", "d"])', ["b"]),
            # A set's strings are sorted, whatever order the first argument had.
            ('setintersection(["c", "b", "a"], ["a", "c", "x"])', ["a", "c"]),
            ("setintersection([3, 1, 2], [2, 3])", [2, 3]),
            ('setintersection(["a"], [])', []),
            ('setsubtract(["a", "b", "c"], ["a", "c"])', ["b"]),
            ('setunion(["a", "b"], ["b", "c"], ["d"])', ["a", "b", "c", "d"]),
            # Mixed element types are converted to strings, as for any set.
            ('setunion(["b"], [1, true])', ["1", "b", "true"]),
            ("setunion([2, 10], [1])", [1, 2, 10]),
            ('toset(["a", "b", "c", "b"])', ["a", "b", "c"]),
            ('toset(["a", "b", 3])', ["3", "a", "b"]),
            (
                'setproduct(["development", "staging"], ["app1", "app2"])',
                [
                    ["development", "app1"],
                    ["development", "app2"],
                    ["staging", "app1"],
                    ["staging", "app2"],
                ],
            ),
            ('setproduct(["a"], [])', []),
        ],
    )
    assert "2 arguments required, 1 given" in failure(tmp_path, 'setproduct(["a"])')


def test_type_conversions(tmp_path: Path) -> None:
    check(
        tmp_path,
        [
            ('tostring("hello")', "hello"),
            ("tostring(1)", "1"),
            ("tostring(1.5)", "1.5"),
            ("tostring(0.0000001)", "0.0000001"),
            ("tostring(true)", "true"),
            ("tostring(null)", None),
            ('tonumber("1")', 1),
            ('tonumber("1.5e1")', 15),
            ("tonumber(null)", None),
            ('tobool("true")', True),
            ("tobool(null)", None),
            ('tolist(["a", "b", 3])', ["a", "b", "3"]),
            ('tomap({"a" = 1, "b" = 2})', {"a": 1, "b": 2}),
            ('tomap({"a" = "foo", "b" = true})', {"a": "foo", "b": "true"}),
        ],
    )
    assert "a string is required, not list" in failure(tmp_path, "tostring([])")
    assert '"no" is not a number' in failure(tmp_path, 'tonumber("no")')
    assert '"true" or "false"' in failure(tmp_path, 'tobool("no")')
    assert "same type" in failure(tmp_path, 'tolist(["a", ["b"]])')


# -- encoding ------------------------------------------------------------------------------


def test_base64_url_and_text_encodings(tmp_path: Path) -> None:
    check(
        tmp_path,
        [
            ('base64encode("Hello World")', "SGVsbG8gV29ybGQ="),
            ('base64decode("SGVsbG8gV29ybGQ=")', "Hello World"),
            ('urlencode("Hello World!")', "Hello+World%21"),
            ('urlencode("☃")', "%E2%98%83"),
            (
                'urlencode("foo:bar@localhost?foo=bar&bar=baz")',
                "foo%3Abar%40localhost%3Ffoo%3Dbar%26bar%3Dbaz",
            ),
            ('textencodebase64("Hello World", "UTF-16LE")', "SABlAGwAbABvACAAVwBvAHIAbABkAA=="),
            ('textdecodebase64("SABlAGwAbABvACAAVwBvAHIAbABkAA==", "UTF-16LE")', "Hello World"),
            ('textencodebase64("A", "UTF-16")', "/v8AQQ=="),
            ('textdecodebase64(textencodebase64("é", "windows-1252"), "windows-1252")', "é"),
        ],
    )
    assert "failed to decode base64" in failure(tmp_path, 'base64decode("not base64!")')
    assert "not valid UTF-8" in failure(tmp_path, 'base64decode("/w==")')
    assert "not a supported IANA encoding" in failure(tmp_path, 'textencodebase64("a", "base64")')
    assert "cannot be represented" in failure(tmp_path, 'textencodebase64("☃", "ISO-8859-1")')


def test_jsonencode_and_jsondecode(tmp_path: Path) -> None:
    check(
        tmp_path,
        [
            ('jsonencode({"hello" = "world"})', '{"hello":"world"}'),
            (
                'jsonencode({b = 1.0, a = [true, null, 0.5, "x"]})',
                '{"a":[true,null,0.5,"x"],"b":1}',
            ),
            ('jsondecode("{\\"a\\": 1.5, \\"b\\": [1, null]}")', {"a": 1.5, "b": [1, None]}),
            ('jsondecode("true")', True),
        ],
    )
    assert "duplicate" in failure(tmp_path, 'jsondecode("{\\"a\\": 1, \\"a\\": 2}")')
    assert "NaN is not valid JSON" in failure(tmp_path, 'jsondecode("NaN")')
    assert "jsondecode() failed" in failure(tmp_path, 'jsondecode("{")')


def test_yamldecode_reads_yaml_as_terraform_does(tmp_path: Path) -> None:
    check(
        tmp_path,
        [
            ('yamldecode("hello: world")', {"hello": "world"}),
            ('yamldecode("true")', True),
            ('yamldecode("{a: &foo [1, 2, 3], b: *foo}")', {"a": [1, 2, 3], "b": [1, 2, 3]}),
            # YAML 1.1 booleans, as Terraform's decoder has them; quoted, they are strings.
            ('yamldecode("[yes, on, n, \\"yes\\", yellow]")', [True, True, False, "yes", "yellow"]),
            # YAML 1.2 integers: 0755 is decimal; 0o and 0x are octal and hexadecimal.
            (
                'yamldecode("[0755, 0o17, 0x1F, 1_000, 1.5, .5, ~, null]")',
                [755, 15, 31, "1_000", 1.5, 0.5, None, None],
            ),
            (
                'yamldecode("[2001-12-14, 2001-12-14t21:59:43.10-05:00]")',
                ["2001-12-14T00:00:00Z", "2001-12-14T21:59:43-05:00"],
            ),
            ('yamldecode("{a: 1, <<: {a: 2, b: 3}}")', {"a": 2, "b": 3}),
            ('yamldecode("[<<]")', ["<<"]),
            ('yamldecode("a: !!str 1")', {"a": "1"}),
            ('yamldecode("1: one")', {"1": "one"}),
        ],
    )
    assert "inside its own definition" in failure(tmp_path, 'yamldecode("{a: &foo [1, *foo, 3]}")')
    assert "unsupported tag" in failure(tmp_path, 'yamldecode("{a: !not-supported foo}")')
    assert "only a single document" in failure(tmp_path, 'yamldecode("a: 1\\n---\\nb: 2")')
    assert "missing start of document" in failure(tmp_path, 'yamldecode("# only a comment")')
    assert "only strings are allowed as mapping keys" in failure(
        tmp_path, 'yamldecode("? [a]\\n: b")'
    )


def test_yamldecode_refuses_an_alias_bomb_quickly(tmp_path: Path) -> None:
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        bomb.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    (tmp_path / "bomb.yaml").write_text("\n".join(bomb), "utf-8")
    started = time.process_time()
    reason = failure(tmp_path, 'yamldecode(file("${path.module}/bomb.yaml"))')
    assert time.process_time() - started < 1.0
    assert "alias bomb" in reason


def test_yamlencode_writes_what_terraform_writes(tmp_path: Path) -> None:
    check(
        tmp_path,
        [
            ('yamlencode({"a" = "b", "c" = "d"})', '"a": "b"\n"c": "d"\n'),
            (
                'yamlencode({"foo" = [1, 2, 3], "bar" = "baz"})',
                '"bar": "baz"\n"foo":\n- 1\n- 2\n- 3\n',
            ),
            (
                'yamlencode({"foo" = [1, {"a" = "b", "c" = "d"}, 3], "bar" = "baz"})',
                '"bar": "baz"\n"foo":\n- 1\n- "a": "b"\n  "c": "d"\n- 3\n',
            ),
            (
                'yamlencode({a = "two\\nlines\\n", b = null, c = true})',
                '"a": |\n  two\n  lines\n"b": null\n"c": true\n',
            ),
            ('yamldecode(yamlencode({a = ["x", 1.5]}))', {"a": ["x", 1.5]}),
        ],
    )


def test_csvdecode(tmp_path: Path) -> None:
    check(
        tmp_path,
        [
            (
                'csvdecode("a,b,c\\n1,2,3\\n4,5,6")',
                [{"a": "1", "b": "2", "c": "3"}, {"a": "4", "b": "5", "c": "6"}],
            ),
            ('csvdecode("a,b\\r\\n\\n\\"x,\\"\\"y\\"\\"\\",\\n")', [{"a": 'x,"y"', "b": ""}]),
            ('csvdecode("a")', []),
        ],
    )
    assert "wrong number of fields" in failure(tmp_path, 'csvdecode("a,b\\n1")')
    assert 'bare "' in failure(tmp_path, 'csvdecode("a\\nx\\"y")')
    assert "duplicate column name" in failure(tmp_path, 'csvdecode("a,a\\n1,2")')
    assert "missing header line" in failure(tmp_path, 'csvdecode("")')


# -- hashes, ids, networks, dates ------------------------------------------------------------


def test_hashes_and_uuidv5(tmp_path: Path) -> None:
    check(
        tmp_path,
        [
            ('md5("hello world")', "5eb63bbbe01eeed093cb22bb8f5acdc3"),
            ('sha1("hello world")', "2aae6c35c94fcfb415dbe95f408b9ce91ee846ed"),
            (
                'sha256("hello world")',
                "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9",
            ),
            (
                'sha512("hello world")',
                "309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f"
                "989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f",
            ),
            ('base64sha256("hello world")', "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek="),
            ('uuidv5("dns", "www.terraform.io")', "a5008fae-b28c-5ba5-96cd-82b4c53552d6"),
            ('uuidv5("url", "https://www.terraform.io/")', "9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5"),
            ('uuidv5("oid", "1.3.6.1.4")', "af9d40a5-7a36-5c07-b23a-851cd99fbfa5"),
            ('uuidv5("x500", "CN=Example,C=GB")', "84e09961-4aa4-57f8-95b7-03edb1073253"),
            (
                'uuidv5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.terraform.io")',
                "a5008fae-b28c-5ba5-96cd-82b4c53552d6",
            ),
        ],
    )
    assert "doesn't support namespace" in failure(tmp_path, 'uuidv5("nope", "x")')


def test_networks(tmp_path: Path) -> None:
    check(
        tmp_path,
        [
            ('cidrhost("10.12.112.0/20", 16)', "10.12.112.16"),
            ('cidrhost("10.12.112.0/20", 268)', "10.12.113.12"),
            ('cidrhost("10.12.112.0/20", -1)', "10.12.127.255"),
            ('cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)', "fd00:fd12:3456:7890::22"),
            ('cidrnetmask("172.16.0.0/12")', "255.240.0.0"),
            ('cidrsubnet("172.16.0.0/12", 4, 2)', "172.18.0.0/16"),
            ('cidrsubnet("10.1.2.0/24", 4, 15)', "10.1.2.240/28"),
            ('cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)', "fd00:fd12:3456:7800:a200::/72"),
            ('cidrsubnet("10.0.0.0/8", 24, 16000000)', "10.244.36.0/32"),
            (
                'cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)',
                ["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"],
            ),
            (
                'cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32)',
                [
                    "fd00:fd12:3456:7800::/72",
                    "fd00:fd12:3456:7800:100::/72",
                    "fd00:fd12:3456:7800:200::/72",
                    "fd00:fd12:3456:7800:300::/88",
                ],
            ),
        ],
    )
    assert "does not accommodate a host numbered 256" in failure(
        tmp_path, 'cidrhost("10.0.0.0/24", 256)'
    )
    assert "insufficient address space" in failure(tmp_path, 'cidrsubnet("10.0.0.0/24", 9, 0)')
    assert "does not accommodate a subnet numbered 16" in failure(
        tmp_path, 'cidrsubnet("10.0.0.0/24", 4, 16)'
    )
    assert "IPv6 addresses cannot have a netmask" in failure(tmp_path, 'cidrnetmask("fd00::/8")')
    assert "not enough remaining address space" in failure(
        tmp_path, 'cidrsubnets("10.0.0.0/24", 1, 1, 1)'
    )
    assert "invalid CIDR expression" in failure(tmp_path, 'cidrhost("10.0.0.0", 1)')


def test_dates_and_times(tmp_path: Path) -> None:
    stamp = '"2018-01-02T23:12:01Z"'
    check(
        tmp_path,
        [
            (f'formatdate("DD MMM YYYY hh:mm ZZZ", {stamp})', "02 Jan 2018 23:12 UTC"),
            (
                f'formatdate("EEEE, DD-MMM-YY hh:mm:ss ZZZ", {stamp})',
                "Tuesday, 02-Jan-18 23:12:01 UTC",
            ),
            (
                'formatdate("EEE, DD MMM YYYY hh:mm:ss ZZZ", "2018-01-02T23:12:01-08:00")',
                "Tue, 02 Jan 2018 23:12:01 -0800",
            ),
            (f'formatdate("MMM DD, YYYY", {stamp})', "Jan 02, 2018"),
            (f'formatdate("HH:mmaa", {stamp})', "11:12pm"),
            (f"formatdate(\"h 'o''clock' Z ZZZZZ\", {stamp})", "23 o'clock Z +00:00"),
            ('timeadd("2017-11-22T00:00:00Z", "10m")', "2017-11-22T00:10:00Z"),
            ('timeadd("2017-11-22T00:00:00+01:00", "-1.5h")', "2017-11-21T22:30:00+01:00"),
            ('timeadd("2017-11-22T00:00:00.999Z", "1ms")', "2017-11-22T00:00:01Z"),
            ('timecmp("2017-11-22T00:00:00Z", "2017-11-22T00:00:00Z")', 0),
            ('timecmp("2017-11-22T00:00:00Z", "2017-11-22T01:00:00Z")', -1),
            ('timecmp("2017-11-22T01:00:00Z", "2017-11-22T00:00:00Z")', 1),
            ('timecmp("2017-11-22T01:00:00Z", "2017-11-22T00:00:00-01:00")', 0),
        ],
    )
    assert "not a valid RFC3339 timestamp" in failure(tmp_path, 'timeadd("2017-11-22", "1h")')
    assert "invalid duration" in failure(tmp_path, 'timeadd("2017-11-22T00:00:00Z", "1 hour")')
    assert "invalid date format verb" in failure(tmp_path, f'formatdate("YYY", {stamp})')
    assert "unterminated literal" in failure(tmp_path, f'formatdate("\'x", {stamp})')


# -- unknown values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "expression",
    [
        "upper(var.u)",
        'join(",", ["a", var.u])',
        'sort(["b", var.u])',
        'distinct(["a", var.u])',
        'format("%s-%s", "a", var.u)',
        "sha256(var.u)",
        "jsondecode(var.u)",
        'setintersection(["a"], [var.u])',
        'contains(["a", var.u], "b")',
        'index(["a", var.u], "b")',
        'lookup(var.u, "a", "d")',
        'element(["a"], var.u)',
        "length(var.u)",
        'coalesce(null, var.u, "x")',
        "alltrue([true, var.u])",
        "anytrue([false, var.u])",
        "file(var.u)",
        "cidrsubnet(var.u, 8, 1)",
        'startswith(var.u, "a")',
        "tostring(var.u)",
        "issensitive(var.u)",
    ],
)
def test_an_unknown_argument_makes_the_result_unknown(tmp_path: Path, expression: str) -> None:
    assert "var.u" in unknown(tmp_path, expression).expression


def test_functions_that_carry_values_keep_unknown_elements(tmp_path: Path) -> None:
    def of(expression: str) -> Any:
        return value_of(tmp_path, expression, UNKNOWN)

    assert of('length(["a", var.u])') == 2
    assert of('element(["a", var.u], 0)') == "a"
    assert of('contains(["a", var.u], "a")') is True
    assert of('index(["a", var.u], "a")') == 0
    assert of('coalesce("x", var.u)') == "x"
    assert of("alltrue([false, var.u])") is False
    assert of("anytrue([true, var.u])") is True
    assert of("keys({a = var.u, b = 1})") == ["a", "b"]
    assert of('lookup({a = var.u, b = 1}, "b")') == 1
    assert of('startswith(var.u, "")') is True
    assert of('startswith("arn:${var.u}", "arn:")') is True
    assert of('startswith("arn:${var.u}", "xyz:")') is False
    assert isinstance(of('startswith("ar${var.u}", "arn:")'), Unresolved)
    concatenated = of('concat(["a"], [var.u])')
    assert concatenated[0] == "a"
    assert isinstance(concatenated[1], Unresolved)
    merged = of("merge({a = 1}, {b = var.u})")
    assert merged["a"] == 1
    assert isinstance(merged["b"], Unresolved)
    assert isinstance(of('jsonencode({a = var.u, b = "x"})')["a"], Unresolved)


def test_errors_inside_arguments_are_errors_that_try_and_can_step_over(tmp_path: Path) -> None:
    extra = UNKNOWN + "locals {\n  m = {}\n}\n"
    assert isinstance(value_of(tmp_path, 'upper(["a", local.m.missing])', extra), EvalFailure)
    assert value_of(tmp_path, 'try(["a", local.m.missing], "fallback")', extra) == "fallback"
    assert value_of(tmp_path, 'try(index(["a"], "b"), -1)', extra) == -1
    assert value_of(tmp_path, "can({ a = local.m.missing })", extra) is False
    assert value_of(tmp_path, 'can(regex("^a", "abc"))', extra) is True
    # An unknown value is not an error: whether it would fail is not known either.
    assert isinstance(value_of(tmp_path, "can(var.u)", extra), Unresolved)
    assert isinstance(value_of(tmp_path, 'try(var.u, "fallback")', extra), Unresolved)


@pytest.mark.parametrize(
    ("expression", "reason"),
    [
        ("uuid()", "random"),
        ("timestamp()", "applies"),
        ("plantimestamp()", "makes the plan"),
        ('bcrypt("secret")', "salts"),
        ('bcrypt("secret", 12)', "salts"),
        ('rsadecrypt("abc", "key")', "private key"),
        ('base64gzip("x")', "Go's compressor"),
        ('pathexpand("~/.ssh/id_rsa")', "home folder"),
        ('file("~/.ssh/id_rsa")', "home folder"),
        ('ephemeralasnull("x")', "ephemeral"),
        ('convert("a", string)', "type constraint"),
        ('issensitive(["a"])', "strings only"),
        ("provider::terraform::encode_tfvars({ a = 1 })", "provider functions"),
        ('templatefile("${path.module}/loop.tftpl", {})', "template directives"),
    ],
)
def test_what_cannot_be_known_before_apply_is_unknown_not_an_error(
    tmp_path: Path, expression: str, reason: str
) -> None:
    (tmp_path / "loop.tftpl").write_text("%{ for x in [1] }${x}%{ endfor }", "utf-8")
    value = unknown(tmp_path, expression, "")
    assert reason in value.reason
    # try() does not step over an unknown value: it might not have failed.
    assert isinstance(value_of(tmp_path, f'try({expression}, "f")'), Unresolved)


def test_functions_terraform_does_not_offer_in_configurations_are_errors(tmp_path: Path) -> None:
    assert "console" in failure(tmp_path, 'type("x")')
    assert "tolist" in failure(tmp_path, 'list("a")')
    assert "tomap" in failure(tmp_path, 'map("a", 1)')


# -- sensitivity -----------------------------------------------------------------------------


def test_sensitive_marks_and_nonsensitive_never_reveals(tmp_path: Path) -> None:
    secret = 'variable "token" {\n  default   = "fake-token-value-1234"\n  sensitive = true\n}\n'
    marked = value_of(tmp_path, 'sensitive("plain-text-value")')
    assert isinstance(marked, SensitiveText)
    assert redact(marked) == "****"
    assert value_of(tmp_path, 'issensitive(sensitive("x"))') is True
    assert value_of(tmp_path, 'issensitive("x")') is False
    assert value_of(tmp_path, "issensitive(var.token)", secret) is True
    revealed = value_of(tmp_path, "nonsensitive(var.token)", secret)
    assert revealed == "fake-token-value-1234"
    assert redact(revealed) == "****"
    # A value computed from a secret is secret too.
    assert redact(value_of(tmp_path, "sha256(var.token)", secret)) == "****"
    assert "fake-token" not in str(redact(value_of(tmp_path, "{ t = upper(var.token) }", secret)))


# -- files ---------------------------------------------------------------------------------


def test_a_child_module_reads_its_own_files_outside_the_root_folder() -> None:
    root = ModuleLoader().root(FIXTURE / "root", {})
    assert root.local("policy")["Statement"][0]["Effect"] == "Deny"
    assert root.local("greeting") == "Hello, payments!\n"
    assert root.local("configs") == ["configs/a.json", "configs/nested/b.json"]
    assert root.local("exists") == [True, False]
    assert len(root.local("digest")) == 64
    # A relative path is relative to the root module's folder, from the child module too.
    assert root.local("from_root") == "read from the root module folder\n"
    assert root.local("relative") == root.local("own_note")
    outside = root.local("outside")
    assert isinstance(outside, EvalFailure)
    assert "is outside the scanned module" in outside.reason


def test_the_child_modules_resource_gets_its_file_when_scanned() -> None:
    snapshot = TerraformAdapter([FIXTURE / "root"]).collect()
    (policy,) = [r for r in snapshot.resources if r.type == "aws_iam_policy"]
    assert policy.address == "module.policy.aws_iam_policy.this"
    assert '"Effect": "Deny"' in policy.attributes["policy"]


def test_file_paths_resolve_from_the_root_module_when_run_from_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # path.module is written relative to the working folder: it must still name the module.
    monkeypatch.chdir(FIXTURE / "root")
    root = ModuleLoader().root(Path(), {})
    assert root.local("greeting") == "Hello, payments!\n"
    assert root.local("from_root") == "read from the root module folder\n"
    monkeypatch.chdir(REPO / "tests")
    root = ModuleLoader().root(FIXTURE / "root", {})
    assert root.local("greeting") == "Hello, payments!\n"


@pytest.mark.parametrize(
    "expression",
    [
        'file("/etc/passwd")',
        'file("../../../outside")',
        'file("${path.module}/../outside.txt")',
        'fileexists("/etc/passwd")',
        'filesha256("/etc/passwd")',
        'filebase64("/etc/passwd")',
        'templatefile("/etc/passwd", {})',
        'fileset("/etc", "*")',
        'fileset(path.module, "../*")',
    ],
)
def test_files_outside_the_modules_folders_are_refused(tmp_path: Path, expression: str) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "outside.txt").write_text("outside", "utf-8")
    assert "is outside the scanned module" in failure(root, expression)


def test_links_are_followed_only_inside_the_modules_folders(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "data").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("outside", "utf-8")
    (root / "data" / "inside.txt").write_text("inside", "utf-8")
    (root / "out.txt").symlink_to(tmp_path / "secret.txt")
    (root / "in.txt").symlink_to(root / "data" / "inside.txt")
    (root / "escape").symlink_to(tmp_path)
    assert value_of(root, 'file("${path.module}/in.txt")') == "inside"
    assert "outside" in failure(root, 'file("${path.module}/out.txt")')
    assert "outside" in failure(root, 'file("${path.module}/escape/secret.txt")')
    assert value_of(root, 'fileset(path.module, "**/*.txt")') == ["data/inside.txt", "in.txt"]


def test_file_errors_are_terraforms(tmp_path: Path) -> None:
    (tmp_path / "binary.bin").write_bytes(b"\xff\xfe")
    (tmp_path / "folder").mkdir()
    assert "no file exists at" in failure(tmp_path, 'file("${path.module}/missing.txt")')
    assert "not valid UTF-8" in failure(tmp_path, 'file("${path.module}/binary.bin")')
    assert value_of(tmp_path, 'filebase64("${path.module}/binary.bin")') == "//4="
    assert "is a directory" in failure(tmp_path, 'file("${path.module}/folder")')
    assert "is a directory" in failure(tmp_path, 'fileexists("${path.module}/folder")')
    os.mkfifo(tmp_path / "pipe")
    assert "not a regular file" in failure(tmp_path, 'file("${path.module}/pipe")')


def test_file_hashes_and_fileset_patterns(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("hello world", "utf-8")
    (tmp_path / "b.json").write_text("{}", "utf-8")
    (tmp_path / ".hidden.txt").write_text("", "utf-8")
    (tmp_path / "sub" / "deep").mkdir(parents=True)
    (tmp_path / "sub" / "deep" / "c.txt").write_text("", "utf-8")
    check(
        tmp_path,
        [
            ('filemd5("${path.module}/a.txt")', "5eb63bbbe01eeed093cb22bb8f5acdc3"),
            ('filesha1("${path.module}/a.txt")', "2aae6c35c94fcfb415dbe95f408b9ce91ee846ed"),
            (
                'filebase64sha256("${path.module}/a.txt")',
                "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=",
            ),
            ('fileset(path.module, "*.txt")', [".hidden.txt", "a.txt"]),
            ('fileset(path.module, "{a,b}.*")', ["a.txt", "b.json"]),
            ('fileset(path.module, "[ab].???")', ["a.txt"]),
            ('fileset(path.module, "**/c.txt")', ["sub/deep/c.txt"]),
            ('fileset(path.module, "sub/**")', ["sub/deep/c.txt"]),
            ('fileset("${path.module}/sub", "*")', []),
            ('fileset(path.module, "a.txt")', ["a.txt"]),
        ],
    )


def test_templatefile_sees_only_its_variables_and_does_not_recurse(tmp_path: Path) -> None:
    (tmp_path / "vars.tftpl").write_text("${name}-${upper(name)}", "utf-8")
    (tmp_path / "var.tftpl").write_text("${var.x}", "utf-8")
    (tmp_path / "self.tftpl").write_text('${templatefile("self.tftpl", {})}', "utf-8")
    extra = 'variable "x" {\n  default = "d"\n}\n'
    assert value_of(tmp_path, 'templatefile("${path.module}/vars.tftpl", { name = "a" })') == "a-A"
    assert "sees only the variables" in failure(
        tmp_path, 'templatefile("${path.module}/var.tftpl", {})', extra
    )
    assert "recursively" in failure(tmp_path, 'templatefile("${path.module}/self.tftpl", {})')


def test_path_functions(tmp_path: Path) -> None:
    check(
        tmp_path,
        [
            ('basename("foo/bar/baz.txt")', "baz.txt"),
            ('basename("foo/bar/")', "bar"),
            ('basename("/")', "/"),
            ('basename("")', "."),
            ('dirname("foo/bar/baz.txt")', "foo/bar"),
            ('dirname("/foo")', "/"),
            ('dirname("foo")', "."),
            ('abspath("/a/../b/./c/")', "/b/c"),
            ('pathexpand("/etc/x")', "/etc/x"),
            ('pathexpand("relative/x")', "relative/x"),
        ],
    )
    assert value_of(tmp_path, 'abspath("sub/../x")') == (tmp_path.resolve() / "x").as_posix()
    assert "user-specific home dir" in failure(tmp_path, 'pathexpand("~root/x")')


# -- bounded work ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "reason"),
    [
        ("setproduct(range(1000), range(1000))", "setproduct() would make 1,000,000 elements"),
        ('formatlist("%s%s", [for i in range(2000) : format("%999s", "")], "")', "1,000,000"),
        ('join(format("%9999s", ""), range(200))', "join() would make"),
        ('indent(10000, join("\\n", [for i in range(1000) : ""]))', "indent() would make"),
        (
            'split("", join("", [for i in range(20) : format("%9999s", "")]))',
            "split() would make",
        ),
        (
            'format(join("", [for i in range(200) : "%9999s"]), range(200)...)',
            "format() would make",
        ),
        (
            'regexall("", join("", [for i in range(20) : format("%9999s", "")]))',
            "more than the 100,000 matches",
        ),
        ("concat(range(60000), range(60000))", "concat() would make 120,000 elements"),
        ('replace(format("%9999s", ""), "", format("%999s", ""))', "replace() would make"),
    ],
)
def test_functions_that_could_grow_without_bound_stop_at_the_limits(
    tmp_path: Path, expression: str, reason: str
) -> None:
    started = time.process_time()
    assert reason in failure(tmp_path, expression)
    assert time.process_time() - started < 2.0


def call(name: str, *args: Any) -> Any:
    """A function called directly, with a value built here rather than by an expression."""
    return FUNCTIONS[name](EVALUATOR, Context(cast(Any, None)), list(args))


def test_a_value_shared_many_times_is_not_expanded_without_bound() -> None:
    # One list shared a thousand times stands for 10^8 values held in 10^5.
    big = list(range(100_000))
    wide = [big] * 1000
    started = time.process_time()
    for name in ("flatten", "jsonencode", "yamlencode"):
        with pytest.raises(LimitExceeded):
            call(name, wide)
    assert call("distinct", wide) == [big]
    assert call("contains", wide, big) is True
    assert call("length", wide) == 1000
    assert time.process_time() - started < 5.0


# -- the table of functions ------------------------------------------------------------------


def test_every_terraform_function_is_in_the_documented_table() -> None:
    table = (REPO / "docs" / "terraform-functions.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z0-9]+)` \|", table, re.MULTILINE))
    assert documented == set(FUNCTIONS)
    assert len(FUNCTIONS) == 122
