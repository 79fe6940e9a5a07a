"""Terraform's built-in functions that can be evaluated before apply.

A function not listed here leaves its call `Unresolved`. Each implementation receives the
evaluated arguments; any unknown argument makes the call unknown unless the function only
carries values along (concat, jsonencode, merge and the like).
"""

from __future__ import annotations

import base64
import ipaddress
import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from adapters.terraform.expressions import Context, Evaluator
from adapters.terraform.hcl import SourceFile
from adapters.terraform.limits import (
    MAX_ELEMENTS,
    MAX_STRING,
    LimitExceeded,
    check_width,
)
from adapters.terraform.values import (
    EvalFailure,
    deep_unknown,
    first_unknown,
    is_unknown,
    normalize_number,
    to_bool,
    to_number,
    to_string,
)
from checker.linear_regex import LinearPattern
from checker.models import Unresolved

Function = Callable[[Evaluator, Context, list[Any]], Any]
FUNCTIONS: dict[str, Function] = {}


def _register(name: str, *, structural: bool = False) -> Callable[[Function], Function]:
    """Register a function; unless `structural`, an unknown argument makes the call unknown."""

    def decorate(function: Function) -> Function:
        def guarded(evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
            if not structural:
                unknown = first_unknown(args)
                if unknown is not None:
                    return unknown
            return function(evaluator, context, args)

        FUNCTIONS[name] = guarded if not structural else function
        return function

    return decorate


def _simple(name: str, implementation: Callable[..., Any]) -> None:
    _register(name)(lambda _evaluator, _context, args: implementation(*args))


def _string(value: Any) -> str:
    text = to_string(value)
    if text is None:
        raise TypeError("a string is required")
    return text


def _number(value: Any) -> int | float:
    number = to_number(value)
    if number is None:
        raise TypeError("a number is required")
    return number


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("a list is required")
    return value


def _map(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError("a map is required")
    return value


def _collection_length(value: Any) -> int:
    if isinstance(value, (list, dict)):
        return len(value)
    return len(_string(value))


# -- numbers -------------------------------------------------------------------------------

_simple("abs", lambda x: abs(_number(x)))
_simple("ceil", lambda x: math.ceil(_number(x)))
_simple("floor", lambda x: math.floor(_number(x)))
_simple("max", lambda *xs: normalize_number(max(_number(x) for x in xs)))
_simple("min", lambda *xs: normalize_number(min(_number(x) for x in xs)))
_simple("pow", lambda x, y: normalize_number(float(_number(x)) ** _number(y)))
_simple("signum", lambda x: (_number(x) > 0) - (_number(x) < 0))
_simple("parseint", lambda text, base: int(_string(text), int(_number(base))))
_simple("tonumber", lambda x: None if x is None else _number(x))
_simple("sum", lambda xs: normalize_number(sum(_number(x) for x in _list(xs))))

# -- strings -------------------------------------------------------------------------------

_simple("lower", lambda s: _string(s).lower())
_simple("upper", lambda s: _string(s).upper())
_simple("title", lambda s: _string(s).title())
_simple("chomp", lambda s: _string(s).rstrip("\r\n"))
_simple("trimspace", lambda s: _string(s).strip())
_simple("trim", lambda s, chars: _string(s).strip(_string(chars)))
_simple("trimprefix", lambda s, p: _string(s).removeprefix(_string(p)))
_simple("trimsuffix", lambda s, p: _string(s).removesuffix(_string(p)))
_simple("startswith", lambda s, p: _string(s).startswith(_string(p)))
_simple("endswith", lambda s, p: _string(s).endswith(_string(p)))
_simple("strcontains", lambda s, p: _string(p) in _string(s))
_simple("strrev", lambda s: _string(s)[::-1])
_simple("split", lambda sep, s: _string(s).split(_string(sep)))
_simple(
    "join",
    lambda sep, *lists: _string(sep).join(
        _string(item) for items in lists for item in _list(items)
    ),
)
_simple(
    "substr",
    lambda s, offset, length: _substr(_string(s), int(_number(offset)), int(_number(length))),
)
_simple(
    "indent",
    lambda n, s: _string(s).replace("\n", "\n" + " " * check_width(_number(n), "indent()")),
)
_simple("tostring", lambda x: None if x is None else _string(x))
_simple("base64encode", lambda s: base64.b64encode(_string(s).encode()).decode())
_simple("base64decode", lambda s: base64.b64decode(_string(s)).decode())


def _substr(text: str, offset: int, length: int) -> str:
    start = offset if offset >= 0 else len(text) + offset
    return text[start:] if length < 0 else text[start : start + length]


@_register("replace")
def _replace(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    text, search, replacement = (_string(arg) for arg in args)
    if len(search) > 1 and search.startswith("/") and search.endswith("/"):
        group_replacement = re.sub(r"\$(\d+)", r"\\\1", replacement)
        return LinearPattern(search[1:-1]).sub(group_replacement, text)
    if search and text.count(search) * max(len(replacement) - len(search), 0) > MAX_STRING:
        raise LimitExceeded(
            f"the result would exceed the {MAX_STRING:,} characters assaymark evaluates"
        )
    return text.replace(search, replacement)


@_register("format")
def _format(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    template, values = _string(args[0]), list(args[1:])

    def substitute(match: re.Match[str]) -> str:
        verb = match.group(2)
        if verb == "%":
            return "%"
        value = values.pop(0)
        if verb == "q":
            return json.dumps(_string(value))
        for width in re.findall(r"\d+", match.group(1)):
            check_width(int(width), "the format width")
        if verb == "d":
            return f"%{match.group(1)}d" % int(_number(value))
        if verb == "v" and isinstance(value, (list, dict)):
            return json.dumps(value)
        return f"%{match.group(1)}s" % _string(value)

    return re.sub(r"%([-+# 0-9.]*)([sdvq%])", substitute, template)


# -- collections ---------------------------------------------------------------------------


@_register("length")
def _length(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return _collection_length(args[0])


@_register("concat", structural=True)
def _concat(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    unknown = first_unknown(args)
    if unknown is not None:
        return unknown
    return [item for items in args for item in _list(items)]


@_register("merge", structural=True)
def _merge(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    unknown = first_unknown(args)
    if unknown is not None:
        return unknown
    merged: dict[str, Any] = {}
    for item in args:
        if item is not None:
            merged.update(_map(item))
    return merged


@_register("lookup")
def _lookup(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    table, key = _map(args[0]), _string(args[1])
    if key in table:
        return table[key]
    if len(args) > 2:
        return args[2]
    raise KeyError(key)


@_register("element")
def _element(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    items = _list(args[0])
    return items[int(_number(args[1])) % len(items)]


@_register("coalesce")
def _coalesce(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    for arg in args:
        if arg is not None and arg != "":
            return arg
    raise ValueError("no non-null, non-empty argument")


@_register("coalescelist")
def _coalescelist(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return next((arg for arg in args if _list(arg)), [])


_simple("compact", lambda xs: [x for x in _list(xs) if x is not None and x != ""])
_simple("contains", lambda xs, x: x in _list(xs))
_simple("keys", lambda m: sorted(_map(m)))
_simple("values", lambda m: [_map(m)[key] for key in sorted(_map(m))])
_simple("reverse", lambda xs: list(reversed(_list(xs))))
_simple("slice", lambda xs, a, b: _list(xs)[int(_number(a)) : int(_number(b))])
_simple("sort", lambda xs: sorted(_string(x) for x in _list(xs)))
_simple("zipmap", lambda ks, vs: dict(zip((_string(k) for k in _list(ks)), _list(vs), strict=True)))
_simple("alltrue", lambda xs: all(to_bool(x) for x in _list(xs)))
_simple("anytrue", lambda xs: any(to_bool(x) for x in _list(xs)))
_simple("tomap", lambda m: dict(_map(m)))
_simple("tobool", lambda x: None if x is None else _bool(x))


def _bool(value: Any) -> bool:
    flag = to_bool(value)
    if flag is None:
        raise TypeError("a bool is required")
    return flag


def _distinct(items: list[Any]) -> list[Any]:
    """The items without repeats, in first-seen order, in linear time."""
    seen: set[str] = set()
    kept: list[Any] = []
    for item in items:
        key = _identity(item)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def _identity(value: Any) -> str:
    """A key equal for values Terraform takes as equal: 1 and 1.0 alike, but not true and 1."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return f"{type(value).__name__}:{value!r}"
    return "json:" + json.dumps(value, sort_keys=True, default=repr)


@_register("distinct")
def _distinct_function(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return _distinct(_list(args[0]))


@_register("tolist", structural=True)
def _tolist(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return args[0] if is_unknown(args[0]) else list(_list(args[0]))


@_register("toset", structural=True)
def _toset(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    if is_unknown(args[0]):
        return args[0]
    items = _distinct(_list(args[0]))
    if all(isinstance(item, str) for item in items):
        return sorted(items)
    return items


@_register("flatten", structural=True)
def _flatten(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    def walk(value: Any) -> list[Any]:
        if is_unknown(value):
            raise _Unknown(value)
        if isinstance(value, list):
            return [leaf for item in value for leaf in walk(item)]
        return [value]

    try:
        return walk(_list(args[0]) if not is_unknown(args[0]) else args[0])
    except _Unknown as unknown:
        return unknown.value


class _Unknown(Exception):
    def __init__(self, value: Any) -> None:
        super().__init__("unknown")
        self.value = value


@_register("one")
def _one(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    items = _list(args[0])
    if len(items) > 1:
        raise ValueError("more than one element")
    return items[0] if items else None


@_register("range")
def _range(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    numbers = [int(_number(arg)) for arg in args]
    length = len(range(*numbers))
    if length > MAX_ELEMENTS:
        raise LimitExceeded(
            f"range() of {length:,} numbers is longer than the {MAX_ELEMENTS:,} assaymark evaluates"
        )
    return list(range(*numbers))


# -- encoding ------------------------------------------------------------------------------


@_register("jsonencode", structural=True)
def _jsonencode(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    # A document with unknown parts stays a structure: paths can still be read from it, and
    # reading an unknown part is an error, which a placeholder string would have hidden.
    if deep_unknown(args[0]) is not None:
        return args[0]
    return json.dumps(args[0], separators=(",", ":"))


@_register("jsondecode")
def _jsondecode(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return json.loads(_string(args[0]))


# -- networks ------------------------------------------------------------------------------


@_register("cidrsubnet")
def _cidrsubnet(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    network = ipaddress.ip_network(_string(args[0]), strict=False)
    new_prefix = network.prefixlen + int(_number(args[1]))
    subnets = network.subnets(new_prefix=new_prefix)
    number = int(_number(args[2]))
    for index, subnet in enumerate(subnets):
        if index == number:
            return str(subnet)
    raise ValueError("subnet number out of range")


@_register("cidrhost")
def _cidrhost(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    network = ipaddress.ip_network(_string(args[0]), strict=False)
    return str(network[int(_number(args[1]))])


# -- files: only inside the scanned tree, as a report must not carry other files' contents ----


def _module_file(context: Context, name: Any) -> Path:
    root = context.module.root_directory.resolve()
    path = Path(_string(name))
    if not path.is_absolute():
        path = Path.cwd() / path
    path = path.resolve()
    if not path.is_relative_to(root):
        raise ValueError(f"{name} is outside the scanned module")
    return path


@_register("file")
def _file(_evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
    try:
        return _module_file(context, args[0]).read_text(encoding="utf-8")
    except OSError as exc:
        return EvalFailure("", f"cannot read {args[0]}: {exc.strerror}")


@_register("fileexists")
def _fileexists(_evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
    return _module_file(context, args[0]).is_file()


@_register("templatefile")
def _templatefile(evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
    path = _module_file(context, args[0])
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        return EvalFailure("", f"cannot read {args[0]}: {exc.strerror}")
    names = _map(args[1]) if len(args) > 1 else {}
    template_context = Context(context.module, dict(names))
    return evaluator.template(text, SourceFile(path, str(args[0]), text), template_context)


# -- errors as values ------------------------------------------------------------------------


@_register("try", structural=True)
def _try(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    for arg in args:
        if isinstance(arg, EvalFailure):
            continue
        return arg
    return EvalFailure("", "no argument of try() could be evaluated")


@_register("can", structural=True)
def _can(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    if isinstance(args[0], EvalFailure):
        return False
    if isinstance(args[0], Unresolved):
        return args[0]
    return True
