"""The entry point: one style for every usage error, whoever raised it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli.main import cli
from tests.conftest import REPO, Run

RunCli = Callable[..., Run]
COMPLIANT = REPO / "examples" / "terraform" / "compliant"


@pytest.mark.parametrize(
    ("args", "usage", "message"),
    [
        (["scan", "terraform", "--bogus"], "assaymark scan terraform", "No such option '--bogus'."),
        (["nosuch"], "assaymark", "No such command 'nosuch'."),
        (["--bogus"], "assaymark", "No such option '--bogus'."),
        (["scan", "terraform"], "assaymark scan terraform", "give a Terraform folder (PATH)"),
        (
            ["scan", "terraform", str(COMPLIANT), "--fail-on", "x"],
            "assaymark scan terraform",
            "Invalid value for '--fail-on': 'x' is not one of",
        ),
    ],
)
def test_click_usage_errors_show_the_usage_then_our_error_line(
    run: RunCli, args: list[str], usage: str, message: str
) -> None:
    result = run(*args)
    assert result.code == 2
    lines = result.err.splitlines()
    assert lines[0].startswith(f"Usage: {usage} [OPTIONS]")
    assert lines[1] == f"Try '{usage} --help' for help."
    assert lines[2].startswith(f"assaymark: error: {message}")
    assert "\nError:" not in result.err
    assert len(lines) == 3


def test_our_usage_errors_keep_the_same_error_line(run: RunCli, tmp_path: Path) -> None:
    result = run("scan", "terraform", COMPLIANT, "--skip-control", "no-such-control")
    assert result.code == 2
    assert result.err.startswith("assaymark: error: --skip-control no-such-control: ")


def test_the_click_runner_shows_the_same_style() -> None:
    result = CliRunner().invoke(cli, ["scan", "terraform", "--bogus"], prog_name="assaymark")
    assert result.exit_code == 2
    assert "assaymark: error: No such option '--bogus'." in result.output
    assert "\nError:" not in result.output


def test_a_group_without_a_command_still_shows_its_help(run: RunCli) -> None:
    result = run("scan")
    assert result.code == 2
    assert "Commands:" in result.err
    assert "assaymark: error" not in result.err


def test_the_database_options_show_the_adapters_default_roles() -> None:
    from adapters.db.engine import DEFAULT_UNTRUSTED_ROLES
    from checker.cli.database_options import DEFAULT_ROLES_SHOWN

    assert ", ".join(DEFAULT_UNTRUSTED_ROLES) == DEFAULT_ROLES_SHOWN


def test_a_terraform_scan_imports_no_module_other_commands_need() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom checker.cli.main import cli\n"
        "cli.get_command(None, 'scan')\n"
        "print(sorted(m for m in ('adapters.db.adapter', 'jsonschema', 'jinja2', "
        "'checker.evidence.bundle', 'cryptography', 'boto3') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
