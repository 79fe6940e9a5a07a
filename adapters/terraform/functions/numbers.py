"""Numeric functions."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from adapters.terraform.functions.registry import as_int, as_list, as_number, kind, quoted, simple
from adapters.terraform.limits import MAX_DIGITS, LimitExceeded
from adapters.terraform.values import normalize_number


def _log(number: Any, base: Any) -> int | float:
    result = math.log(float(as_number(number))) / math.log(float(as_number(base)))
    if not math.isfinite(result):
        raise ValueError("the result is not a finite number")
    return normalize_number(result)


def _pow(number: Any, power: Any) -> int | float:
    base, exponent = as_number(number), as_number(power)
    exact = isinstance(base, int) and isinstance(exponent, int) and exponent >= 0
    if exact and (abs(base) <= 1 or exponent * math.log10(abs(base)) < MAX_DIGITS):
        return int(base**exponent)
    result = math.pow(float(base), float(exponent))
    if not math.isfinite(result):
        raise ValueError("the result is not a finite number")
    return normalize_number(result)


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _parseint(text: Any, base: Any) -> int:
    if not isinstance(text, str):
        raise TypeError(f"the first argument must be a string, not {kind(text)}")
    radix = as_int(base, "the base")
    if not 2 <= radix <= 62:
        raise ValueError("base must be a whole number between 2 and 62 inclusive")
    digits = text[1:] if text[:1] in "+-" else text
    if len(digits) > 4 * MAX_DIGITS:
        raise LimitExceeded(f"a number of more than {4 * MAX_DIGITS} digits is not evaluated")
    if radix <= 36:
        digits = digits.lower()
    result = 0
    for character in digits:
        value = _DIGITS.find(character)
        if not 0 <= value < radix:
            raise ValueError(f"cannot parse {quoted(text)} as a base {radix} integer")
        result = result * radix + value
    if not digits:
        raise ValueError(f"cannot parse {quoted(text)} as a base {radix} integer")
    return -result if text.startswith("-") else result


def _sum(items: Any) -> int | float:
    numbers = as_list(items)
    if not numbers:
        raise ValueError("cannot sum an empty list")
    total: int | float = 0
    for item in numbers:
        if item is None:
            raise TypeError("the list must hold only numbers, not null")
        total += as_number(item)
    return normalize_number(total)


def _extreme(choose: Callable[..., Any], numbers: tuple[Any, ...]) -> int | float:
    if not numbers:
        raise TypeError("at least one number is required")
    return normalize_number(choose(as_number(x) for x in numbers))


simple("abs", lambda number: abs(as_number(number)))
simple("ceil", lambda number: math.ceil(as_number(number)))
simple("floor", lambda number: math.floor(as_number(number)))
simple("log", _log)
simple("max", lambda *numbers: _extreme(max, numbers))
simple("min", lambda *numbers: _extreme(min, numbers))
simple("parseint", _parseint)
simple("pow", _pow)
simple("signum", lambda number: (as_number(number) > 0) - (as_number(number) < 0))
simple("sum", _sum)
