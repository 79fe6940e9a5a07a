"""Evaluating HCL expressions where Terraform could know their values before apply.

Literals, variables, locals, interpolation, operators, conditionals, `for` expressions and the
common functions are evaluated. What cannot be known statically becomes `Unresolved` (an
unknown variable, a function not evaluated here) or `Reference` (another resource's attribute),
never a guess.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from lark import Token, Tree
from lark.exceptions import LarkError

from adapters.terraform.hcl import (
    Expr,
    Expression,
    SourceFile,
    Syntax,
    parse_expression,
    source_text,
    subtree,
)
from adapters.terraform.hcl_parser import TOKEN_TYPES
from adapters.terraform.limits import MAX_DIGITS, MAX_STRING, check_size
from adapters.terraform.values import (
    AFTER_APPLY,
    EvalFailure,
    LazyObject,
    as_unresolved,
    carry_sensitivity,
    is_unknown,
    normalize_number,
    settled,
    to_bool,
    to_number,
    to_string,
)
from checker.models import Reference, Unresolved


class ModuleScope(Protocol):
    """What an expression can see of the module it is written in."""

    namespace: str
    prefix: str
    directory: Path
    root_directory: Path

    def variable(self, name: str) -> Any:
        """The value of `var.NAME`."""

    def local(self, name: str) -> Any:
        """The value of `local.NAME`."""

    def module_output(self, name: str, key: Any, output: str) -> Any:
        """The value of `module.NAME[KEY].OUTPUT` (KEY is None without an index)."""

    def data_source(self, data_type: str, name: str, key: Any) -> Any:
        """The value of `data.TYPE.NAME[KEY]`."""

    def module_object(self, name: str) -> Any:
        """The value of `module.NAME` as a whole: its outputs."""

    def resource(self, resource_type: str, name: str) -> Any:
        """The value of `TYPE.NAME`: its instances, whose written arguments are known."""


@dataclass
class Context:
    """A module and the names in scope (count, each, for-expression and iterator variables)."""

    module: ModuleScope
    names: dict[str, Any] = field(default_factory=dict)

    def with_names(self, **names: Any) -> Context:
        """The same module with more names in scope."""
        return Context(self.module, {**self.names, **names})


_TRAVERSALS = frozenset(
    {"get_attr_expr_term", "index_expr_term", "attr_splat_expr_term", "full_splat_expr_term"}
)
_SETTLED_ROOTS = frozenset({"var", "local", "path", "module", "terraform", "self"})
_NAMESPACES_UNKNOWN = {"terraform": "workspace is chosen at run time", "self": AFTER_APPLY}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)")
_HEREDOC = re.compile(r"<<(-?)([A-Za-z][A-Za-z0-9._-]*)\n?(.*?)\n?[ \t]*\2[ \t]*\n?$", re.DOTALL)

# HCL operator precedence, lowest first.
_PRECEDENCE = {
    "||": 1,
    "&&": 2,
    "==": 3,
    "!=": 3,
    ">": 4,
    ">=": 4,
    "<": 4,
    "<=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "/": 6,
    "%": 6,
}


def _unescape(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] in "uU" and len(code) > 1:
            return chr(int(code[1:], 16))
        return _ESCAPES.get(code, "\\" + code)

    return _ESCAPE.sub(replace, text)


def _trees(node: Syntax) -> list[Syntax]:
    """Child trees, without the newlines and comments the grammar keeps."""
    return [c for c in node.children if isinstance(c, Tree) and c.data != "new_line_or_comment"]


def _first_tree(node: Syntax) -> Syntax:
    """The first of `_trees(node)`, found without listing the others."""
    for child in node.children:
        if isinstance(child, Tree) and child.data != "new_line_or_comment":
            return child
    raise IndexError(f"no subtree in {node.data}")


class Evaluator:
    """Evaluates expressions; `functions` maps a function name to its implementation."""

    def __init__(self, functions: dict[str, Callable[[Evaluator, Context, list[Any]], Any]]):
        self.functions = functions

    # -- entry points -----------------------------------------------------------------------

    def evaluate(self, expr: Expression, context: Context) -> Any:
        """The value of an expression (in either syntax) in a context."""
        if not isinstance(expr, Expr):
            return expr.evaluate(self, context)
        try:
            return self._eval(expr.tree, expr.file, context)
        except RecursionError:
            return EvalFailure(_abridged(expr.text), "nested more deeply than assaymark evaluates")

    def template(self, text: str, file: SourceFile, context: Context) -> Any:
        """Render a template (a heredoc body or a templatefile): `${...}` interpolations."""
        parts: list[Any] = []
        position = 0
        while position < len(text):
            start = _next_template_marker(text, position)
            if start < 0:
                parts.append(text[position:].replace("$${", "${").replace("%%{", "%{"))
                break
            parts.append(text[position:start].replace("$${", "${").replace("%%{", "%{"))
            end = _closing_brace(text, start + 2)
            if text[start] == "%":
                return Unresolved(text[start : end + 1], "template directives are not evaluated")
            if end < 0:
                return EvalFailure(text[start : start + 40], "unterminated interpolation")
            inner = text[start + 2 : end]
            try:
                parsed = parse_expression(inner, file)
            except LarkError:
                return EvalFailure("${" + inner + "}", "not a valid expression")
            parts.append(self.evaluate(parsed, context))
            position = end + 1
        return _join_parts(parts, text)

    # -- the walk ---------------------------------------------------------------------------

    def _eval(self, node: Syntax | Token, file: SourceFile, context: Context) -> Any:
        if not isinstance(node, Tree):  # a token, Lark's or lark-cython's
            return str(node)
        handler = _HANDLERS.get(node.data)
        if handler is None:
            return Unresolved(source_text(node, file), f"`{node.data}` is not evaluated")
        return handler(self, node, file, context)

    def _eval_expr_term(self, node: Syntax, file: SourceFile, context: Context) -> Any:
        return self._eval(_first_tree(node), file, context)

    def _eval_int_lit(self, node: Syntax, file: SourceFile, context: Context) -> Any:
        digits = "".join(str(token) for token in node.children)
        if len(digits) > MAX_DIGITS:
            return EvalFailure(
                _abridged(digits), f"a number of more than {MAX_DIGITS} digits is not evaluated"
            )
        return int(digits)

    def _eval_float_lit(self, node: Syntax, file: SourceFile, context: Context) -> Any:
        text = "".join(str(token) for token in node.children)
        number = float(text)
        if not math.isfinite(number) or len(text) > MAX_DIGITS:
            return EvalFailure(_abridged(text), "a number this large is not evaluated")
        return number

    def _eval_string(self, node: Syntax, file: SourceFile, context: Context) -> Any:
        parts: list[Any] = []
        for part in _trees(node):
            piece = part.children[0]
            if isinstance(piece, Tree):  # an interpolation
                parts.append(self._eval(_first_tree(piece), file, context))
            elif piece.type == "ESCAPED_INTERPOLATION":
                parts.append(str(piece)[1:])
            elif "%{" in str(piece).replace("%%{", ""):
                return Unresolved(source_text(node, file), "template directives are not evaluated")
            else:
                parts.append(_unescape(str(piece)).replace("%%{", "%{"))
        return _join_parts(parts, source_text(node, file))

    def _eval_heredoc_template(self, node: Syntax, file: SourceFile, context: Context) -> Any:
        match = _HEREDOC.match(str(node.children[0]))
        if match is None:
            return EvalFailure(source_text(node, file), "malformed heredoc")
        body = match.group(3)
        if match.group(1):
            lines = body.split("\n")
            indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
            trim = min(indents, default=0)
            body = "\n".join(line[trim:] for line in lines)
        return self.template(body + "\n", file, context)

    _eval_heredoc_template_trim = _eval_heredoc_template

    def _eval_tuple(self, node: Syntax, file: SourceFile, context: Context) -> Any:
        return [self._eval(child, file, context) for child in _trees(node)]

    def _eval_object(self, node: Syntax, file: SourceFile, context: Context) -> Any:
        result: dict[str, Any] = {}
        for element in _trees(node):
            key_node, value_node = _trees(element)[0], _trees(element)[-1]
            key = self._object_key(key_node, file, context)
            if is_unknown(key):
                return key
            result[str(key)] = self._eval(value_node, file, context)
        return result

    def _object_key(self, node: Syntax, file: SourceFile, context: Context) -> Any:
        inner = _trees(node)[0]
        if inner.data == "identifier":
            return str(inner.children[0])
        if inner.data == "object_elem_key_dot_accessor":
            return ".".join(str(child.children[0]) for child in _trees(inner))
        if inner.data == "object_elem_key_expression":
            key = self._eval(_trees(inner)[0], file, context)
        else:
            key = self._eval(inner, file, context)
        if is_unknown(key):
            return key
        text = to_string(key)
        return text if text is not None else EvalFailure(source_text(inner, file), "bad key")

    def _eval_identifier(self, node: Syntax, file: SourceFile, context: Context) -> Any:
        name = str(node.children[0])
        if name in ("true", "false"):
            return name == "true"
        if name == "null":
            return None
        if name in context.names:
            return settled(context.names[name])
        return EvalFailure(name, "unknown name")

    def _eval_conditional(self, node: Syntax, file: SourceFile, context: Context) -> Any:
        condition = _trees(node)[0]
        return self._choose(self._eval(condition, file, context), node, file, context)

    def _choose(self, decided: Any, node: Syntax, file: SourceFile, context: Context) -> Any:
        condition, when_true, when_false = _trees(node)
        if is_unknown(decided):
            return as_unresolved(decided)
        flag = to_bool(decided)
        if flag is None:
            return EvalFailure(source_text(condition, file), "condition is not a bool")
        return self._eval(when_true if flag else when_false, file, context)

    def _eval_unary_op(self, node: Syntax, file: SourceFile, context: Context) -> Any:
        operator = str(node.children[0])
        value = self._eval(_trees(node)[0], file, context)
        if is_unknown(value):
            return as_unresolved(value)
        if operator == "!":
            flag = to_bool(value)
            return EvalFailure(source_text(node, file), "not a bool") if flag is None else not flag
        number = to_number(value)
        return EvalFailure(source_text(node, file), "not a number") if number is None else -number

    def _eval_binary_op(self, node: Syntax, file: SourceFile, context: Context) -> Any:
        # The grammar nests operators to the right without precedence: flatten, then re-associate.
        operands: list[Syntax] = []
        operators: list[str] = []
        current: Syntax = node
        while isinstance(current, Tree) and current.data == "binary_op":
            left, term = _trees(current)
            operands.append(left)
            operator_tree, right = _trees(term)[0], _trees(term)[-1]
            operators.append(str(operator_tree.children[0]))
            current = right
        # `a < b ? c : d` parses as `a < (b ? c : d)`: the conditional belongs on top.
        conditional = current if current.data == "conditional" else None
        if conditional is not None:
            current = _trees(conditional)[0]
        operands.append(current)
        values = [self._eval(operand, file, context) for operand in operands]
        value = _reduce(values, operators, source_text(node, file))
        if conditional is None:
            return value
        return self._choose(value, conditional, file, context)

    def _eval_function_call(self, node: Syntax, file: SourceFile, context: Context) -> Any:
        children = _trees(node)
        name = str(children[0].children[0])
        arguments = (
            [self._eval(arg, file, context) for arg in _trees(children[1])]
            if len(children) > 1
            else []
        )
        text = source_text(node, file)
        if text.rstrip(") \n").endswith("..."):
            expanded = arguments.pop() if arguments else []
            if is_unknown(expanded):
                return as_unresolved(expanded)
            if not isinstance(expanded, list):
                return EvalFailure(text, "only a list can be expanded with ...")
            arguments.extend(expanded)
        function = self.functions.get(name)
        if function is None:
            return Unresolved(text, f"function {name}() is not evaluated by assaymark")
        try:
            result = check_size(function(self, context, arguments))
        except (
            TypeError,
            ValueError,
            KeyError,
            IndexError,
            ZeroDivisionError,
            OverflowError,
        ) as exc:
            return EvalFailure(_abridged(text), f"{name}() failed: {exc}")
        if isinstance(result, Unresolved) and result.expression == "":
            return replace(result, expression=text)
        return carry_sensitivity(arguments, result)

    def _eval_provider_function_call(self, node: Syntax, file: SourceFile, context: Context) -> Any:
        return Unresolved(source_text(node, file), "provider functions are not evaluated")

    def _eval_for_tuple_expr(self, node: Syntax, file: SourceFile, context: Context) -> Any:
        intro, *rest = _trees(node)
        body, condition = rest[0], (rest[1] if len(rest) > 1 else None)
        items = self._for_items(intro, file, context)
        if not isinstance(items, list):
            return items
        result = []
        for names in items:
            inner = context.with_names(**names)
            keep = self._for_condition(condition, file, inner)
            if keep is not True:
                if keep is False:
                    continue
                return keep
            result.append(self._eval(body, file, inner))
        return result

    def _eval_for_object_expr(self, node: Syntax, file: SourceFile, context: Context) -> Any:
        intro, key_node, value_node, *rest = _trees(node)
        condition = rest[0] if rest else None
        grouping = any(isinstance(c, TOKEN_TYPES) and str(c) == "..." for c in node.children)
        items = self._for_items(intro, file, context)
        if not isinstance(items, list):
            return items
        result: dict[str, Any] = {}
        for names in items:
            inner = context.with_names(**names)
            keep = self._for_condition(condition, file, inner)
            if keep is not True:
                if keep is False:
                    continue
                return keep
            key = self._eval(key_node, file, inner)
            if is_unknown(key):
                return as_unresolved(key)
            value = self._eval(value_node, file, inner)
            if grouping:
                result.setdefault(str(to_string(key)), []).append(value)
            else:
                result[str(to_string(key))] = value
        return result

    def _for_items(self, intro: Syntax, file: SourceFile, context: Context) -> Any:
        children = _trees(intro)
        names = [str(child.children[0]) for child in children if child.data == "identifier"]
        collection = self._collection(children[-1], file, context)
        if is_unknown(collection):
            return as_unresolved(collection)
        if isinstance(collection, dict):
            # Terraform iterates maps and objects in the lexical order of their keys.
            pairs = sorted(collection.items())
        elif isinstance(collection, list):
            pairs = list(enumerate(collection))
        else:
            return EvalFailure(source_text(children[-1], file), "not a collection")
        if len(names) == 1:
            return [{names[0]: value} for _, value in pairs]
        return [{names[0]: key, names[1]: value} for key, value in pairs]

    def _for_condition(self, condition: Syntax | None, file: SourceFile, context: Context) -> Any:
        if condition is None:
            return True
        value = self._eval(_trees(condition)[0], file, context)
        if is_unknown(value):
            return as_unresolved(value)
        flag = to_bool(value)
        return EvalFailure(source_text(condition, file), "not a bool") if flag is None else flag

    # -- traversals: var.x, local.y, aws_s3_bucket.z[0].id, module.m.out, data.t.n.json --------

    def _eval_get_attr_expr_term(self, node: Syntax, file: SourceFile, context: Context) -> Any:
        return self._traversal(node, file, context)

    _eval_index_expr_term = _eval_get_attr_expr_term
    _eval_attr_splat_expr_term = _eval_get_attr_expr_term
    _eval_full_splat_expr_term = _eval_get_attr_expr_term

    def _traversal(
        self, node: Syntax, file: SourceFile, context: Context, *, settle: bool = True
    ) -> Any:
        """The value a traversal reads; `settle` replaces the resource instances in it by the
        references that stand for them, which a `for` expression must not do (`v.bucket` of
        each instance is known when it is written)."""
        root, steps = self._steps(node, file, context)
        text = source_text(node, file)
        for step in steps:
            if step[0] == "index" and is_unknown(step[1]):
                return as_unresolved(step[1])
        if isinstance(root, Tree) and root.data == "identifier":
            name = str(root.children[0])
            if name not in context.names:
                value = self._named_root(name, steps, text, context)
                # Variables, locals and outputs hold values already settled when computed.
                return settled(value) if settle and name not in _SETTLED_ROOTS else value
            value = _apply_steps(context.names[name], steps, text)
        else:
            value = _apply_steps(self._eval(root, file, context), steps, text)
        return settled(value) if settle else value

    def _collection(self, node: Syntax, file: SourceFile, context: Context) -> Any:
        """A `for` expression's collection, its resource instances kept as they are."""
        while node.data == "expr_term" and len(_trees(node)) == 1 and len(node.children) == 1:
            node = _trees(node)[0]
        if node.data in _TRAVERSALS:
            return self._traversal(node, file, context, settle=False)
        if node.data == "identifier" and str(node.children[0]) in context.names:
            return context.names[str(node.children[0])]
        return self._eval(node, file, context)

    def _steps(self, node: Syntax, file: SourceFile, context: Context) -> tuple[Syntax, list[Any]]:
        steps: list[Any] = []
        current = node
        while True:
            if current.data == "expr_term" and len(current.children) == 1:
                current = subtree(current, 0)
                continue
            if current.data not in _TRAVERSALS:
                break
            base, accessor = _trees(current)[0], subtree(current, -1)
            steps[:0] = self._accessor_steps(current.data, accessor, file, context)
            current = base
        return current, steps

    def _accessor_steps(
        self, kind: str, accessor: Syntax, file: SourceFile, context: Context
    ) -> list[Any]:
        if kind == "get_attr_expr_term":
            return [("attr", str(subtree(accessor, 0).children[0]))]
        if kind == "index_expr_term":
            return [self._index_step(accessor, file, context)]
        inner: list[Any] = []
        for child in accessor.children:
            if isinstance(child, Tree) and child.data == "get_attr":
                inner.append(("attr", str(subtree(child, 0).children[0])))
            elif isinstance(child, Tree) and child.data == "index":
                inner.append(self._index_step(child, file, context))
        return [("splat", inner)]

    def _index_step(self, accessor: Syntax, file: SourceFile, context: Context) -> tuple[str, Any]:
        trees = _trees(accessor)
        if trees:
            return ("index", self._eval(trees[0], file, context))
        return ("index", int("".join(str(token) for token in accessor.children)))

    def _named_root(self, name: str, steps: list[Any], text: str, context: Context) -> Any:
        module = context.module
        if name in ("var", "local"):
            if not steps or steps[0][0] != "attr":
                return EvalFailure(text, f"`{name}` needs an attribute")
            value = module.variable(steps[0][1]) if name == "var" else module.local(steps[0][1])
            return _apply_steps(value, steps[1:], text)
        if name == "path":
            places = {
                "module": module.directory.as_posix(),
                "root": module.root_directory.as_posix(),
                "cwd": Path.cwd().as_posix(),
            }
            return _apply_steps(places, steps, text)
        if name in _NAMESPACES_UNKNOWN:
            return Unresolved(text, _NAMESPACES_UNKNOWN[name])
        if name == "module":
            if not steps or steps[0][0] != "attr":
                return EvalFailure(text, "a module reference needs the module's name")
            key, rest = _optional_index(steps[1:])
            if rest and rest[0][0] == "attr":
                value = module.module_output(steps[0][1], key, rest[0][1])
                return _apply_steps(value, rest[1:], text)
            return _apply_steps(module.module_object(steps[0][1]), steps[1:], text)
        if name == "data":
            if len(steps) < 2 or steps[0][0] != "attr" or steps[1][0] != "attr":
                return EvalFailure(text, "a data source reference needs a type and a name")
            key, rest = _optional_index(steps[2:])
            value = module.data_source(steps[0][1], steps[1][1], key)
            return _apply_steps(value, rest, text)
        if steps and steps[0][0] == "attr" and "_" in name:
            value = module.resource(name, steps[0][1])
            if not isinstance(value, Reference):
                return _apply_steps(value, steps[1:], text)
            # How many instances there are is unknown: the one written stays a reference.
            key, rest = _optional_index(steps[1:])
            address = f"{module.prefix}{name}.{steps[0][1]}{_index_text(key)}"
            return _apply_steps(Reference(address, "", module.namespace), rest, text)
        return EvalFailure(text, f"unknown name `{name}`")


