"""Values as the Terraform adapter evaluates them, and their conversions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeGuard

from checker.models import Reference, Unresolved

AFTER_APPLY = "known only after apply"


@dataclass(frozen=True)
class EvalFailure(Unresolved):
    """An expression that Terraform itself would reject (a missing attribute, a bad index).

    Unlike a merely unknown value, `try()` and `can()` may step over it, as Terraform does.
    """


def is_unknown(value: Any) -> TypeGuard[Unresolved | Reference]:
    """Whether the value cannot be used as a concrete value."""
    return isinstance(value, (Unresolved, Reference))


def as_unresolved(value: Unresolved | Reference) -> Unresolved:
    """An unknown value as an `Unresolved` that says why it is unknown."""
    if isinstance(value, Reference):
        return Unresolved(value.expression, AFTER_APPLY)
    return value


def first_unknown(values: list[Any]) -> Unresolved | None:
    """The first unknown among `values`, as an `Unresolved`, or None if all are concrete."""
    for value in values:
        if is_unknown(value):
            return as_unresolved(value)
    return None


def deep_unknown(value: Any) -> Unresolved | None:
    """The first unknown anywhere inside `value`, or None if it is fully concrete."""
    if is_unknown(value):
        return as_unresolved(value)
    children: Any = ()
    if isinstance(value, dict):
        children = value.values()
    elif isinstance(value, list):
        children = value
    for child in children:
        found = deep_unknown(child)
        if found is not None:
            return found
    return None


def to_string(value: Any) -> str | None:
    """Terraform's conversion of a primitive value to a string; None for null and collections."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float, str)):
        return str(value)
    return None


def to_number(value: Any) -> int | float | None:
    """Terraform's conversion to a number, or None when the value is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return None
        return int(number) if number.is_integer() and "." not in value else number
    return None


def to_bool(value: Any) -> bool | None:
    """Terraform's conversion to a bool, or None when the value is not one."""
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return bool(value == "true")
    return None


def normalize_number(value: float) -> int | float:
    """Integral results stay integers, as Terraform prints them."""
    return int(value) if isinstance(value, float) and value.is_integer() else value
