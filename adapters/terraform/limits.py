"""Bounds on the work one Terraform expression may ask for.

Each is far above what real configurations use and far below what would exhaust the machine a
pre-commit hook or a CI job runs on. A value past a bound is an error that names the bound,
never a hang, a crash or a silent pass.
"""

from __future__ import annotations

from typing import Any

# Instances of one resource, data source or module (count, for_each).
MAX_INSTANCES = 10_000
# Elements of a list or map built by a function or a `for` expression; range() lengths.
MAX_ELEMENTS = 100_000
# Characters of a string built by a function or a template.
MAX_STRING = 1_000_000
# Padding a function may add: format() widths and precisions, indent() spaces.
MAX_WIDTH = 10_000
# Digits of a number literal.
MAX_DIGITS = 100


class LimitExceeded(ValueError):
    """A value larger than assaymark evaluates; the message names the limit."""


def check_size(value: Any) -> Any:
    """`value`, after making sure it is within the string and collection limits."""
    if isinstance(value, str) and len(value) > MAX_STRING:
        raise LimitExceeded(
            f"the result has {len(value):,} characters: more than the {MAX_STRING:,} "
            "characters assaymark evaluates"
        )
    if isinstance(value, (list, dict)) and len(value) > MAX_ELEMENTS:
        raise LimitExceeded(
            f"the result has {len(value):,} elements: more than the {MAX_ELEMENTS:,} "
            "elements assaymark evaluates"
        )
    return value


def check_width(width: int | float, what: str) -> int:
    """A padding width as an int, within MAX_WIDTH."""
    if width != width or abs(width) > MAX_WIDTH:  # NaN, infinity or just too wide
        raise LimitExceeded(f"{what} {width} is wider than the {MAX_WIDTH:,} assaymark evaluates")
    return int(width)
