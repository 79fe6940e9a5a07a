"""Fuzzing the inputs assaymark reads from others: Terraform, plans, controls, waivers,
configuration and snapshots.

Whatever the input, a run ends with one of the contract's exit codes, never an internal error;
the exit code agrees with the report it printed; and input that does not parse never exits 0
or 1. The number of examples is bounded (and derandomized in CI) so the suite stays quick.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hcl2
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.terraform.functions import FUNCTIONS
from checker.cli import selection
from checker.cli.main import main
from checker.cli.selection import load_library
from checker.policy import Control
from tests.conftest import DATA

IN_CI = bool(os.environ.get("CI"))
# ASSAYMARK_FUZZ_EXAMPLES=5000 for a long run by hand.
FUZZ = settings(
    max_examples=int(os.environ.get("ASSAYMARK_FUZZ_EXAMPLES", 60 if IN_CI else 150)),
    deadline=None,
    derandomize=IN_CI,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CONTRACT_CODES = {0, 1, 2, 3}


@pytest.fixture(scope="module", autouse=True)
def library() -> Iterator[list[Control]]:
    """Load the control library once: the fuzzed inputs, not the library, are under test."""
    loaded = load_library([DATA / "policies" / "valid"])
    patch = pytest.MonkeyPatch()
    patch.setattr(selection, "load_library", lambda *_args, **_kw: loaded)
    yield loaded
    patch.undo()


def invoke(*args: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(arg) for arg in args])
    return code, out.getvalue(), err.getvalue()


def report_exit_code(report: dict[str, Any]) -> int:
    statuses = {control["status"] for control in report["controls"]}
    if report["errors"] or "error" in statuses:
        return 3
    return 1 if "fail" in statuses else 0


def check_outcome(code: int, out: str, err: str) -> dict[str, Any] | None:
    """The contract's invariants; returns the JSON report when one was printed."""
    assert code in CONTRACT_CODES, (code, err)
    assert "internal error" not in err, err
    assert "Traceback" not in err, err
    if code == 2:
        assert out == "", "exit 2 means nothing was evaluated"
        assert err.startswith("assaymark: error:") or "problem(s)" in err or "Usage:" in err, err
        return None
    report: dict[str, Any] = json.loads(out)
    assert report_exit_code(report) == code
    return report


# -- Terraform ----------------------------------------------------------------------------

_names = st.sampled_from(["a", "b", "x", "count", "each", "self", "var", "local"])
_literals = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.sampled_from(["1e400", "9" * 400, "-0", "1.5", "0.1e-9", "true", "false", "null"]),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12).map(json.dumps),
    st.sampled_from(['"${local.x}"', '"%{ if true }x%{ endif }"', '"$${x}"', '"\\u00e9"']),
    st.sampled_from(["var.missing", "local.x", "local.y", "aws_s3_bucket.b.arn", "each.key"]),
)


def _expressions(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(st.sampled_from(sorted(FUNCTIONS)), st.lists(children, max_size=3)).map(
            lambda call: f"{call[0]}({', '.join(call[1])})"
        ),
        st.lists(children, max_size=4).map(lambda items: f"[{', '.join(items)}]"),
        st.lists(st.tuples(_names, children), max_size=3).map(
            lambda pairs: "{ " + ", ".join(f"{k} = {v}" for k, v in pairs) + " }"
        ),
        st.tuples(children, st.sampled_from(["+", "-", "*", "/", "%", "==", "&&", "<"]), children)
        .map(" ".join)
        .map(lambda text: f"({text})"),
        st.tuples(children, children, children).map(lambda c: f"{c[0]} ? {c[1]} : {c[2]}"),
        children.map(lambda c: f"[for i in {c} : i]"),
        children.map(lambda c: f"{c}[0]"),
    )


EXPRESSIONS = st.recursive(_literals, _expressions, max_leaves=12)


