"""Flyway's folder and tracker: versioned, baseline and repeatable migrations, in order."""

from __future__ import annotations

from pathlib import Path

from adapters.db.migrations.flyway import Flyway, checksum


def folder(tmp_path: Path, *names: str) -> Path:
    for name in names:
        (tmp_path / name).write_text(f"-- {name}\nSELECT 1;\n", encoding="utf-8")
    return tmp_path


def test_versions_sort_by_number_and_repeatables_come_last(tmp_path: Path) -> None:
    path = folder(tmp_path, "V10__ten.sql", "V2_1__two_one.sql", "R__views.sql", "B1__base.sql")
    migrations = Flyway().read(path)
    assert [m.version for m in migrations] == ["1", "2.1", "10", "R:views"]
    assert migrations[1].description == "two one"
    assert migrations[1].checksum == checksum("-- V2_1__two_one.sql\nSELECT 1;\n")


def test_the_tracker_keeps_the_last_row_of_each_and_the_baseline_covers_what_is_below(
    tmp_path: Path,
) -> None:
    migrations = Flyway().read(folder(tmp_path, "V1__one.sql", "V2__two.sql", "V3__three.sql"))
    rows = [
        (None, "<< Flyway Schema Creation >>", None, True, "SCHEMA"),
        ("2", "<< Flyway Baseline >>", None, True, "BASELINE"),
        ("3", "three", 42, False, "SQL"),
    ]
    applied = {entry.version: entry for entry in Flyway().applied(rows, migrations)}
    assert sorted(applied) == ["1", "2", "3"]
    assert applied["3"].checksum == "42" and not applied["3"].success
    assert applied["1"].checksum == migrations[0].checksum
