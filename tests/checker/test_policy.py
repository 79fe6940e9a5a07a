"""Loading controls: schema validation with file, line, control and field; compilation."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import PolicyLoadError
from checker.policy import load_controls, validate_file
from tests.conftest import DATA

POLICIES = DATA / "policies"


def test_valid_controls_load_with_their_checks() -> None:
    controls = {control.id: control for control in load_controls([POLICIES / "valid"])}
    assert set(controls) == {"test-s3-versioning", "test-scoped-encryption", "test-manual-review"}
    versioning = controls["test-s3-versioning"]
    assert versioning.frameworks == {"pci-dss-4.0": ("10.3.3",), "gdpr": ("Art.32(1)(c)",)}
    assert versioning.checks[0].resource_types == ("aws_s3_bucket",)
    assert controls["test-scoped-encryption"].scope_tags == {"DataClassification": ("cardholder",)}
    assert controls["test-manual-review"].manual is not None


def test_a_schema_error_names_file_line_control_and_field() -> None:
    _, problems = validate_file(POLICIES / "invalid" / "bad-op.yaml")
    assert problems == [
        f"{POLICIES / 'invalid' / 'bad-op.yaml'}:14: control test-bad-op: "
        "checks[0].assert.all[1].op: 'eqals' is not one of ['equals', 'not_equals', 'in', "
        "'not_in', 'present', 'absent', 'is_true', 'is_false', 'gt', 'gte', 'lt', 'lte', "
        "'regex', 'not_regex', 'contains', 'not_contains', 'empty', 'is_reference', "
        "'open_to_internet', 'matches_action']"
    ]


def test_every_problem_of_every_file_is_reported_at_once() -> None:
    with pytest.raises(PolicyLoadError) as raised:
        load_controls([POLICIES / "invalid"])
    problems = raised.value.problems
    assert len(problems) == 3
    assert any("bad-severity.yaml:3: control test-bad-severity: severity:" in p for p in problems)
    assert any("not-yaml.yaml:3: not valid YAML" in p for p in problems)


def test_duplicate_ids_and_duplicate_keys_are_refused(tmp_path: Path) -> None:
    source = (POLICIES / "valid" / "versioning.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(source, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(source, encoding="utf-8")
    (tmp_path / "c.yaml").write_text(source + "severity: low\n", encoding="utf-8")
    with pytest.raises(PolicyLoadError) as raised:
        load_controls([tmp_path])
    problems = "\n".join(raised.value.problems)
    assert "b.yaml: control test-s3-versioning: id already used by" in problems
    assert "c.yaml:16: not valid YAML: key 'severity' appears twice" in problems


def test_a_condition_that_compiles_badly_names_its_field(tmp_path: Path) -> None:
    source = (POLICIES / "valid" / "versioning.yaml").read_text(encoding="utf-8")
    (tmp_path / "x.yaml").write_text(
        source.replace("op: equals, value: Enabled", "op: in, value: Enabled"), encoding="utf-8"
    )
    _, problems = validate_file(tmp_path / "x.yaml")
    assert problems == [
        f"{tmp_path / 'x.yaml'}: control test-s3-versioning: "
        "checks[0].assert.some.value: operator 'in' needs a list"
    ]


def test_framework_catalog_folders_are_not_read_as_controls(tmp_path: Path) -> None:
    (tmp_path / "frameworks").mkdir()
    (tmp_path / "frameworks" / "x.yaml").write_text("id: x\nrequirements: []\n", encoding="utf-8")
    assert load_controls([tmp_path]) == []


REGEX_CONTROL = """id: test-regex
title: Bucket names follow the convention
severity: low
frameworks: {{pci-dss-4.0: ["2.2.1"]}}
rationale: Names tell owners apart.
remediation: Rename the bucket.
checks:
  - source: terraform
    resource: aws_s3_bucket
    assert: {{path: bucket, op: regex, value: "{pattern}"}}
"""


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [("(a)\\\\1", "invalid escape sequence"), ("(?<!x)a", "invalid perl operator")],
)
def test_a_regex_that_needs_backtracking_is_refused_naming_the_field(
    tmp_path: Path, pattern: str, reason: str
) -> None:
    path = tmp_path / "control.yaml"
    path.write_text(REGEX_CONTROL.format(pattern=pattern), encoding="utf-8")
    _, problems = validate_file(path)
    assert len(problems) == 1
    assert "control test-regex: checks[0].assert.value: invalid regular expression" in problems[0]
    assert reason in problems[0]


def test_a_catastrophic_pattern_runs_in_linear_time(tmp_path: Path) -> None:
    import time

    from checker.conditions import Compare

    path = tmp_path / "control.yaml"
    path.write_text(REGEX_CONTROL.format(pattern="^(a+)+$"), encoding="utf-8")
    control, problems = validate_file(path)
    assert control is not None, problems
    condition = control.checks[0].assertion
    assert isinstance(condition, Compare)
    started = time.process_time()
    assert not condition.expected.search("a" * 40 + "!")
    assert time.process_time() - started < 0.5