#: How each kind of syntax tree node is evaluated: `Evaluator._eval_KIND`, by KIND.
_HANDLERS: dict[str, Callable[[Evaluator, Syntax, SourceFile, Context], Any]] = {
    name.removeprefix("_eval_"): handler
    for name, handler in vars(Evaluator).items()
    if name.startswith("_eval_")
}


def _optional_index(steps: list[Any]) -> tuple[Any, list[Any]]:
    if steps and steps[0][0] == "index":
        return steps[0][1], steps[1:]
    return None, steps


def _index_text(key: Any) -> str:
    """An instance key as Terraform writes it in an address: `[0]` or `["a"]`."""
    if key is None:
        return ""
    if isinstance(key, int) and not isinstance(key, bool):
        return f"[{key}]"
    return f"[{json.dumps(str(key))}]"


def _apply_steps(value: Any, steps: list[Any], text: str) -> Any:
    for step in steps:
        kind, argument = step
        if isinstance(value, Unresolved):
            return value
        if isinstance(value, Reference):
            if kind == "splat":
                return Unresolved(text, value.unknown_because)
            suffix = f".{argument}" if kind == "attr" else _index_text(argument)
            attribute = (value.attribute + suffix).lstrip(".")
            value = Reference(value.target, attribute, value.namespace)
            continue
        if kind == "splat":
            items = value if isinstance(value, list) else ([] if value is None else [value])
            return [_apply_steps(item, argument, text) for item in items]
        if isinstance(value, LazyObject):
            if kind != "attr":
                return EvalFailure(text, "a single instance cannot be indexed")
            value = value.attribute(argument)
            continue
        value = _step(value, kind, argument, text)
    return value


