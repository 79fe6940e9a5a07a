"""The registry of built-in functions, and the helpers that the groups of functions share.

How a function meets unknown values and errors inside its arguments, how an argument is
converted as Terraform converts it, and the bound on the length of a string a call builds.
"""

from __future__ import annotations

import inspect
import json
import math
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Literal

from adapters.terraform.expressions import Context, Evaluator
from adapters.terraform.limits import MAX_DIGITS, MAX_STRING, LimitExceeded
from adapters.terraform.values import (
    EvalFailure,
    as_unresolved,
    first_unknown,
    is_unknown,
    normalize_number,
)
from checker.models import Unresolved

Function = Callable[[Evaluator, Context, list[Any]], Any]
FUNCTIONS: dict[str, Function] = {}

# How a function meets unknown values: "deep" (any unknown inside any argument makes the call
# unknown), "shallow" (only an argument that is unknown as a whole does), "own" (it decides).
Unknowns = Literal["deep", "shallow", "own"]


def register(
    name: str, *, arity: tuple[int, int | None] = (0, None), unknowns: Unknowns = "deep"
) -> Callable[[Function], Function]:
    """Register a function taking `arity` (at least, at most) arguments."""

    def decorate(function: Function) -> Function:
        def call(evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
            _check_arity(arity, len(args))
            unknown = None
            if unknowns == "deep":
                unknown = deep_unknown(args)
            elif unknowns == "shallow":
                unknown = first_unknown(args)
            if unknown is not None:
                return unknown
            return function(evaluator, context, args)

        FUNCTIONS[name] = call
        return function

    return decorate


def simple(name: str, implementation: Callable[..., Any], unknowns: Unknowns = "deep") -> None:
    """Register a function of its arguments alone; its parameters give its arity."""
    parameters = inspect.signature(implementation).parameters.values()
    positional = [p for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
    required = sum(1 for p in positional if p.default is p.empty)
    variadic = any(p.kind is p.VAR_POSITIONAL for p in parameters)
    arity = (required, None if variadic else len(positional))
    register(name, arity=arity, unknowns=unknowns)(
        lambda _evaluator, _context, args: implementation(*args)
    )


def _check_arity(arity: tuple[int, int | None], given: int) -> None:
    least, most = arity
    if given < least:
        raise TypeError(f"{least} argument{'s' * (least != 1)} required, {given} given")
    if most is not None and given > most:
        raise TypeError(f"at most {most} argument{'s' * (most != 1)} accepted, {given} given")


# -- unknowns and failures inside values ---------------------------------------------------


def _children(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return list(value.values())
    return value if isinstance(value, list) else []


def deep_unknown(values: list[Any], seen: set[int] | None = None) -> Unresolved | None:
    """The first error inside `values`, else the first unknown, else None.

    Shared parts (a local used many times) are walked once, so the walk is linear in memory;
    `seen` holds the collections already walked, to share between calls.
    """
    found: Unresolved | None = None
    seen = set() if seen is None else seen
    pending = list(reversed(values))
    while pending:
        value = pending.pop()
        if isinstance(value, EvalFailure):
            return value
        if is_unknown(value):
            found = found or as_unresolved(value)
        elif isinstance(value, (list, dict)) and id(value) not in seen:
            seen.add(id(value))
            pending.extend(reversed(_children(value)))
    return found


def failure_inside(value: Any) -> EvalFailure | None:
    """An error anywhere inside `value`: Terraform would have failed the whole expression."""
    unknown = deep_unknown([value])
    return unknown if isinstance(unknown, EvalFailure) else None


# -- arguments -----------------------------------------------------------------------------

_DECIMAL = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def kind(value: Any) -> str:
    """The kind of a value as Terraform's types name it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "map"
    return "unknown" if is_unknown(value) else type(value).__name__


def _required(what: str, value: Any) -> TypeError:
    return TypeError(f"{what} is required, not {kind(value)}")


def parse_number(text: str) -> int | float | None:
    """A decimal number written as text, as Terraform converts a string; None if it is not one."""
    if not _DECIMAL.fullmatch(text):
        return None
    mantissa = re.split("[eE]", text)[0]
    if sum(character.isdigit() for character in mantissa) > MAX_DIGITS:
        raise LimitExceeded(f"a number of more than {MAX_DIGITS} digits is not evaluated")
    number = Decimal(text)
    if number == number.to_integral_value() and number.adjusted() <= MAX_DIGITS:
        return int(number)
    result = float(number)
    if not math.isfinite(result):
        raise LimitExceeded("a number this large is not evaluated")
    return normalize_number(result)


def as_number(value: Any) -> int | float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        number = parse_number(str(value))
        if number is not None:
            return number
        raise TypeError(f"a number is required: {quoted(value)} is not a number")
    raise _required("a number", value)


def as_int(value: Any, what: str = "the number") -> int:
    number = as_number(value)
    if isinstance(number, float) and not number.is_integer():
        raise ValueError(f"{what} must be a whole number, not {number}")
    return int(number)


def number_text(number: int | float) -> str:
    """A number as Terraform writes it in a string: no exponent, no trailing `.0`."""
    number = normalize_number(number)
    if isinstance(number, int):
        return str(number)
    text = format(Decimal(repr(number)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def as_string(value: Any) -> str:
    """A primitive value as a string, as Terraform converts one (a sensitive string stays
    the `SensitiveText` it is)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return number_text(value)
    raise _required("a string", value)


def as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return bool(value == "true")
    if isinstance(value, str):
        raise TypeError('a bool is required: only the strings "true" or "false" convert to one')
    raise _required("a bool", value)


def as_list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise _required("a list", value)
    return value


def as_map(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _required("a map", value)
    return value


def quoted(text: str, keep: int = 60) -> str:
    shown = text if len(text) <= keep else text[:keep] + "..."
    return json.dumps(shown)


# -- the length of strings built -----------------------------------------------------------


def check_length(length: int, what: str) -> None:
    if length > MAX_STRING:
        raise LimitExceeded(
            f"{what} would make {length:,} characters: more than the {MAX_STRING:,} "
            "characters assaymark evaluates"
        )
