"""Recognising a migrations folder: each fixture is its own tool's and no other's."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.db.migrations import MigrationsError, read_folder
from adapters.db.migrations.registry import TOOLS
from checker.cli.database_options import MIGRATION_TOOLS
from tests.adapters.db.migrations.scanning import FIXTURES

_FIXTURES = sorted(path for path in FIXTURES.iterdir() if path.is_dir())


def _recognising(folder: Path) -> list[str]:
    return [name for name, tool in TOOLS.items() if tool.recognises(folder)]


def _tool_of(fixture: Path) -> str:
    """The tool a fixture folder is of: named `<tool>` or `<tool>-<variant>`."""
    names = [n for n in TOOLS if fixture.name == n or fixture.name.startswith(f"{n}-")]
    assert names, f"{fixture} is named after no tool"
    return max(names, key=len)


def test_every_tool_has_a_fixture() -> None:
    assert {_tool_of(path) for path in _FIXTURES} == set(TOOLS)


@pytest.mark.parametrize("fixture", _FIXTURES, ids=lambda path: path.name)
def test_each_fixture_is_recognised_as_its_own_tool_only(fixture: Path) -> None:
    assert _recognising(fixture) == [_tool_of(fixture)]
    assert read_folder(fixture).tool.name == _tool_of(fixture)


@pytest.mark.parametrize("fixture", _FIXTURES, ids=lambda path: path.name)
def test_no_folder_of_a_fixture_is_recognised_by_two_tools(fixture: Path) -> None:
    for folder in sorted(path for path in fixture.rglob("*") if path.is_dir()):
        assert len(_recognising(folder)) <= 1, folder


def test_the_command_line_offers_every_tool() -> None:
    assert sorted(TOOLS) == sorted(MIGRATION_TOOLS)


def test_a_folder_of_two_tools_asks_which(tmp_path: Path) -> None:
    (tmp_path / "V1__customers.sql").write_text("CREATE TABLE customers (id int);\n")
    (tmp_path / "000002_cards.up.sql").write_text("CREATE TABLE cards (id int);\n")

    with pytest.raises(MigrationsError, match="looks like flyway, golang-migrate"):
        read_folder(tmp_path)

    assert read_folder(tmp_path, "golang-migrate").migrations[0].version == "2"