def _step(value: Any, kind: str, argument: Any, text: str) -> Any:
    if kind == "attr":
        if isinstance(value, dict):
            if argument in value:
                return value[argument]
            return EvalFailure(text, f"has no attribute {argument!r}")
        if isinstance(value, list) and argument.isdigit():
            kind, argument = "index", int(argument)
        else:
            return EvalFailure(text, f"cannot read {argument!r} of this value")
    if isinstance(value, list):
        number = to_number(argument)
        if isinstance(number, int) and 0 <= number < len(value):
            return value[number]
        return EvalFailure(text, f"index {argument!r} is out of range")
    if isinstance(value, dict):
        key = to_string(argument)
        if key in value:
            return value[key]
        return EvalFailure(text, f"has no key {argument!r}")
    return EvalFailure(text, "cannot be indexed")


def _join_parts(parts: list[Any], text: str) -> Any:
    """A template's value: a lone interpolation keeps its type; otherwise a string."""
    if len(parts) == 1 and not isinstance(parts[0], str):
        return parts[0]
    pieces: list[str | None] = []
    unknown: Unresolved | None = None
    for part in parts:
        if is_unknown(part):
            found = as_unresolved(part)
            if unknown is None or (
                isinstance(found, EvalFailure) and not isinstance(unknown, EvalFailure)
            ):
                unknown = found
            pieces.append(None)
            continue
        piece = to_string(part)
        if piece is None:
            return EvalFailure(text, "cannot interpolate a null, list or map")
        pieces.append(piece)
    if sum(len(piece or "") for piece in pieces) > MAX_STRING:
        return EvalFailure(
            _abridged(text),
            f"the string would exceed the {MAX_STRING:,} characters assaymark reads",
        )
    if isinstance(unknown, EvalFailure):
        # An error inside an interpolation is the string's error, which try() steps over.
        return EvalFailure(text, f"{unknown.expression} is {unknown.reason}")
    if unknown is not None:
        return _partly_known(parts, pieces, text, unknown)
    return carry_sensitivity(parts, "".join(p or "" for p in pieces), verbatim=True)


