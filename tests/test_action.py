"""The composite GitHub Action in action.yml, its steps run here as a runner runs them."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tests.conftest import DATA, REPO
from tests.installing import (
    COMPLIANT,
    INSECURE,
    Clone,
    clean_environment,
    command,
    copy_tree,
    readme_blocks,
)

ACTION: dict[str, Any] = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def test_the_action_is_composite_and_pins_every_action_it_uses_by_sha() -> None:
    assert ACTION["runs"]["using"] == "composite"
    used = [step["uses"] for step in STEPS if "uses" in step]
    assert used, "the action sets up its Python"
    assert all(PINNED.match(name) for name in used), used


def test_inputs_reach_the_scripts_only_through_the_environment() -> None:
    """An expression spliced into a script would run a crafted input as shell code."""
    scripts = [step["run"] for step in STEPS if "run" in step]
    assert len(scripts) == 2
    assert not any("${{" in script for script in scripts)


def test_the_action_validates_against_the_github_actions_schema() -> None:
    checked = command(
        [checker_script(), "--builtin-schema", "vendor.github-actions", REPO / "action.yml"], REPO
    )
    assert checked.code == 0, checked.text


def checker_script() -> Path:
    return Path(sys.executable).parent / "check-jsonschema"


@dataclass(frozen=True)
class Runner:
    """What a GitHub runner gives a composite action's steps: its files and folders."""

    action_path: Path
    temp: Path
    path_file: Path

    def environment(self, output_file: Path) -> dict[str, str]:
        """The environment of a step, with the folders earlier steps added to PATH."""
        added = (
            self.path_file.read_text(encoding="utf-8").split() if self.path_file.exists() else []
        )
        env = clean_environment(
            GITHUB_ACTION_PATH=str(self.action_path),
            RUNNER_TEMP=str(self.temp),
            GITHUB_PATH=str(self.path_file),
            GITHUB_OUTPUT=str(output_file),
        )
        env["PATH"] = os.pathsep.join([*reversed(added), env["PATH"]])
        return env


def evaluate(value: Any, inputs: Mapping[str, str]) -> str:
    """A step's `env` value with its `${{ inputs.NAME }}` expressions replaced."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1).removeprefix("inputs.")
        assert match.group(1).startswith("inputs.") and name in ACTION["inputs"], match.group(0)
        return inputs.get(name, str(ACTION["inputs"][name].get("default", "")))

    return EXPRESSION.sub(replace, str(value))


def run_step(
    step: Mapping[str, Any], runner: Runner, workspace: Path, inputs: Mapping[str, str]
) -> tuple[int, dict[str, str], str]:
    """Run one `run` step as GitHub does (bash -eo pipefail on a script file)."""
    script = runner.temp / f"step-{step.get('id', 'install')}.sh"
    script.write_text(step["run"], encoding="utf-8")
    outputs = runner.temp / f"outputs-{step.get('id', 'install')}"
    outputs.write_text("", encoding="utf-8")
    env = runner.environment(outputs)
    env.update({name: evaluate(value, inputs) for name, value in step.get("env", {}).items()})
    shell = ["bash", "--noprofile", "--norc", "-eo", "pipefail", script]
    ran = command(shell, workspace, env)
    lines = outputs.read_text(encoding="utf-8").splitlines()
    return ran.code, dict(line.split("=", 1) for line in lines if "=" in line), ran.text


@pytest.fixture(scope="module")
def runner(clone: Clone, tmp_path_factory: pytest.TempPathFactory) -> Runner:
    """A runner on which the action's install step has run from the action's checkout."""
    temp = tmp_path_factory.mktemp("runner-temp")
    made = Runner(clone.path, temp, temp / "github-path")
    (install,) = (step for step in STEPS if "run" in step and "id" not in step)
    code, _, text = run_step(install, made, temp, {})
    assert code == 0, text[-3000:]
    return made


def scan(runner: Runner, workspace: Path, **inputs: str) -> tuple[int, dict[str, str], str]:
    (step,) = (step for step in STEPS if step.get("id") == "scan")
    return run_step(step, runner, workspace, inputs)


def action_output(outputs: Mapping[str, str], name: str) -> str:
    """An output of the action, as its `outputs` section maps it from the scan step's."""
    (expression,) = EXPRESSION.findall(ACTION["outputs"][name]["value"])
    step_output = expression.removeprefix("steps.scan.outputs.")
    return outputs[step_output]


