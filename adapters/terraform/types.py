"""Terraform's type constraints on variables, and its conversions of values to them.

A module's variables are converted to their declared `type` before any expression reads them,
as Terraform does: `"1"` given for a `number` is 1, `"true"` for a `bool` is true, and an object
type's `optional(type, default)` attributes are filled in, so that `v.create` is known when the
caller left it out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lark import Tree

from adapters.terraform.hcl import Expr, Syntax, source_text
from adapters.terraform.values import (
    EvalFailure,
    deep_unknown,
    is_unknown,
    to_bool,
    to_number,
    to_string,
)
from checker.models import Unresolved

_PRIMITIVES = frozenset({"string", "number", "bool", "any"})
_COLLECTIONS = frozenset({"list", "set", "map"})


@dataclass(frozen=True)
class TypeConstraint:
    """A type: `kind` is a primitive (`string`, `number`, `bool`, `any`), a collection (`list`,
    `set`, `map`, with `element`), `tuple` (with `elements`) or `object` (with `attributes`)."""

    kind: str
    element: TypeConstraint | None = None
    elements: tuple[TypeConstraint, ...] = ()
    attributes: dict[str, Attribute] = field(default_factory=dict)


@dataclass(frozen=True)
class Attribute:
    """An attribute of an object type; an optional one takes `default` when it is left out."""

    type: TypeConstraint
    optional: bool = False
    default: Any = None


ANY = TypeConstraint("any")


def _children(node: Syntax) -> list[Syntax]:
    return [c for c in node.children if isinstance(c, Tree) and c.data != "new_line_or_comment"]


def _unwrap(node: Syntax) -> Syntax:
    while node.data == "expr_term" and len(_children(node)) == 1:
        node = _children(node)[0]
    return node


class _TypeParser:
    """Reads a type expression's syntax tree; `evaluate` gives the value of a default."""

    def __init__(self, expr: Expr, evaluate: Callable[[Expr], Any]) -> None:
        self.expr = expr
        self.evaluate = evaluate

    def parse(self, node: Syntax) -> TypeConstraint:
        node = _unwrap(node)
        if node.data == "identifier":
            name = str(node.children[0])
            if name in _PRIMITIVES:
                return TypeConstraint(name)
            if name in _COLLECTIONS:  # `list` alone is `list(any)`
                return TypeConstraint(name, ANY)
        if node.data == "function_call":
            children = _children(node)
            name = str(children[0].children[0])
            arguments = _children(children[1]) if len(children) > 1 else []
            if name in _COLLECTIONS and len(arguments) == 1:
                return TypeConstraint(name, self.parse(arguments[0]))
            if name == "tuple" and len(arguments) == 1:
                items = _unwrap(arguments[0])
                if items.data == "tuple":
                    return TypeConstraint(
                        "tuple", elements=tuple(map(self.parse, _children(items)))
                    )
            if name == "object" and len(arguments) == 1:
                return self._object(_unwrap(arguments[0]))
        raise ValueError(source_text(node, self.expr.file))

    def _object(self, node: Syntax) -> TypeConstraint:
        if node.data != "object":
            raise ValueError(source_text(node, self.expr.file))
        attributes: dict[str, Attribute] = {}
        for element in _children(node):
            key_node, value_node = _children(element)[0], _children(element)[-1]
            key = _unwrap(
                _children(key_node)[0] if key_node.data == "object_elem_key" else key_node
            )
            if key.data == "identifier":
                name = str(key.children[0])
            elif key.data == "string":
                name = source_text(key, self.expr.file).strip('"')
            else:
                raise ValueError(source_text(key, self.expr.file))
            attributes[name] = self._attribute(_unwrap(value_node))
        return TypeConstraint("object", attributes=attributes)

    def _attribute(self, node: Syntax) -> Attribute:
        if node.data == "function_call":
            children = _children(node)
            if str(children[0].children[0]) == "optional":
                arguments = _children(children[1]) if len(children) > 1 else []
                if not 1 <= len(arguments) <= 2:
                    raise ValueError(source_text(node, self.expr.file))
                kind = self.parse(arguments[0])
                default = (
                    self.evaluate(Expr(arguments[1], self.expr.file))
                    if len(arguments) == 2
                    else None
                )
                if default is not None:
                    default = convert(default, kind, "the optional attribute's default")
                return Attribute(kind, optional=True, default=default)
        return Attribute(self.parse(node))


def parse_type(expr: Expr, evaluate: Callable[[Expr], Any]) -> TypeConstraint | Unresolved:
    """The type constraint written in a variable's `type`, or why it cannot be read."""
    try:
        return _TypeParser(expr, evaluate).parse(expr.tree)
    except (ValueError, IndexError, AttributeError) as exc:
        return Unresolved(expr.text, f"type constraint {exc or expr.text} is not understood")


def convert(value: Any, constraint: TypeConstraint, where: str) -> Any:
    """`value` converted to `constraint` as Terraform converts a variable's value, or the
    failure Terraform reports. Unknown parts stay unknown; null stays null."""
    if value is None or is_unknown(value) or constraint.kind == "any":
        return value
    kind = constraint.kind
    if kind == "string":
        if isinstance(value, str) or (isinstance(value, (dict, list)) and deep_unknown(value)):
            # A document with unknown parts (jsonencode, a policy document) is JSON text to be.
            return value
        text = to_string(value)
        return text if text is not None else _mismatch(where, "a string")
    if kind == "number":
        number = to_number(value)
        return number if number is not None else _mismatch(where, "a number")
    if kind == "bool":
        flag = to_bool(value)
        return flag if flag is not None else _mismatch(where, "a bool")
    if kind in ("list", "set"):
        if not isinstance(value, list):
            return _mismatch(where, f"a {kind}")
        element = constraint.element or ANY
        items = [convert(item, element, f"{where}[{i}]") for i, item in enumerate(value)]
        return _as_set(items) if kind == "set" else items
    if kind == "map":
        if not isinstance(value, dict):
            return _mismatch(where, "a map")
        element = constraint.element or ANY
        return {key: convert(item, element, f"{where}.{key}") for key, item in value.items()}
    if kind == "tuple":
        if not isinstance(value, list) or len(value) != len(constraint.elements):
            return _mismatch(where, f"a tuple of {len(constraint.elements)} elements")
        return [
            convert(item, element, f"{where}[{i}]")
            for i, (item, element) in enumerate(zip(value, constraint.elements, strict=True))
        ]
    return _object(value, constraint, where)


def _as_set(items: list[Any]) -> list[Any]:
    """A set's elements: without repeats, and strings in Terraform's (lexical) order."""
    if not all(isinstance(item, str) for item in items):
        unique: list[Any] = []
        for item in items:
            if item not in unique:
                unique.append(item)
        return unique
    return sorted(set(items))


def _object(value: Any, constraint: TypeConstraint, where: str) -> Any:
    if not isinstance(value, dict):
        return _mismatch(where, "an object")
    converted: dict[str, Any] = {}
    for name, attribute in constraint.attributes.items():
        if name in value and value[name] is not None:
            converted[name] = convert(value[name], attribute.type, f"{where}.{name}")
        elif attribute.optional:
            converted[name] = attribute.default
        elif name in value:
            converted[name] = None
        else:
            return EvalFailure(where, f"attribute {name!r} is required by the variable's type")
    # Attributes the type does not declare are dropped, as Terraform drops them.
    return converted


def _mismatch(where: str, wanted: str) -> EvalFailure:
    return EvalFailure(where, f"the value is not {wanted}, as the variable's type requires")