_PLACEHOLDER = "@@assaymark-unknown-{}@@"
_PLACEHOLDERS = re.compile(r"@@assaymark-unknown-(\d+)@@")


def _partly_known(
    parts: list[Any], pieces: list[str | None], text: str, unknown: Unresolved
) -> Any:
    """A string with unknown interpolations: a JSON document is read with its unknown values
    in place; other text keeps its known pieces, so that what they decide is decided."""
    # Terraform refuses to interpolate null, so the string surely exists. A piece that is a
    # partly known string itself already says which of its parts is unknown.
    reason = unknown.reason if unknown.known_parts else f"{unknown.expression} is {unknown.reason}"
    known = tuple(
        None if piece is None else carry_sensitivity(parts, piece, verbatim=True)
        for piece in _merged(pieces)
    )
    whole = Unresolved(text, reason, not_null=True, known_parts=known)
    document = "".join(
        _PLACEHOLDER.format(i) if piece is None else piece for i, piece in enumerate(pieces)
    )
    if document.lstrip()[:1] not in ("{", "["):
        return whole
    try:
        decoded = json.loads(document)
    except ValueError:
        return whole
    return carry_sensitivity(parts, _with_unknowns(decoded, parts, reason))


def _merged(pieces: list[str | None]) -> tuple[str | None, ...]:
    """The known text between unknown pieces joined, adjacent unknowns as one."""
    merged: list[str | None] = []
    for piece in pieces:
        if piece is None:
            if not merged or merged[-1] is not None:
                merged.append(None)
        elif merged and merged[-1] is not None:
            merged[-1] += piece
        else:
            merged.append(piece)
    return tuple(piece for piece in merged if piece != "")


