"""Set functions."""

from __future__ import annotations

import math
from typing import Any

from adapters.terraform.expressions import Context, Evaluator
from adapters.terraform.functions.registry import as_list, register
from adapters.terraform.functions.values import as_set, equality_key, unify
from adapters.terraform.limits import MAX_ELEMENTS, LimitExceeded


def _sets(args: list[Any]) -> list[list[Any]]:
    return [as_set(as_list(arg)) for arg in args]


@register("setintersection", arity=(1, None))
def _setintersection(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    first, *others = _sets(_unified_sets(args))
    memo: dict[int, bytes] = {}
    for other in others:
        keys = {equality_key(item, memo) for item in other}
        first = [item for item in first if equality_key(item, memo) in keys]
    return first


@register("setsubtract", arity=(2, 2))
def _setsubtract(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    first, second = _sets(_unified_sets(args))
    memo: dict[int, bytes] = {}
    removed = {equality_key(item, memo) for item in second}
    return [item for item in first if equality_key(item, memo) not in removed]


@register("setunion", arity=(1, None), unknowns="shallow")
def _setunion(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return as_set([item for items in _unified_sets(args) for item in items])


def _unified_sets(args: list[Any]) -> list[list[Any]]:
    """The sets' elements converted to the one element type that all of them share."""
    lists = [as_list(arg) for arg in args]
    flat = unify([item for items in lists for item in items])
    unified, position = [], 0
    for items in lists:
        unified.append(flat[position : position + len(items)])
        position += len(items)
    return unified


@register("setproduct", arity=(2, None))
def _setproduct(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    factors = [unify(as_list(arg)) for arg in args]
    total = math.prod(len(factor) for factor in factors)
    if total > MAX_ELEMENTS:
        raise LimitExceeded(
            f"setproduct() would make {total:,} elements: more than the {MAX_ELEMENTS:,} "
            "elements assaymark evaluates"
        )
    product: list[list[Any]] = [[]]
    for factor in factors:
        product = [[*combination, item] for combination in product for item in factor]
    return product
