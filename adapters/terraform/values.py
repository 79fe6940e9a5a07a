"""Values as the Terraform adapter evaluates them, and their conversions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, TypeGuard

from checker.models import Reference, Unresolved
from checker.redaction import (
    PLAIN_PARAMETER_TYPES,
    PROVIDER_SECRET_ARGUMENTS,
    SensitiveText,
    mark_sensitive,
)

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
        return Unresolved(value.expression, value.unknown_because)
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


def provider_sensitive_arguments(resource_type: str, values: dict[str, Any]) -> list[str]:
    """The arguments of a resource that its provider holds secret though their names do not
    say so: an SSM parameter's value, unless the parameter is declared a plain `String` or
    `StringList` (a setting that other resources read, such as a bucket's name)."""
    argument = PROVIDER_SECRET_ARGUMENTS.get(resource_type)
    if argument is None or argument not in values or values.get("type") in PLAIN_PARAMETER_TYPES:
        return []
    return [argument]


def _secrets_in(values: list[Any]) -> frozenset[str]:
    """The secrets of every sensitive string anywhere inside `values`."""
    found: set[str] = set()
    pending = list(values)
    while pending:
        value = pending.pop()
        if isinstance(value, SensitiveText):
            found.update(value.secrets)
        elif isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return frozenset(found)


def carry_sensitivity(arguments: list[Any], result: Any, *, verbatim: bool = False) -> Any:
    """`result` with the strings made from sensitive `arguments` marked sensitive, as Terraform
    marks what is computed from a sensitive value.

    A string that holds a secret as written is marked for that secret alone, so that the rest
    stays readable; one computed from a sensitive string argument that it does not hold as
    written (`upper`, `base64encode`, `split`) is secret as a whole. `verbatim` says the result
    holds every argument as written (interpolation).
    """
    secrets = _secrets_in(arguments)
    if not secrets:
        return result
    transformed = () if verbatim else [a for a in arguments if isinstance(a, SensitiveText)]
    # jsonencode writes a secret with its quotes and backslashes escaped.
    written = {json.dumps(secret)[1:-1] for secret in secrets} | secrets

    def mark(value: Any) -> Any:
        if isinstance(value, SensitiveText):
            return value
        if isinstance(value, str):
            if any(str(argument) not in value for argument in transformed):
                return SensitiveText(value, {value, *secrets})
            held = {secret for secret in written if secret in value}
            return SensitiveText(value, held | secrets) if held else value
        if isinstance(value, list):
            return [mark(item) for item in value]
        if isinstance(value, dict):
            return {key: mark(item) for key, item in value.items()}
        return value

    return mark(result)


def mark_sensitive_paths(value: Any, sensitive: Any) -> Any:
    """`value` with the parts a plan's `sensitive_values` mirror flags `true` marked sensitive."""
    if sensitive is True:
        return mark_sensitive(value)
    if isinstance(sensitive, dict) and isinstance(value, dict):
        return {key: mark_sensitive_paths(item, sensitive.get(key)) for key, item in value.items()}
    if isinstance(sensitive, list) and isinstance(value, list):
        return [
            mark_sensitive_paths(item, sensitive[index] if index < len(sensitive) else None)
            for index, item in enumerate(value)
        ]
    return value


class LazyObject:
    """An object whose attributes are evaluated only when an expression reads them (one
    resource or data source instance); what stands for it as a whole is a `Reference`."""

    def attribute(self, name: str) -> Any:
        """The value of one attribute."""
        raise NotImplementedError

    def reference(self) -> Reference:
        """The object as a whole."""
        raise NotImplementedError


def settled(value: Any) -> Any:
    """`value` with every lazy object inside replaced by the reference that stands for it (the
    value itself when it holds none)."""
    if isinstance(value, LazyObject):
        return value.reference()
    if isinstance(value, list):
        items = [settled(item) for item in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if isinstance(value, dict):
        entries = {key: settled(item) for key, item in value.items()}
        return value if all(entries[key] is item for key, item in value.items()) else entries
    return value
