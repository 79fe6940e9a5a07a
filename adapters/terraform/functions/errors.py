"""Errors as values: try() and can()."""

from __future__ import annotations

from typing import Any

from adapters.terraform.expressions import Context, Evaluator
from adapters.terraform.functions.registry import deep_unknown, failure_inside, register
from adapters.terraform.values import EvalFailure


@register("try", arity=(1, None), unknowns="own")
def _try(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    for arg in args:
        if failure_inside(arg) is not None:
            continue
        return arg
    return EvalFailure("", "no argument of try() could be evaluated")


@register("can", arity=(1, 1), unknowns="own")
def _can(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    unknown = deep_unknown(args)
    if isinstance(unknown, EvalFailure):
        return False
    return unknown if unknown is not None else True
