"""Type conversions and sensitivity."""

from __future__ import annotations

from typing import Any

from adapters.terraform.expressions import Context, Evaluator
from adapters.terraform.functions.registry import (
    as_bool,
    as_list,
    as_map,
    as_number,
    as_string,
    register,
    simple,
)
from adapters.terraform.functions.values import as_set, unify
from adapters.terraform.values import EvalFailure
from checker.models import Unresolved
from checker.redaction import SensitiveText, mark_sensitive


def _tolist(value: Any) -> Any:
    if value is None:
        return None
    return unify(list(as_list(value)))


def _toset(value: Any) -> Any:
    if value is None:
        return None
    return as_set(as_list(value))


def _tomap(value: Any) -> Any:
    if value is None:
        return None
    table = as_map(value)
    return dict(zip(table, unify(list(table.values())), strict=True))


def _tostring(value: Any) -> Any:
    return None if value is None else as_string(value)


def _tonumber(value: Any) -> Any:
    return None if value is None else as_number(value)


def _tobool(value: Any) -> Any:
    return None if value is None else as_bool(value)


simple("tolist", _tolist, unknowns="shallow")
simple("toset", _toset, unknowns="shallow")
simple("tomap", _tomap, unknowns="shallow")
simple("tostring", _tostring)
simple("tonumber", _tonumber)
simple("tobool", _tobool)


@register("sensitive", arity=(1, 1), unknowns="own")
def _sensitive(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    # Only strings carry the mark: a number or bool made sensitive is shown as it is.
    return mark_sensitive(args[0])


@register("nonsensitive", arity=(1, 1), unknowns="own")
def _nonsensitive(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    # Terraform shows the value after nonsensitive(); a report must still never show a secret,
    # so the value keeps its marks (the evaluator would mark it again from its argument anyway).
    return args[0]


@register("issensitive", arity=(1, 1), unknowns="shallow")
def _issensitive(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    if isinstance(args[0], str):
        return isinstance(args[0], SensitiveText)
    return Unresolved("", "assaymark tracks sensitivity on strings only")


@register("ephemeralasnull", arity=(1, 1))
def _ephemeralasnull(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return Unresolved("", "assaymark does not track which values are ephemeral")


@register("convert", arity=(2, 2), unknowns="own")
def _convert(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return Unresolved("", "convert()'s type constraint argument is not evaluated by assaymark")


@register("type", unknowns="own")
def _type(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return EvalFailure("", "type() exists only in terraform console")


@register("list", unknowns="own")
def _removed_list(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return EvalFailure("", "the list() function was removed in Terraform 0.12: use tolist([...])")


@register("map", unknowns="own")
def _removed_map(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return EvalFailure("", "the map() function was removed in Terraform 0.12: use tomap({...})")
