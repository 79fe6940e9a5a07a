"""The registry of sources: every source controls may name, each adapter loaded on demand."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable

import pytest

from adapters.registry import ADAPTERS, SOURCES, adapter_class
from tests.conftest import REPO, Run


def test_the_registry_holds_every_source_a_control_may_name() -> None:
    schema = json.loads((REPO / "checker" / "schemas" / "control.schema.json").read_text("utf-8"))
    assert _source_enums(schema) == [list(SOURCES)]


def _source_enums(node: object) -> list[list[str]]:
    found: list[list[str]] = []
    if isinstance(node, dict):
        source = (
            node.get("properties", {}).get("source")
            if isinstance(node.get("properties"), dict)
            else None
        )
        if isinstance(source, dict) and "enum" in source:
            found.append(source["enum"])
        for value in node.values():
            found.extend(_source_enums(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_source_enums(value))
    return found


@pytest.mark.parametrize("source", SOURCES)
def test_each_adapter_names_its_source_and_the_access_it_needs(source: str) -> None:
    adapter = adapter_class(source)
    assert adapter.source == source
    assert adapter.permissions
    assert adapter.__doc__


def test_the_command_line_lists_the_registry(run: Callable[..., Run]) -> None:
    result = run("sources")
    assert result.code == 0
    listed = [line.split(":")[0] for line in result.out.splitlines() if not line.startswith(" ")]
    assert listed == list(ADAPTERS)
    assert "  ec2:DescribeSecurityGroups" in result.out.splitlines()


def test_a_terraform_scan_loads_no_cloud_or_database_library() -> None:
    probe = (
        "import sys; from checker.cli.main import main; "
        "from adapters.registry import adapter_class; adapter_class('terraform'); "
        "print(sorted(m for m in ('boto3', 'pymysql', 'psycopg') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.strip() == "[]"
