"""Collection functions."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

from adapters.terraform.expressions import Context, Evaluator
from adapters.terraform.functions.registry import (
    as_bool,
    as_int,
    as_list,
    as_map,
    as_number,
    as_string,
    deep_unknown,
    kind,
    quoted,
    register,
)
from adapters.terraform.functions.text import graphemes
from adapters.terraform.functions.values import distinct, equality_key, unify
from adapters.terraform.limits import MAX_ELEMENTS, LimitExceeded
from adapters.terraform.values import as_unresolved, is_unknown


@register("length", arity=(1, 1), unknowns="shallow")
def _length(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    value = args[0]
    if isinstance(value, (list, dict)):
        return len(value)
    if isinstance(value, str):
        return len(value) if value.isascii() and "\r\n" not in value else len(graphemes(value))
    raise TypeError(f"argument must be a string, a collection or a structure, not {kind(value)}")


@register("alltrue", arity=(1, 1), unknowns="shallow")
def _alltrue(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    for item in as_list(args[0]):
        if is_unknown(item):
            return as_unresolved(item)
        if item is None or not as_bool(item):
            return False
    return True


@register("anytrue", arity=(1, 1), unknowns="shallow")
def _anytrue(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    unknown = None
    for item in as_list(args[0]):
        if is_unknown(item):
            unknown = unknown or as_unresolved(item)
        elif item is not None and as_bool(item):
            return True
    return unknown if unknown is not None else False


@register("chunklist", arity=(2, 2), unknowns="shallow")
def _chunklist(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    items, size = as_list(args[0]), as_int(args[1], "the size")
    if size < 0:
        raise ValueError("the size argument must be positive")
    if not items:
        return []
    if size == 0:
        return [list(items)]
    return [items[start : start + size] for start in range(0, len(items), size)]


@register("coalesce", unknowns="own")
def _coalesce(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    converted = unify(list(args))
    as_strings = any(isinstance(item, str) for item in converted)
    for item in converted:
        if is_unknown(item):
            return as_unresolved(item)
        if item is None or (as_strings and item == ""):
            continue
        return item
    raise ValueError("no non-null, non-empty-string arguments")


@register("coalescelist", arity=(1, None), unknowns="own")
def _coalescelist(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    if any(not (arg is None or is_unknown(arg) or isinstance(arg, list)) for arg in args):
        raise TypeError("coalescelist arguments must be lists or tuples")
    for item in args:
        if is_unknown(item):
            return as_unresolved(item)
        if item:
            return item
    raise ValueError("no non-null, non-empty arguments")


@register("compact", arity=(1, 1))
def _compact(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return [as_string(item) for item in as_list(args[0]) if item is not None and item != ""]


@register("concat", unknowns="shallow")
def _concat(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    lists = [as_list(items) for items in args]
    total = sum(map(len, lists))
    if total > MAX_ELEMENTS:
        raise LimitExceeded(f"concat() would make {total:,} elements: more than {MAX_ELEMENTS:,}")
    return [item for items in lists for item in items]


@register("contains", arity=(2, 2), unknowns="shallow")
def _contains(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    items, wanted = as_list(args[0]), args[1]
    if not items:
        return False
    unknown = deep_unknown([wanted])
    if unknown is not None:
        return unknown
    memo: dict[int, bytes] = {}
    key = equality_key(wanted, memo)
    if any(equality_key(item, memo) == key for item in items):
        return True
    # An element with an unknown part might have been the value.
    return deep_unknown(items) or False


@register("distinct", arity=(1, 1))
def _distinct_function(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return distinct(as_list(args[0]))


@register("element", arity=(2, 2), unknowns="shallow")
def _element(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    items, index = as_list(args[0]), as_int(args[1], "the index")
    if not items:
        raise ValueError("cannot use element function with an empty list")
    return items[index % len(items)]


@register("flatten", arity=(1, 1), unknowns="shallow")
def _flatten(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    flat: list[Any] = []
    visited = 0
    pending = list(reversed(as_list(args[0])))
    while pending:
        item = pending.pop()
        visited += 1
        if is_unknown(item):
            return as_unresolved(item)
        if isinstance(item, list):
            pending.extend(reversed(item))
        else:
            flat.append(item)
        if len(flat) > MAX_ELEMENTS or visited > 4 * MAX_ELEMENTS:
            raise LimitExceeded(f"flatten() would visit more than the {MAX_ELEMENTS:,} elements")
    return flat


@register("index", arity=(2, 2), unknowns="shallow")
def _index(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    items, wanted = as_list(args[0]), args[1]
    if not items:
        raise ValueError("cannot search an empty list")
    unknown = deep_unknown([wanted])
    if unknown is not None:
        return unknown
    memo: dict[int, bytes] = {}
    key = equality_key(wanted, memo)
    seen: set[int] = set()
    for position, item in enumerate(items):
        if equality_key(item, memo) == key:
            return position
        # An element with an unknown part before the match leaves the position open.
        unknown = deep_unknown([item], seen)
        if unknown is not None:
            return unknown
    raise ValueError("item not found")


@register("keys", arity=(1, 1), unknowns="shallow")
def _keys(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return sorted(as_map(args[0]))


@register("lookup", arity=(2, 3), unknowns="shallow")
def _lookup(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    table, key = as_map(args[0]), as_string(args[1])
    if key in table:
        return table[key]
    if len(args) > 2:
        return args[2]
    raise ValueError(f"lookup failed to find key {quoted(key)}")


@register("matchkeys", arity=(3, 3))
def _matchkeys(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    values, keys, searchset = (as_list(arg) for arg in args)
    if len(values) != len(keys):
        raise ValueError("length of keys and values should be equal")
    memo: dict[int, bytes] = {}
    unified = unify([*keys, *searchset])
    wanted = {equality_key(item, memo) for item in unified[len(keys) :]}
    return [
        value
        for value, key in zip(values, unified[: len(keys)], strict=True)
        if equality_key(key, memo) in wanted
    ]


@register("merge", unknowns="shallow")
def _merge(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    merged: dict[str, Any] = {}
    for item in args:
        if item is not None:
            merged.update(as_map(item))
    return merged


@register("one", arity=(1, 1), unknowns="shallow")
def _one(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    if not isinstance(args[0], list) or len(args[0]) > 1:
        raise ValueError("must be a list, set, or tuple value with either zero or one elements")
    return args[0][0] if args[0] else None


@register("range", arity=(1, 3))
def _range(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    # Fractions keep steps such as 0.1 exact, as Terraform's arbitrary-precision numbers do.
    numbers = [
        Fraction(Decimal(repr(n))) if isinstance(n, float) else Fraction(n)
        for n in map(as_number, args)
    ]
    if len(numbers) == 1:
        start, limit, step = Fraction(0), numbers[0], Fraction(-1 if numbers[0] < 0 else 1)
    elif len(numbers) == 2:
        start, limit = numbers
        step = Fraction(-1 if limit < start else 1)
    else:
        start, limit, step = numbers
    if step == 0:
        raise ValueError("step must not be zero")
    if step < 0 and limit > start:
        raise ValueError("end must be less than start when step is negative")
    if step > 0 and limit < start:
        raise ValueError("end must be greater than start when step is positive")
    length = max(math.ceil((limit - start) / step), 0)
    if length > MAX_ELEMENTS:
        raise LimitExceeded(
            f"range() of {length:,} numbers is longer than the {MAX_ELEMENTS:,} assaymark evaluates"
        )
    return [_from_fraction(start + step * index) for index in range(length)]


def _from_fraction(number: Fraction) -> int | float:
    return int(number) if number.denominator == 1 else float(number)


@register("reverse", arity=(1, 1), unknowns="shallow")
def _reverse(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return list(reversed(as_list(args[0])))


@register("slice", arity=(3, 3), unknowns="shallow")
def _slice(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    items = as_list(args[0])
    start, end = as_int(args[1], "the start index"), as_int(args[2], "the end index")
    if start < 0:
        raise ValueError("start index must not be less than zero")
    if start > len(items):
        raise ValueError("start index must not be greater than the length of the list")
    if end < 0:
        raise ValueError("end index must not be less than zero")
    if end > len(items):
        raise ValueError("end index must not be greater than the length of the list")
    if start > end:
        raise ValueError("start index must not be greater than end index")
    return items[start:end]


@register("sort", arity=(1, 1))
def _sort(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    items = as_list(args[0])
    if any(item is None for item in items):
        raise TypeError("a null string cannot be sorted")
    return sorted(as_string(item) for item in items)


@register("transpose", arity=(1, 1))
def _transpose(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    transposed: dict[str, list[str]] = {}
    for key, items in as_map(args[0]).items():
        for item in as_list(items):
            if item is None:
                raise TypeError("input list must not contain null string")
            transposed.setdefault(as_string(item), []).append(key)
    return {key: sorted(transposed[key]) for key in sorted(transposed)}


@register("values", arity=(1, 1), unknowns="shallow")
def _values(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    table = as_map(args[0])
    return [table[key] for key in sorted(table)]


@register("zipmap", arity=(2, 2), unknowns="shallow")
def _zipmap(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    keys, values = as_list(args[0]), as_list(args[1])
    unknown = deep_unknown(keys)
    if unknown is not None:
        return unknown
    if len(keys) != len(values):
        raise ValueError(
            f"number of keys ({len(keys)}) does not match number of values ({len(values)})"
        )
    if any(key is None for key in keys):
        raise TypeError("the keys list holds a null")
    return {as_string(key): value for key, value in zip(keys, values, strict=True)}