def _with_unknowns(value: Any, parts: list[Any], reason: str) -> Any:
    """A decoded JSON document with its placeholders turned back into the unknown values."""
    if isinstance(value, list):
        return [_with_unknowns(item, parts, reason) for item in value]
    if isinstance(value, dict):
        return {key: _with_unknowns(item, parts, reason) for key, item in value.items()}
    if not isinstance(value, str) or "@@assaymark-unknown-" not in value:
        return value
    whole = _PLACEHOLDERS.fullmatch(value)
    if whole is not None:
        return parts[int(whole.group(1))]
    pieces: list[str | None] = []
    position = 0
    for match in _PLACEHOLDERS.finditer(value):
        pieces.extend([value[position : match.start()], None])
        position = match.end()
    pieces.append(value[position:])
    return Unresolved(value, reason, not_null=True, known_parts=_merged(pieces))


def _abridged(text: str, keep: int = 200) -> str:
    """An expression's text short enough for a message."""
    return text if len(text) <= keep else text[:keep] + "..."


def _next_template_marker(text: str, position: int) -> int:
    """Where the next `${` or `%{` starts, skipping their `$${` and `%%{` escapes."""
    while True:
        candidates = [i for i in (text.find("${", position), text.find("%{", position)) if i >= 0]
        if not candidates:
            return -1
        start = min(candidates)
        if start > 0 and text[start - 1] == text[start]:
            position = start + 2
            continue
        return start