@pytest.mark.slow
def test_the_action_installs_the_checkout_not_a_package_index_name(runner: Runner) -> None:
    added = runner.path_file.read_text(encoding="utf-8").split()
    assert len(added) == 1
    found = command(
        [Path(added[0]) / "python", "-c", "import checker; print(checker.__file__)"], runner.temp
    )
    assert Path(found.out.strip()).is_relative_to(runner.temp)


@pytest.mark.slow
def test_the_action_leaves_sarif_and_fails_the_step_on_an_insecure_stack(
    runner: Runner, tmp_path: Path
) -> None:
    workspace = tmp_path / "workspace"
    copy_tree(INSECURE, workspace / "infra")
    code, outputs, text = scan(runner, workspace, paths="infra/")
    assert code == 1, text[-3000:]
    assert action_output(outputs, "exit-code") == "1"
    report = workspace / action_output(outputs, "report")
    assert report.name == "assaymark.sarif"
    sarif = json.loads(report.read_text(encoding="utf-8"))
    schema = json.loads((DATA / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    rules = {result["ruleId"] for result in sarif["runs"][0]["results"]}
    assert "pci-3.5.1-rds-storage-encrypted" in rules


@pytest.mark.slow
def test_the_action_takes_paths_formats_and_flags(runner: Runner, tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    copy_tree(COMPLIANT, workspace / "stacks" / "payments")
    code, outputs, text = scan(
        runner,
        workspace,
        paths="stacks/payments\n",
        format="junit",
        output="reports/assaymark.xml",
        args="--framework pci-dss-4.0\n--control pci-3.5.1-rds-storage-encrypted",
    )
    assert code == 0, text[-3000:]
    assert action_output(outputs, "exit-code") == "0"
    junit = (workspace / "reports" / "assaymark.xml").read_text(encoding="utf-8")
    assert "pci-3.5.1-rds-storage-encrypted" in junit
    assert "gdpr-art44-provider-region" not in junit


@pytest.mark.slow
def test_a_crafted_input_is_an_argument_never_shell_code(runner: Runner, tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    code, outputs, text = scan(runner, workspace, paths="$(touch pwned) `touch pwned2`")
    assert code == 2, text[-3000:]
    assert action_output(outputs, "exit-code") == "2"
    assert sorted(p.name for p in workspace.iterdir()) == []


def test_the_scan_step_records_its_outputs_even_when_the_scan_fails() -> None:
    (step,) = (step for step in STEPS if step.get("id") == "scan")
    assert step["run"].index("set +e") < step["run"].index('exit "$code"')


def test_the_workflow_example_uses_this_action_with_its_inputs() -> None:
    workflow = yaml.safe_load((REPO / "examples" / "ci" / "github-actions.yml").read_text())
    steps = workflow["jobs"]["assaymark"]["steps"]
    (ours,) = (step for step in steps if step.get("uses", "").endswith("/assaymark@COMMIT_SHA"))
    assert set(ours["with"]) <= set(ACTION["inputs"])


def test_the_readme_shows_the_action_with_inputs_it_has() -> None:
    (block,) = (
        body for language, body in readme_blocks("CI") if language == "yaml" and "uses:" in body
    )
    (step,) = yaml.safe_load(block)
    assert step["uses"].endswith("/assaymark@COMMIT_SHA")
    assert set(step["with"]) <= set(ACTION["inputs"])
