"""Snapshots read back from JSON: a malformed one is refused naming the field, never a crash."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker.models import Unresolved
from checker.serialization import SNAPSHOT_FORMAT, decode_value, encode_value, snapshot_from_dict
from tests.conftest import Run

RunCli = Callable[..., Run]


def snapshot(**resource: Any) -> dict[str, Any]:
    item = {"type": "setting", "address": "setting:ssl", "attributes": {"value": "on"}}
    item.update(resource)
    return {"format": SNAPSHOT_FORMAT, "source": "db", "resources": [item]}


def test_a_well_formed_snapshot_reads_back() -> None:
    (resource,) = snapshot_from_dict(snapshot()).resources
    assert resource.address == "setting:ssl"


def test_a_partly_known_string_reads_back_with_its_known_pieces() -> None:
    value = Unresolved("x", "known only after apply", True, ("DB_HOST=", None, "\n"))
    assert decode_value(json.loads(json.dumps(encode_value(value)))) == value


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ([1, 2], "the snapshot: expected an object"),
        ({"format": SNAPSHOT_FORMAT, "source": 5, "resources": []}, "source: expected text"),
        (
            {"format": SNAPSHOT_FORMAT, "source": "db", "resources": "x"},
            "resources: expected a list",
        ),
        (snapshot(type=5), "resources[0].type: expected text"),
        (snapshot(address=None), "resources[0].address: expected text"),
        (snapshot(attributes=[]), "resources[0].attributes: expected an object"),
        (snapshot(location={"line": "twelve"}), "resources[0].location.line: expected a whole"),
        (snapshot(suppressions=[{"control": 1}]), "suppressions[0].control: expected text"),
        (snapshot(unresolved="yes"), "resources[0].unresolved: expected null"),
        (snapshot(attributes={"v": {"$unresolved": 5}}), "$unresolved: expected an object"),
        (snapshot(tags=[1]), "resources[0].tags: expected an object"),
        (
            snapshot(
                attributes={
                    "v": {"$unresolved": {"expression": "x", "reason": "r", "known_parts": [1]}}
                }
            ),
            "known_parts: expected a list of strings and nulls",
        ),
    ],
)
def test_a_malformed_snapshot_names_what_is_wrong(data: Any, named: str) -> None:
    with pytest.raises((TypeError, KeyError)) as raised:
        snapshot_from_dict(data)
    assert named in str(raised.value)


def test_scan_db_snapshot_of_hostile_json_exits_2(run: RunCli, tmp_path: Path) -> None:
    for number, text in enumerate(
        [
            json.dumps(snapshot(type=5)),
            "[" * 100_000 + "]" * 100_000,
            '{"format": "' + SNAPSHOT_FORMAT + '", "source": "db", "resources": [' + "9" * 5000,
        ]
    ):
        path = tmp_path / f"snapshot-{number}.json"
        path.write_text(text, encoding="utf-8")
        result = run("scan", "db", "--snapshot", path)
        assert result.code == 2, result.err
        assert f"--snapshot {path}: not an assaymark snapshot" in result.err
        assert "internal error" not in result.err