def _closing_brace(text: str, position: int) -> int:
    depth, quoted = 1, False
    while position < len(text):
        character = text[position]
        if quoted:
            if character == "\\":
                position += 1
            elif character == '"':
                quoted = False
        elif character == '"':
            quoted = True
        elif character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
            if depth == 0:
                return position
        position += 1
    return -1


def _reduce(values: list[Any], operators: list[str], text: str) -> Any:
    """Apply binary operators with HCL's precedence (all are left-associative)."""
    output: list[Any] = [values[0]]
    pending: list[str] = []
    for operator, value in zip(operators, values[1:], strict=True):
        while pending and _PRECEDENCE[pending[-1]] >= _PRECEDENCE[operator]:
            right, left = output.pop(), output.pop()
            output.append(_binary(left, pending.pop(), right, text))
        pending.append(operator)
        output.append(value)
    while pending:
        right, left = output.pop(), output.pop()
        output.append(_binary(left, pending.pop(), right, text))
    return output[0]


def _binary(left: Any, operator: str, right: Any, text: str) -> Any:
    if operator in ("&&", "||"):
        flags = [to_bool(value) if not is_unknown(value) else value for value in (left, right)]
        decisive = operator == "||"
        if any(flag is decisive for flag in flags):
            return decisive
        unknown = next((flag for flag in flags if is_unknown(flag)), None)
        if unknown is not None:
            return as_unresolved(unknown)
        if any(flag is None for flag in flags):
            return EvalFailure(text, "not a bool")
        return not decisive
    if operator in ("==", "!=") and None in (left, right):
        other = right if left is None else left
        # What cannot be null (an interpolated string, a document) is known to differ from null.
        if isinstance(other, Unresolved) and other.not_null:
            return operator == "!="
    for value in (left, right):
        if is_unknown(value):
            return as_unresolved(value)
    if operator in ("==", "!="):
        same = left == right
        if not same:
            left_number, right_number = to_number(left), to_number(right)
            same = (
                type(left) is type(right) is not str
                and left_number is not None
                and left_number == right_number
            )
        return same if operator == "==" else not same
    left_number, right_number = to_number(left), to_number(right)
    if left_number is None or right_number is None:
        return EvalFailure(text, f"`{operator}` needs numbers")
    if operator in (">", ">=", "<", "<="):
        return {
            ">": left_number > right_number,
            ">=": left_number >= right_number,
            "<": left_number < right_number,
            "<=": left_number <= right_number,
        }[operator]
    if operator in ("/", "%") and right_number == 0:
        return EvalFailure(text, "division by zero")
    arithmetic: dict[str, Callable[[float, float], float]] = {
        "+": lambda a, b: a + b,
        "-": lambda a, b: a - b,
        "*": lambda a, b: a * b,
        "/": lambda a, b: a / b,
        "%": lambda a, b: a % b,
    }
    return normalize_number(arithmetic[operator](left_number, right_number))