@FUZZ
@given(value=EXPRESSIONS, count=EXPRESSIONS, tags=EXPRESSIONS)
def test_terraform_expressions(value: str, count: str, tags: str) -> None:
    text = (
        f"locals {{\n  x = {value}\n  y = {tags}\n}}\n"
        'resource "aws_s3_bucket" "b" {\n'
        f"  count  = {count}\n"
        "  bucket = local.x\n"
        "  tags   = local.y\n"
        "}\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "main.tf").write_text(text, encoding="utf-8")
        code, out, err = invoke("scan", "terraform", folder, "--format", "json")
    check_outcome(code, out, err)


@FUZZ
@given(text=st.text(max_size=300) | st.binary(max_size=300).map(lambda b: b.decode("latin-1")))
def test_terraform_files_that_may_not_parse(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "main.tf"
        path.write_text(text, encoding="utf-8", errors="surrogateescape")
        try:  # the text as a reader of the file sees it (universal newlines)
            hcl2.loads(path.read_text(encoding="utf-8"))
            parses = True
        except Exception:
            parses = False
        code, out, err = invoke("scan", "terraform", folder, "--format", "json")
    check_outcome(code, out, err)
    if not parses:
        assert code in (2, 3), "an unparseable file never passes or fails"


# -- JSON and YAML inputs -------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(
        st.sampled_from(
            ["format", "source", "resources", "type", "address", "attributes", "location",
             "planned_values", "root_module", "child_modules", "values", "mode", "name",
             "resource_changes", "change", "actions", "line", "file", "tags", "$unresolved"]
        ) | st.text(max_size=6),
        children,
        max_size=5,
    ),
    max_leaves=20,
)  # fmt: skip


@FUZZ
@given(plan=JSON_VALUES)
def test_plans(plan: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.json"
        path.write_text(json.dumps(plan), encoding="utf-8")
        code, out, err = invoke("scan", "terraform", "--plan", path, "--format", "json")
    check_outcome(code, out, err)


@FUZZ
@given(snapshot=JSON_VALUES, keep_format=st.booleans())
def test_snapshots(snapshot: Any, keep_format: bool) -> None:
    if keep_format and isinstance(snapshot, dict):
        snapshot = {**snapshot, "format": "assaymark.snapshot/v1", "source": "db"}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "snapshot.json"
        path.write_text(json.dumps(snapshot), encoding="utf-8")
        code, out, err = invoke("scan", "db", "--snapshot", path, "--format", "json")
    check_outcome(code, out, err)


YAML_TEXT = JSON_VALUES.map(lambda value: yaml.safe_dump(value, allow_unicode=True)) | st.text(
    max_size=200
)
WAIVER_FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "control": st.sampled_from(["test-s3-versioning", "nope"]) | JSON_VALUES,
        "resource": st.just("*") | JSON_VALUES,
        "justification": st.text(max_size=5) | JSON_VALUES,
        "approver": st.just("a@b.c") | JSON_VALUES,
        "ticket": st.just("T-1") | JSON_VALUES,
        "expires": st.sampled_from(["2099-12-31", "2027-02-30", "2020-01-01", "x"]) | JSON_VALUES,
    },
)


@FUZZ
@given(waivers=st.lists(WAIVER_FIELDS, max_size=3).map(lambda w: {"waivers": w}) | JSON_VALUES)
def test_waivers(waivers: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "waivers.yaml"
        path.write_text(yaml.safe_dump(waivers), encoding="utf-8")
        code, out, err = invoke(
            "scan", "terraform", DATA / "terraform" / "expansion", "--waivers", path,
            "--format", "json",
        )  # fmt: skip
    check_outcome(code, out, err)


@FUZZ
@given(
    config=st.fixed_dictionaries(
        {"terraform": st.just({"paths": [str(DATA / "terraform" / "expansion")]})},
        optional={
            "format": st.sampled_from(["json", "docx"]) | JSON_VALUES,
            "scope_tags": JSON_VALUES,
            "frameworks": JSON_VALUES,
            "controls": JSON_VALUES,
            "allowed_regions": JSON_VALUES,
            "policies": JSON_VALUES,
            "aws": JSON_VALUES,
            "databases": JSON_VALUES,
        },
    )
    | JSON_VALUES
)
def test_configurations(config: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "assaymark.yaml"
        path.write_text(yaml.safe_dump(config), encoding="utf-8")
        code, out, err = invoke("run", "--config", path, "--format", "json")
    if code != 2 and isinstance(config, dict) and config.get("format") not in (None, "json"):
        pytest.fail(f"format {config.get('format')!r} was accepted")
    check_outcome(code, out, err)


@FUZZ
@given(control=YAML_TEXT)
def test_control_files(control: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "control.yaml"
        path.write_text(control, encoding="utf-8")
        code, _out, err = invoke("policies", "validate", path)
    assert code in (0, 2), err
    assert "internal error" not in err and "Traceback" not in err, err
