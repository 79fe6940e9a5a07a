"""Which findings are kept when they are bounded, and how many were left out."""

from __future__ import annotations

import pytest

from checker.errors import UsageError
from checker.formats.base import FormatSettings
from checker.formats.selection import LeftOut, select
from checker.models import Status

ITEMS = [
    (Status.WAIVED, "critical"),
    (Status.FAIL, "low"),
    (Status.BASELINED, "critical"),
    (Status.ERROR, "info"),
    (Status.FAIL, "critical"),
    (Status.ERROR, None),
]


def kept(**settings: object) -> tuple[list[tuple[Status, str | None]], LeftOut]:
    return select(ITEMS, lambda item: item, FormatSettings(**settings))  # type: ignore[arg-type]


def test_everything_is_kept_in_order_without_bounds() -> None:
    assert kept() == (ITEMS, LeftOut())


def test_the_most_important_are_kept_in_their_own_order() -> None:
    chosen, left_out = kept(max_results=3)
    assert chosen == [(Status.ERROR, "info"), (Status.FAIL, "critical"), (Status.ERROR, None)]
    assert left_out == LeftOut(over_limit=3)
    chosen, _ = kept(max_results=5)
    assert (Status.BASELINED, "critical") in chosen
    assert (Status.WAIVED, "critical") not in chosen


def test_min_severity_leaves_out_the_less_severe_but_never_a_source_error() -> None:
    chosen, left_out = kept(min_severity="high")
    assert [severity for _, severity in chosen] == ["critical", "critical", "critical", None]
    assert left_out.below_severity == 2
    assert left_out.reasons(FormatSettings(min_severity="high")) == "2 below --min-severity high"


@pytest.mark.parametrize(
    ("settings", "message"),
    [({"min_severity": "urgent"}, "--min-severity urgent"), ({"max_results": -1}, "--max-results")],
)
def test_bad_bounds_are_usage_errors(settings: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        kept(**settings)
