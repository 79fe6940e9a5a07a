"""Terraform's built-in functions, evaluated before apply wherever Terraform could evaluate them.

Each implementation receives the evaluated arguments. By default an unknown value anywhere in
an argument makes the call unknown, as Terraform's functions do when they need the whole value;
the functions that only carry values along or read part of them (`length`, `element`, `merge`,
`lookup`, `concat`, ...) keep the unknowns inside collections. A function whose result cannot be
known before apply (`uuid`, `timestamp`, `bcrypt`, ...) is `Unresolved` with the reason, as is a
call of a function assaymark does not know. What a call may build is bounded by `limits.py`, and
files are read only inside the calling module's folder and the root module's folder.

Sets are lists here, ordered as Terraform orders them: strings and numbers sorted, others in
the order first seen. docs/terraform-functions.md lists every built-in function and what
assaymark does with it.
"""

from __future__ import annotations

import base64
import codecs
import hashlib
import inspect
import ipaddress
import json
import math
import os
import re
import stat
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import yaml
from yaml import events as yaml_events

from adapters.terraform.expressions import Context, Evaluator, ModuleScope
from adapters.terraform.hcl import SourceFile
from adapters.terraform.limits import (
    MAX_DIGITS,
    MAX_ELEMENTS,
    MAX_STRING,
    LimitExceeded,
    check_width,
)
from adapters.terraform.values import (
    EvalFailure,
    as_unresolved,
    first_unknown,
    is_unknown,
    normalize_number,
)
from checker.linear_regex import LinearPattern
from checker.models import Unresolved
from checker.redaction import SensitiveText, mark_sensitive
from checker.yaml_input import ExpansionError, check_expansion

Function = Callable[[Evaluator, Context, list[Any]], Any]
FUNCTIONS: dict[str, Function] = {}

# How a function meets unknown values: "deep" (any unknown inside any argument makes the call
# unknown), "shallow" (only an argument that is unknown as a whole does), "own" (it decides).
Unknowns = Literal["deep", "shallow", "own"]

# A file hashed by filesha256() and its kin may be larger than a string assaymark builds (a
# Lambda package), but not without bound.
MAX_HASHED_BYTES = 512 * 1024 * 1024


def _register(
    name: str, *, arity: tuple[int, int | None] = (0, None), unknowns: Unknowns = "deep"
) -> Callable[[Function], Function]:
    """Register a function taking `arity` (at least, at most) arguments."""

    def decorate(function: Function) -> Function:
        def call(evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
            _check_arity(arity, len(args))
            unknown = None
            if unknowns == "deep":
                unknown = _deep_unknown(args)
            elif unknowns == "shallow":
                unknown = first_unknown(args)
            if unknown is not None:
                return unknown
            return function(evaluator, context, args)

        FUNCTIONS[name] = call
        return function

    return decorate


def _simple(name: str, implementation: Callable[..., Any], unknowns: Unknowns = "deep") -> None:
    """Register a function of its arguments alone; its parameters give its arity."""
    parameters = inspect.signature(implementation).parameters.values()
    positional = [p for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
    required = sum(1 for p in positional if p.default is p.empty)
    variadic = any(p.kind is p.VAR_POSITIONAL for p in parameters)
    arity = (required, None if variadic else len(positional))
    _register(name, arity=arity, unknowns=unknowns)(
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


def _deep_unknown(values: list[Any], seen: set[int] | None = None) -> Unresolved | None:
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


def _failure_inside(value: Any) -> EvalFailure | None:
    """An error anywhere inside `value`: Terraform would have failed the whole expression."""
    unknown = _deep_unknown([value])
    return unknown if isinstance(unknown, EvalFailure) else None


# -- arguments -----------------------------------------------------------------------------

_DECIMAL = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def _kind(value: Any) -> str:
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
    return TypeError(f"{what} is required, not {_kind(value)}")


def _parse_number(text: str) -> int | float | None:
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


def _number(value: Any) -> int | float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        number = _parse_number(str(value))
        if number is not None:
            return number
        raise TypeError(f"a number is required: {_quoted(value)} is not a number")
    raise _required("a number", value)


def _int(value: Any, what: str = "the number") -> int:
    number = _number(value)
    if isinstance(number, float) and not number.is_integer():
        raise ValueError(f"{what} must be a whole number, not {number}")
    return int(number)


def _number_text(number: int | float) -> str:
    """A number as Terraform writes it in a string: no exponent, no trailing `.0`."""
    number = normalize_number(number)
    if isinstance(number, int):
        return str(number)
    text = format(Decimal(repr(number)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _string(value: Any) -> str:
    """A primitive value as a string, as Terraform converts one (a sensitive string stays
    the `SensitiveText` it is)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _number_text(value)
    raise _required("a string", value)


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return bool(value == "true")
    if isinstance(value, str):
        raise TypeError('a bool is required: only the strings "true" or "false" convert to one')
    raise _required("a bool", value)


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise _required("a list", value)
    return value


def _map(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _required("a map", value)
    return value


def _quoted(text: str, keep: int = 60) -> str:
    shown = text if len(text) <= keep else text[:keep] + "..."
    return json.dumps(shown)


# -- equality and Terraform's element types ------------------------------------------------


def _key(value: Any, memo: dict[int, bytes]) -> bytes:
    """A key equal for values Terraform takes as equal: 1 and 1.0 alike, but not true and 1,
    nor "1" and 1. A collection's key is a digest of its elements', so that keys stay small;
    an unknown value equals nothing."""
    if isinstance(value, bool):
        return b"b1" if value else b"b0"
    if value is None:
        return b"z"
    if isinstance(value, (int, float)):
        return b"n" + _number_text(value).encode()
    if isinstance(value, str):
        return b"s" + value.encode("utf-8", "surrogatepass")
    if not isinstance(value, (list, dict)):
        return b"u" + str(id(value)).encode()
    cached = memo.get(id(value))
    if cached is None:
        digest = hashlib.blake2b(digest_size=20)
        if isinstance(value, list):
            digest.update(b"l")
            parts = [_key(item, memo) for item in value]
        else:
            digest.update(b"m")
            parts = [
                part for name in sorted(value) for part in (name.encode(), _key(value[name], memo))
            ]
        for part in parts:
            digest.update(len(part).to_bytes(8, "big") + part)
        cached = b"c" + digest.digest()
        memo[id(value)] = cached
    return cached


def _unify(items: list[Any]) -> list[Any]:
    """Elements converted to one type as Terraform does for a list or set: mixed strings,
    numbers and bools become strings; a collection among primitives is an error."""
    kinds = {_kind(item) for item in items if item is not None and not is_unknown(item)}
    if len(kinds) <= 1:
        return items
    if kinds - {"string", "number", "bool"}:
        raise TypeError("all elements must have the same type")
    return [item if item is None or is_unknown(item) else _string(item) for item in items]


def _distinct(items: list[Any]) -> list[Any]:
    """The items without repeats, in first-seen order, in linear time."""
    seen: set[bytes] = set()
    memo: dict[int, bytes] = {}
    kept: list[Any] = []
    for item in items:
        key = _key(item, memo)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def _as_set(items: list[Any]) -> list[Any]:
    """A set as Terraform holds it: one element type, no repeats, strings and numbers sorted,
    unknown elements last."""
    kept = _distinct(_unify(items))
    known = [item for item in kept if not is_unknown(item)]
    unknown = [item for item in kept if is_unknown(item)]
    kinds = {_kind(item) for item in known}
    if kinds in ({"string"}, {"number"}, {"bool"}):
        known.sort()
    return known + unknown


# -- numbers -------------------------------------------------------------------------------


def _log(number: Any, base: Any) -> int | float:
    result = math.log(float(_number(number))) / math.log(float(_number(base)))
    if not math.isfinite(result):
        raise ValueError("the result is not a finite number")
    return normalize_number(result)


def _pow(number: Any, power: Any) -> int | float:
    base, exponent = _number(number), _number(power)
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
        raise TypeError(f"the first argument must be a string, not {_kind(text)}")
    radix = _int(base, "the base")
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
            raise ValueError(f"cannot parse {_quoted(text)} as a base {radix} integer")
        result = result * radix + value
    if not digits:
        raise ValueError(f"cannot parse {_quoted(text)} as a base {radix} integer")
    return -result if text.startswith("-") else result


def _sum(items: Any) -> int | float:
    numbers = _list(items)
    if not numbers:
        raise ValueError("cannot sum an empty list")
    total: int | float = 0
    for item in numbers:
        if item is None:
            raise TypeError("the list must hold only numbers, not null")
        total += _number(item)
    return normalize_number(total)


def _extreme(choose: Callable[..., Any], numbers: tuple[Any, ...]) -> int | float:
    if not numbers:
        raise TypeError("at least one number is required")
    return normalize_number(choose(_number(x) for x in numbers))


_simple("abs", lambda number: abs(_number(number)))
_simple("ceil", lambda number: math.ceil(_number(number)))
_simple("floor", lambda number: math.floor(_number(number)))
_simple("log", _log)
_simple("max", lambda *numbers: _extreme(max, numbers))
_simple("min", lambda *numbers: _extreme(min, numbers))
_simple("parseint", _parseint)
_simple("pow", _pow)
_simple("signum", lambda number: (_number(number) > 0) - (_number(number) < 0))
_simple("sum", _sum)

# -- strings -------------------------------------------------------------------------------

# What Go's unicode.IsSpace takes for white space, which trimspace() trims.
_GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
_GO_SPACE += "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_EXTENDING = frozenset({"Mn", "Me", "Mc"})


def _graphemes(text: str) -> list[str]:
    """The user-perceived characters of a string, which Terraform counts, slices and reverses:
    a letter with its combining marks, an emoji sequence joined by ZWJ, a flag, CR LF."""
    if text.isascii() and "\r\n" not in text:
        return list(text)
    clusters: list[str] = []
    for character in text:
        if clusters and _extends(clusters[-1], character):
            clusters[-1] += character
        else:
            clusters.append(character)
    return clusters


def _extends(cluster: str, character: str) -> bool:
    code = ord(character)
    if cluster == "\r" and character == "\n":
        return True
    if cluster.endswith("\u200d") or code == 0x200D:
        return True
    if 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F:
        return True
    regional = 0x1F1E6 <= code <= 0x1F1FF
    if regional and len(cluster) == 1 and 0x1F1E6 <= ord(cluster) <= 0x1F1FF:
        return True
    return unicodedata.category(character) in _EXTENDING


def _case(text: str, upper: bool) -> str:
    """Upper or lower case one character at a time, as Go maps case: a character whose case
    is several characters (ß) stays as it is."""
    if text.isascii():
        return text.upper() if upper else text.lower()
    mapped = (character.upper() if upper else character.lower() for character in text)
    return "".join(m if len(m) == 1 else c for m, c in zip(mapped, text, strict=True))


def _go_separator(character: str) -> bool:
    if character.isascii():
        return not (character.isalnum() or character == "_")
    return not (character.isalpha() or character.isdigit()) and character.isspace()


def _title(text: str) -> str:
    """Each word's first letter in title case, the rest as written (Go's strings.Title)."""
    result, previous = [], " "
    for character in text:
        if _go_separator(previous):
            titled = character.title()
            result.append(titled if len(titled) == 1 else character)
        else:
            result.append(character)
        previous = character
    return "".join(result)


def _substr(text: str, offset: Any, length: Any) -> str:
    start, count = _int(offset, "the offset"), _int(length, "the length")
    if text.isascii() and "\r" not in text:
        clusters: list[str] | str = text
    else:
        clusters = _graphemes(text)
    if start < 0:
        start = max(start + len(clusters), 0)
    piece = clusters[start:] if count < 0 else clusters[start : start + count]
    return piece if isinstance(piece, str) else "".join(piece)


def _split(separator: str, text: str) -> list[str]:
    pieces = len(text) if separator == "" else text.count(separator) + 1
    if pieces > MAX_ELEMENTS:
        raise LimitExceeded(
            f"split() would make {pieces:,} strings: more than the {MAX_ELEMENTS:,} "
            "elements assaymark evaluates"
        )
    return list(text) if separator == "" else text.split(separator)


def _join(separator: Any, *lists: Any) -> str:
    if not lists:
        raise TypeError("at least one list is required")
    pieces = []
    for number, items in enumerate(lists, start=1):
        for index, item in enumerate(_list(items)):
            if item is None:
                raise TypeError(f"element {index} of list {number} is null")
            pieces.append(_string(item))
    glue = _string(separator)
    _check_length(sum(map(len, pieces)) + len(glue) * max(len(pieces) - 1, 0), "join()")
    return glue.join(pieces)


def _check_length(length: int, what: str) -> None:
    if length > MAX_STRING:
        raise LimitExceeded(
            f"{what} would make {length:,} characters: more than the {MAX_STRING:,} "
            "characters assaymark evaluates"
        )


def _indent(spaces: Any, text: Any) -> str:
    width, body = check_width(_int(spaces, "the number of spaces"), "indent()"), _string(text)
    if width < 0:
        raise ValueError("the number of spaces must not be negative")
    _check_length(len(body) + body.count("\n") * width, "indent()")
    return body.replace("\n", "\n" + " " * width)


@_register("startswith", arity=(2, 2), unknowns="own")
def _startswith(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    text, prefix = args
    if is_unknown(prefix):
        return as_unresolved(prefix)
    wanted = _string(prefix)
    if not is_unknown(text):
        return _string(text).startswith(wanted)
    # Terraform decides from the known start of a string built around an unknown value.
    if wanted == "":
        return True
    parts = getattr(text, "known_parts", ())
    known = parts[0] if parts and parts[0] is not None else ""
    if known.startswith(wanted):
        return True
    if known and len(known) >= len(wanted):
        return False
    return as_unresolved(text)


_simple("chomp", lambda text: _string(text).rstrip("\r\n"))
_simple("endswith", lambda text, suffix: _string(text).endswith(_string(suffix)))
_simple("indent", _indent)
_simple("join", _join)
_simple("lower", lambda text: _case(_string(text), upper=False))
_simple("split", lambda separator, text: _split(_string(separator), _string(text)))
_simple("strcontains", lambda text, part: _string(part) in _string(text))
_simple("strrev", lambda text: "".join(reversed(_graphemes(_string(text)))))
_simple("substr", lambda text, offset, length: _substr(_string(text), offset, length))
_simple("title", lambda text: _title(_string(text)))
_simple("trim", lambda text, characters: _string(text).strip(_string(characters)))
_simple("trimprefix", lambda text, prefix: _string(text).removeprefix(_string(prefix)))
_simple("trimspace", lambda text: _string(text).strip(_GO_SPACE))
_simple("trimsuffix", lambda text, suffix: _string(text).removesuffix(_string(suffix)))
_simple("upper", lambda text: _case(_string(text), upper=True))

# -- format and formatlist -----------------------------------------------------------------

_VERB = re.compile(r"%([0#+ -]*)([1-9][0-9]*)?(\.[0-9]*)?(?:\[([1-9][0-9]*)\])?([A-Za-z])?")


@dataclass
class _Verb:
    """One `%...` of a format string."""

    text: str
    offset: int
    flags: str
    width: int | None
    precision: int | None
    mode: str


def _format(template: str, values: list[Any]) -> str:
    """Terraform's format(): Go's verbs, with an argument index like `%[2]s`."""
    output: list[str] = []
    length, position, next_argument, highest = 0, 0, 1, 0
    while position < len(template):
        start = template.find("%", position)
        if start < 0:
            output.append(template[position:])
            break
        output.append(template[position:start])
        length += start - position
        if template.startswith("%%", start):
            output.append("%")
            position = start + 2
            continue
        match = _VERB.match(template, start)
        if match is None or match.group(5) is None:
            raise ValueError(f"invalid format string starting at offset {start}")
        flags, width, precision, index, mode = match.groups()
        verb = _Verb(
            match.group(0),
            start,
            flags,
            check_width(int(width), "the format width") if width else None,
            check_width(int(precision[1:] or 0), "the format precision") if precision else None,
            mode,
        )
        number = int(index) if index else next_argument
        if number > len(values):
            raise ValueError(
                f"not enough arguments for {verb.text!r} at {start}: need index {number} "
                f"but have {len(values)} total"
            )
        piece = _format_verb(verb, values[number - 1])
        length += len(piece)
        _check_length(length, "format()")
        output.append(piece)
        highest, next_argument, position = max(highest, number), number + 1, match.end()
    if highest < len(values):
        if highest == 0:
            raise ValueError("too many arguments; no verbs in format string")
        raise ValueError(f"too many arguments; only {highest} used by format string")
    return "".join(output)


def _format_verb(verb: _Verb, value: Any) -> str:
    if value is None and verb.mode != "v":
        raise ValueError(f"unsupported value for {verb.text!r} at {verb.offset}: null")
    if verb.mode == "v":
        if "#" not in verb.flags and isinstance(value, str):
            return _pad(verb, value)
        if "#" not in verb.flags and _kind(value) == "number":
            return _pad(verb, _shortest(_number(value), "e"))
        return _pad(verb, _json_text(value))
    if verb.mode == "t":
        return "true" if _bool(value) else "false"
    if verb.mode in "bdoxX":
        return _format_integer(verb, _number(value))
    if verb.mode in "eEfgG":
        return _format_float(verb, _number(value))
    if verb.mode in "sq":
        text = _string(value)
        if verb.precision is not None and verb.precision > 0:
            text = "".join(_graphemes(text)[: verb.precision])
        return _pad(verb, _json_text(text) if verb.mode == "q" else text)
    raise ValueError(f"unsupported format verb {verb.mode!r} in {verb.text!r} at {verb.offset}")


def _pad(verb: _Verb, text: str) -> str:
    missing = (verb.width or 0) - len(_graphemes(text))
    if missing <= 0:
        return text
    padding = ("0" if "0" in verb.flags else " ") * missing
    return text + padding if "-" in verb.flags else padding + text


def _sign(verb: _Verb, negative: bool) -> str:
    if negative:
        return "-"
    return "+" if "+" in verb.flags else " " if " " in verb.flags else ""


def _format_integer(verb: _Verb, number: int | float) -> str:
    if isinstance(number, float) and not number.is_integer():
        raise ValueError(
            f"unsupported value for {verb.text!r} at {verb.offset}: an integer is required"
        )
    integer = int(number)
    digits = format(abs(integer), verb.mode)
    if verb.precision is not None:
        digits = "" if verb.precision == 0 and integer == 0 else digits.zfill(verb.precision)
    prefix = ""
    if "#" in verb.flags:
        prefix = {"b": "0b", "o": "" if digits.startswith("0") else "0", "x": "0x", "X": "0X"}.get(
            verb.mode, ""
        )
    head = _sign(verb, integer < 0) + prefix
    width = verb.width or 0
    if "0" in verb.flags and "-" not in verb.flags and verb.precision is None:
        return head + digits.zfill(width - len(head))
    return _pad(
        _Verb(verb.text, verb.offset, verb.flags.replace("0", ""), width, None, "d"), head + digits
    )


def _format_float(verb: _Verb, number: int | float) -> str:
    if verb.mode in "gG" and verb.precision is None:
        text = _shortest(number, "e" if verb.mode == "g" else "E")
        head = _sign(verb, text.startswith("-"))
        body = text.lstrip("-")
        if "0" in verb.flags and "-" not in verb.flags:
            return head + body.zfill((verb.width or 0) - len(head))
        return _pad(
            _Verb(verb.text, verb.offset, verb.flags.replace("0", ""), verb.width, None, "g"),
            head + body,
        )
    flags = "".join(flag for flag in verb.flags if flag in "0#+ -")
    width = str(verb.width) if verb.width else ""
    precision = f".{verb.precision}" if verb.precision is not None else ""
    return f"%{flags}{width}{precision}{verb.mode}" % float(number)


def _shortest(number: int | float, exponent: str) -> str:
    """A number in Go's shortest `%g` form: plain up to six integer digits, else `1e+06`."""
    decimal = Decimal(number) if isinstance(number, int) else Decimal(repr(number))
    if decimal == 0:
        return "0"
    decimal = decimal.normalize()
    sign, digits, _ = decimal.as_tuple()
    places = decimal.adjusted()
    text = "".join(map(str, digits))
    if places < -4 or places >= 6:
        mantissa = text[0] + ("." + text[1:] if len(text) > 1 else "")
        written = f"{mantissa}{exponent}{'-' if places < 0 else '+'}{abs(places):02d}"
    else:
        written = format(decimal, "f")
    return ("-" if sign else "") + written


@_register("format", arity=(1, None))
def _format_function(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return _format(_string(args[0]), list(args[1:]))


@_register("formatlist", arity=(1, None), unknowns="shallow")
def _formatlist(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    template, values = _string(args[0]), list(args[1:])
    lengths = {len(value) for value in values if isinstance(value, list)}
    if len(lengths) > 1:
        raise ValueError("all the list arguments must have the same length")
    count = lengths.pop() if lengths else 1
    results: list[Any] = []
    total = 0
    for index in range(count):
        row = [value[index] if isinstance(value, list) else value for value in values]
        unknown = _deep_unknown(row)
        if unknown is not None:
            results.append(unknown)
            continue
        results.append(_format(template, row))
        total += len(results[-1])
        _check_length(total, "formatlist()")
    return results


# -- regular expressions: RE2, as Terraform's are, matched in linear time ------------------


class _Pattern(LinearPattern):
    """A linear-time pattern that also gives its matches and capture groups."""

    def finditer(self, text: str) -> Iterator[Any]:
        """Every non-overlapping match, leftmost first (an empty match right after a match
        is skipped, as in Go)."""
        found: Iterator[Any] = self._compiled.finditer(text)
        return found

    @property
    def groups(self) -> int:
        """How many capture groups the pattern has."""
        count: int = self._compiled.groups
        return count

    @property
    def group_names(self) -> list[str | None]:
        """The name of each capture group, None for an unnamed one."""
        names: dict[int, str] = {index: name for name, index in self._compiled.groupindex.items()}
        return [names.get(index) for index in range(1, self.groups + 1)]


def _compile(pattern: str) -> _Pattern:
    compiled = _Pattern(pattern)
    names = compiled.group_names
    if any(name is None for name in names) and any(name is not None for name in names):
        raise ValueError("invalid regexp pattern: cannot mix both named and unnamed capture groups")
    return compiled


def _captures(pattern: _Pattern, match: Any) -> Any:
    names = pattern.group_names
    if not names:
        return match.group(0)
    if names[0] is None:
        return list(match.groups())
    return {name: match.group(name) for name in names if name is not None}


@_register("regex", arity=(2, 2))
def _regex(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    pattern, text = _compile(_string(args[0])), _string(args[1])
    for match in pattern.finditer(text):
        return _captures(pattern, match)
    raise ValueError("pattern did not match any part of the given string")


@_register("regexall", arity=(2, 2))
def _regexall(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    pattern, text = _compile(_string(args[0])), _string(args[1])
    found = []
    for match in pattern.finditer(text):
        found.append(_captures(pattern, match))
        if len(found) > MAX_ELEMENTS:
            raise LimitExceeded(f"more than the {MAX_ELEMENTS:,} matches assaymark evaluates")
    return found


_EXPANSION = re.compile(r"\$(?:\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))")


def _expand(template: str, pattern: _Pattern, match: Any) -> str:
    """A replacement with `$1`, `${1}`, `$name` and `$$` expanded, as Go expands them."""

    def group(found: re.Match[str]) -> str:
        if found.group(0) == "$$":
            return "$"
        name = found.group(1) if found.group(1) is not None else found.group(2)
        if name.isdigit():
            index = int(name)
            return (match.group(index) or "") if index <= pattern.groups else ""
        return (match.group(name) or "") if name in pattern.group_names else ""

    return _EXPANSION.sub(group, template) if "$" in template else template


@_register("replace", arity=(3, 3))
def _replace(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    text, search, replacement = (_string(arg) for arg in args)
    if len(search) > 1 and search.startswith("/") and search.endswith("/"):
        pattern = _Pattern(search[1:-1])
        pieces, position, length = [], 0, 0
        for match in pattern.finditer(text):
            start, end = match.span()
            pieces.extend([text[position:start], _expand(replacement, pattern, match)])
            length += start - position + len(pieces[-1])
            _check_length(length, "replace()")
            position = end
        pieces.append(text[position:])
        return "".join(pieces)
    if search:
        _check_length(
            len(text) + text.count(search) * (len(replacement) - len(search)), "replace()"
        )
    else:
        _check_length(len(text) + (len(text) + 1) * len(replacement), "replace()")
    return text.replace(search, replacement)


# -- collections ---------------------------------------------------------------------------


@_register("length", arity=(1, 1), unknowns="shallow")
def _length(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    value = args[0]
    if isinstance(value, (list, dict)):
        return len(value)
    if isinstance(value, str):
        return len(value) if value.isascii() and "\r\n" not in value else len(_graphemes(value))
    raise TypeError(f"argument must be a string, a collection or a structure, not {_kind(value)}")


@_register("alltrue", arity=(1, 1), unknowns="shallow")
def _alltrue(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    for item in _list(args[0]):
        if is_unknown(item):
            return as_unresolved(item)
        if item is None or not _bool(item):
            return False
    return True


@_register("anytrue", arity=(1, 1), unknowns="shallow")
def _anytrue(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    unknown = None
    for item in _list(args[0]):
        if is_unknown(item):
            unknown = unknown or as_unresolved(item)
        elif item is not None and _bool(item):
            return True
    return unknown if unknown is not None else False


@_register("chunklist", arity=(2, 2), unknowns="shallow")
def _chunklist(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    items, size = _list(args[0]), _int(args[1], "the size")
    if size < 0:
        raise ValueError("the size argument must be positive")
    if not items:
        return []
    if size == 0:
        return [list(items)]
    return [items[start : start + size] for start in range(0, len(items), size)]


@_register("coalesce", unknowns="own")
def _coalesce(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    converted = _unify(list(args))
    as_strings = any(isinstance(item, str) for item in converted)
    for item in converted:
        if is_unknown(item):
            return as_unresolved(item)
        if item is None or (as_strings and item == ""):
            continue
        return item
    raise ValueError("no non-null, non-empty-string arguments")


@_register("coalescelist", arity=(1, None), unknowns="own")
def _coalescelist(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    if any(not (arg is None or is_unknown(arg) or isinstance(arg, list)) for arg in args):
        raise TypeError("coalescelist arguments must be lists or tuples")
    for item in args:
        if is_unknown(item):
            return as_unresolved(item)
        if item:
            return item
    raise ValueError("no non-null, non-empty arguments")


@_register("compact", arity=(1, 1))
def _compact(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return [_string(item) for item in _list(args[0]) if item is not None and item != ""]


@_register("concat", unknowns="shallow")
def _concat(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    lists = [_list(items) for items in args]
    total = sum(map(len, lists))
    if total > MAX_ELEMENTS:
        raise LimitExceeded(f"concat() would make {total:,} elements: more than {MAX_ELEMENTS:,}")
    return [item for items in lists for item in items]


@_register("contains", arity=(2, 2), unknowns="shallow")
def _contains(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    items, wanted = _list(args[0]), args[1]
    if not items:
        return False
    unknown = _deep_unknown([wanted])
    if unknown is not None:
        return unknown
    memo: dict[int, bytes] = {}
    key = _key(wanted, memo)
    if any(_key(item, memo) == key for item in items):
        return True
    # An element with an unknown part might have been the value.
    return _deep_unknown(items) or False


@_register("distinct", arity=(1, 1))
def _distinct_function(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return _distinct(_list(args[0]))


@_register("element", arity=(2, 2), unknowns="shallow")
def _element(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    items, index = _list(args[0]), _int(args[1], "the index")
    if not items:
        raise ValueError("cannot use element function with an empty list")
    return items[index % len(items)]


@_register("flatten", arity=(1, 1), unknowns="shallow")
def _flatten(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    flat: list[Any] = []
    visited = 0
    pending = list(reversed(_list(args[0])))
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


@_register("index", arity=(2, 2), unknowns="shallow")
def _index(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    items, wanted = _list(args[0]), args[1]
    if not items:
        raise ValueError("cannot search an empty list")
    unknown = _deep_unknown([wanted])
    if unknown is not None:
        return unknown
    memo: dict[int, bytes] = {}
    key = _key(wanted, memo)
    seen: set[int] = set()
    for position, item in enumerate(items):
        if _key(item, memo) == key:
            return position
        # An element with an unknown part before the match leaves the position open.
        unknown = _deep_unknown([item], seen)
        if unknown is not None:
            return unknown
    raise ValueError("item not found")


@_register("keys", arity=(1, 1), unknowns="shallow")
def _keys(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return sorted(_map(args[0]))


@_register("lookup", arity=(2, 3), unknowns="shallow")
def _lookup(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    table, key = _map(args[0]), _string(args[1])
    if key in table:
        return table[key]
    if len(args) > 2:
        return args[2]
    raise ValueError(f"lookup failed to find key {_quoted(key)}")


@_register("matchkeys", arity=(3, 3))
def _matchkeys(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    values, keys, searchset = (_list(arg) for arg in args)
    if len(values) != len(keys):
        raise ValueError("length of keys and values should be equal")
    memo: dict[int, bytes] = {}
    unified = _unify([*keys, *searchset])
    wanted = {_key(item, memo) for item in unified[len(keys) :]}
    return [
        value
        for value, key in zip(values, unified[: len(keys)], strict=True)
        if _key(key, memo) in wanted
    ]


@_register("merge", unknowns="shallow")
def _merge(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    merged: dict[str, Any] = {}
    for item in args:
        if item is not None:
            merged.update(_map(item))
    return merged


@_register("one", arity=(1, 1), unknowns="shallow")
def _one(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    if not isinstance(args[0], list) or len(args[0]) > 1:
        raise ValueError("must be a list, set, or tuple value with either zero or one elements")
    return args[0][0] if args[0] else None


@_register("range", arity=(1, 3))
def _range(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    # Fractions keep steps such as 0.1 exact, as Terraform's arbitrary-precision numbers do.
    numbers = [
        Fraction(Decimal(repr(n))) if isinstance(n, float) else Fraction(n)
        for n in map(_number, args)
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


@_register("reverse", arity=(1, 1), unknowns="shallow")
def _reverse(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return list(reversed(_list(args[0])))


@_register("slice", arity=(3, 3), unknowns="shallow")
def _slice(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    items = _list(args[0])
    start, end = _int(args[1], "the start index"), _int(args[2], "the end index")
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


@_register("sort", arity=(1, 1))
def _sort(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    items = _list(args[0])
    if any(item is None for item in items):
        raise TypeError("a null string cannot be sorted")
    return sorted(_string(item) for item in items)


@_register("transpose", arity=(1, 1))
def _transpose(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    transposed: dict[str, list[str]] = {}
    for key, items in _map(args[0]).items():
        for item in _list(items):
            if item is None:
                raise TypeError("input list must not contain null string")
            transposed.setdefault(_string(item), []).append(key)
    return {key: sorted(transposed[key]) for key in sorted(transposed)}


@_register("values", arity=(1, 1), unknowns="shallow")
def _values(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    table = _map(args[0])
    return [table[key] for key in sorted(table)]


@_register("zipmap", arity=(2, 2), unknowns="shallow")
def _zipmap(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    keys, values = _list(args[0]), _list(args[1])
    unknown = _deep_unknown(keys)
    if unknown is not None:
        return unknown
    if len(keys) != len(values):
        raise ValueError(
            f"number of keys ({len(keys)}) does not match number of values ({len(values)})"
        )
    if any(key is None for key in keys):
        raise TypeError("the keys list holds a null")
    return {_string(key): value for key, value in zip(keys, values, strict=True)}


# -- sets ----------------------------------------------------------------------------------


def _sets(args: list[Any]) -> list[list[Any]]:
    return [_as_set(_list(arg)) for arg in args]


@_register("setintersection", arity=(1, None))
def _setintersection(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    first, *others = _sets(_unified_sets(args))
    memo: dict[int, bytes] = {}
    for other in others:
        keys = {_key(item, memo) for item in other}
        first = [item for item in first if _key(item, memo) in keys]
    return first


@_register("setsubtract", arity=(2, 2))
def _setsubtract(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    first, second = _sets(_unified_sets(args))
    memo: dict[int, bytes] = {}
    removed = {_key(item, memo) for item in second}
    return [item for item in first if _key(item, memo) not in removed]


@_register("setunion", arity=(1, None), unknowns="shallow")
def _setunion(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return _as_set([item for items in _unified_sets(args) for item in items])


def _unified_sets(args: list[Any]) -> list[list[Any]]:
    """The sets' elements converted to the one element type that all of them share."""
    lists = [_list(arg) for arg in args]
    flat = _unify([item for items in lists for item in items])
    unified, position = [], 0
    for items in lists:
        unified.append(flat[position : position + len(items)])
        position += len(items)
    return unified


@_register("setproduct", arity=(2, None))
def _setproduct(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    factors = [_unify(_list(arg)) for arg in args]
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


# -- encoding ------------------------------------------------------------------------------


def _json_text(value: Any) -> str:
    """JSON as Terraform's jsonencode writes it: keys sorted, no spaces, `1` not `1.0`.

    Strings are escaped as Python's json module escapes them (non-ASCII as \\u escapes, where
    Terraform writes UTF-8 and escapes `<`, `>` and `&`): the same JSON value, and the form in
    which a sensitive value is recognized inside the document.
    """
    pieces: list[str] = []
    length = 0
    pending: list[Any] = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, _Raw):
            piece = item.text
        elif isinstance(item, dict):
            entries: list[Any] = [_Raw("}")]
            for number, name in enumerate(sorted(item, reverse=True)):
                entries.extend([item[name], _Raw(json.dumps(name) + ":")])
                if number < len(item) - 1:
                    entries.append(_Raw(","))
            pending.extend(entries)
            piece = "{"
        elif isinstance(item, list):
            entries = [_Raw("]")]
            for number, element in enumerate(reversed(item)):
                entries.append(element)
                if number < len(item) - 1:
                    entries.append(_Raw(","))
            pending.extend(entries)
            piece = "["
        elif is_unknown(item):
            raise ValueError("cannot encode a value known only after apply")
        elif item is None or isinstance(item, (bool, str)):
            piece = json.dumps(item if not isinstance(item, str) else str(item))
        else:
            piece = _number_text(item)
        pieces.append(piece)
        length += len(piece)
        _check_length(length, "the JSON document")
    return "".join(pieces)


@dataclass(frozen=True)
class _Raw:
    """Text written as it is between the values of a document being encoded."""

    text: str


@_register("jsonencode", arity=(1, 1), unknowns="own")
def _jsonencode(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    unknown = _deep_unknown(args)
    if isinstance(unknown, EvalFailure):
        return unknown
    # A document with unknown parts stays a structure: paths can still be read from it, and
    # reading an unknown part is an error, which a placeholder string would have hidden.
    if unknown is not None:
        return args[0]
    return _json_text(args[0])


def _json_number(text: str) -> int | float:
    number = _parse_number(text)
    if number is None:
        raise ValueError(f"invalid number {text!r}")
    return number


def _json_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(f"duplicate {_quoted(key)} property in JSON object")
        found[key] = value
    return found


@_register("jsondecode", arity=(1, 1))
def _jsondecode(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    try:
        return json.loads(
            _string(args[0]),
            parse_float=_json_number,
            parse_int=_json_number,
            parse_constant=_json_constant,
            object_pairs_hook=_json_object,
        )
    except RecursionError:
        raise ValueError("the JSON is nested more deeply than assaymark reads") from None


def _yaml_document(value: Any) -> list[yaml_events.Event]:
    """The events of a YAML document as Terraform's yamlencode writes it: block style, keys
    sorted, strings double-quoted (literal when they span lines)."""
    found: list[yaml_events.Event] = []
    pending: list[Any] = [value]
    # At least what the document will hold: each scalar's text and its `- ` or `: ` and line.
    size = 0
    while pending:
        item = pending.pop()
        if isinstance(item, yaml_events.Event):
            found.append(item)
            continue
        if isinstance(item, dict):
            found.append(yaml_events.MappingStartEvent(None, None, True, flow_style=False))
            pending.append(yaml_events.MappingEndEvent())
            for name in sorted(item, reverse=True):
                pending.extend([item[name], _yaml_scalar_event(name)])
        elif isinstance(item, list):
            found.append(yaml_events.SequenceStartEvent(None, None, True, flow_style=False))
            pending.append(yaml_events.SequenceEndEvent())
            pending.extend(reversed(item))
        elif is_unknown(item):
            raise ValueError("cannot encode a value known only after apply")
        else:
            scalar = _yaml_scalar_event(item)
            found.append(scalar)
            size += len(scalar.value) + 3
        size += 1
        _check_length(size, "the YAML document")
    return found


def _yaml_scalar_event(value: Any) -> yaml_events.ScalarEvent:
    if value is None:
        return yaml_events.ScalarEvent(None, None, (True, True), "null", style=None)
    if isinstance(value, str):
        style = "|" if "\n" in value else '"'
        return yaml_events.ScalarEvent(None, None, (True, True), str(value), style=style)
    text = _string(value)
    return yaml_events.ScalarEvent(None, None, (True, True), text, style=None)


@_register("yamlencode", arity=(1, 1), unknowns="own")
def _yamlencode(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    unknown = _deep_unknown(args)
    if isinstance(unknown, EvalFailure):
        return unknown
    if unknown is not None:
        return args[0]
    stream = [
        yaml_events.StreamStartEvent(),
        yaml_events.DocumentStartEvent(explicit=False),
        *_yaml_document(args[0]),
        yaml_events.DocumentEndEvent(explicit=False),
        yaml_events.StreamEndEvent(),
    ]
    text: str = yaml.emit(stream, Dumper=_YAML_DUMPER, allow_unicode=True)
    return text


_YAML_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_TAG = "tag:yaml.org,2002:"
_YAML_CONSTANTS: dict[str, Any] = {
    **dict.fromkeys(["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE"], True),
    **dict.fromkeys(["on", "On", "ON"], True),
    **dict.fromkeys(["n", "N", "no", "No", "NO", "false", "False", "FALSE"], False),
    **dict.fromkeys(["off", "Off", "OFF"], False),
    **dict.fromkeys(["", "~", "null", "Null", "NULL"], None),
}
_YAML_INTEGER = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_YAML_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_YAML_TIMESTAMP = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:(?:([Tt])|[ ])(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?)?"
)
_YAML_INFINITIES = frozenset(
    sign + text for sign in ("", "+", "-") for text in (".inf", ".Inf", ".INF")
)
_MERGE = object()


def _yaml_scalar(tag: str | None, text: str, style: str | None) -> Any:
    """A scalar as Terraform's yamldecode reads it (YAML 1.1 booleans such as `yes` and `on`,
    YAML 1.2 integers, timestamps as RFC 3339 strings)."""
    tag = None if tag in (None, "!") else tag
    short = tag[len(_YAML_TAG) :] if tag and tag.startswith(_YAML_TAG) else tag
    if short not in (None, "str", "bool", "int", "float", "null", "timestamp", "binary"):
        raise ValueError(f"unsupported tag {tag!r}")
    if short not in ("str", "binary") and (text == "" or text[0] in "+-0123456789yYnNtTfFoO~."):
        if style in ("'", '"'):
            return text
        if text in _YAML_CONSTANTS:
            return _YAML_CONSTANTS[text]
        if text in _YAML_INFINITIES:
            raise LimitExceeded(f"{text}: an infinite number is not evaluated")
        if short is None and text in (".nan", ".NaN", ".NAN"):
            raise ValueError("floating point NaN is not supported")
        if short in (None, "timestamp") and _yaml_timestamp(text) is not None:
            return _yaml_timestamp(text)
        if short is None and _YAML_INTEGER.fullmatch(text):
            short = "int"
        elif short is None and _YAML_FLOAT.fullmatch(text):
            short = "float"
    if short is None and text == "<<":
        return _MERGE
    if short in (None, "str"):
        return text
    if short == "binary":
        try:
            _base64_bytes(text)
        except ValueError:
            raise ValueError(
                f"cannot parse {_quoted(text)} as !!binary: not valid base64"
            ) from None
        return text
    if short == "bool":
        if not isinstance(_YAML_CONSTANTS.get(text), bool):
            raise ValueError(f"cannot parse {_quoted(text)} as !!bool")
        return _YAML_CONSTANTS[text]
    if short in ("int", "float"):
        plain = text.replace("_", "")
        number = _parse_number(plain)
        if number is None:
            try:
                number = int(plain, 0)
            except ValueError:
                raise ValueError(f"cannot parse {_quoted(text)} as !!{short}") from None
        return number
    if short == "timestamp":
        stamp = _yaml_timestamp(text)
        if stamp is None:
            raise ValueError(f"cannot parse {_quoted(text)} as !!timestamp")
        return stamp
    return None


def _yaml_timestamp(text: str) -> str | None:
    match = _YAML_TIMESTAMP.fullmatch(text)
    if match is None:
        return None
    year, month, day, separator, hour, minute, second, _, zone = match.groups()
    if hour is not None and (zone is None) != (separator is None):
        return None
    offset = timedelta(0)
    if zone and zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        offset = sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
    try:
        stamp = datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            tzinfo=timezone(offset),
        )
    except ValueError:
        return None
    return _rfc3339(stamp)


@_register("yamldecode", arity=(1, 1))
def _yamldecode(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    text = _string(args[0])
    try:
        check_expansion(text)
        return _yaml_value(yaml.parse(text, Loader=_YAML_LOADER))
    except ExpansionError as exc:
        raise LimitExceeded(str(exc.problem)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"on line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise ValueError(f"{where}{getattr(exc, 'problem', None) or exc}") from None


def _yaml_value(stream: Iterator[yaml_events.Event]) -> Any:
    """The one document of a YAML event stream, built without recursion."""
    anchors: dict[str, Any] = {}
    pending: set[str] = set()
    # Each open collection: [value, anchor, key waiting for its value (maps)].
    open_collections: list[list[Any]] = []
    result: list[Any] = []
    documents = 0
    for event in stream:
        if isinstance(event, yaml_events.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise ValueError("only a single document is allowed")
            continue
        if isinstance(event, (yaml_events.StreamStartEvent, yaml_events.DocumentEndEvent)):
            continue
        if isinstance(event, yaml_events.StreamEndEvent):
            break
        if isinstance(event, yaml_events.CollectionEndEvent):
            value, anchor, _ = open_collections.pop()
            if anchor:
                pending.discard(anchor)
                anchors[anchor] = value
            _yaml_place(open_collections, result, value, event)
            continue
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml_events.AliasEvent):
            if anchor in pending:
                raise ValueError(
                    f"cannot refer to anchor {anchor!r} from inside its own definition"
                )
            if anchor not in anchors:
                raise ValueError(f"reference to undefined anchor {anchor!r}")
            _yaml_place(open_collections, result, anchors[anchor], event)
            continue
        tag = getattr(event, "tag", None)
        if isinstance(event, yaml_events.ScalarEvent):
            value = _yaml_scalar(tag, event.value, event.style)
            if anchor:
                anchors[anchor] = value
            _yaml_place(open_collections, result, value, event)
            continue
        mapping = isinstance(event, yaml_events.MappingStartEvent)
        if tag not in (None, "!", _YAML_TAG + ("map" if mapping else "seq")):
            raise ValueError(f"can't interpret {'mapping' if mapping else 'sequence'} as {tag}")
        top = open_collections[-1] if open_collections else None
        if top is not None and isinstance(top[0], dict) and top[2] is None:
            raise ValueError("only strings are allowed as mapping keys")
        if anchor:
            pending.add(anchor)
        open_collections.append([{} if mapping else [], anchor, None])
    if documents == 0:
        raise ValueError("missing start of document")
    return result[0] if result else None


def _yaml_place(
    open_collections: list[list[Any]], result: list[Any], value: Any, event: yaml_events.Event
) -> None:
    """Put a finished value where it belongs: the document, a sequence, or a mapping's key
    or value (`<<` as a key merges a mapping in; anywhere else it is the string it is)."""
    top = open_collections[-1] if open_collections else None
    if top is not None and isinstance(top[0], dict) and top[2] is None:
        if not isinstance(event, yaml_events.ScalarEvent):
            raise ValueError("only strings are allowed as mapping keys")
        if value is None:
            raise ValueError("mapping key cannot be null")
        top[2] = value if value is _MERGE else _string(value)
        return
    if value is _MERGE:
        value = "<<"
    if top is None:
        result.append(value)
    elif isinstance(top[0], list):
        top[0].append(value)
    else:
        key, top[2] = top[2], None
        if key is not _MERGE:
            top[0][key] = value
        elif isinstance(value, dict):
            top[0].update(value)
        else:
            raise ValueError(f"cannot merge {_kind(value)} into mapping")


def _base64_bytes(text: str) -> bytes:
    """Standard base64 decoded strictly, as Go decodes it (line breaks are skipped)."""
    return base64.b64decode(text.replace("\r", "").replace("\n", ""), validate=True)


def _base64decode(text: str) -> str:
    try:
        decoded = _base64_bytes(text)
    except ValueError:
        raise ValueError(f"failed to decode base64 data {_quoted(text)}") from None
    try:
        return decoded.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("the result of decoding the provided string is not valid UTF-8") from None


# The IANA character sets Terraform's text functions support, by Python's codec names.
_TEXT_ENCODINGS = frozenset(
    {
        "utf-8",
        "utf-16",
        "utf-16-be",
        "utf-16-le",
        *(f"cp{page}" for page in (37, 437, 850, 852, 855, 858, 860, 862, 863, 865, 866, 1140)),
        *(f"iso8859-{part}" for part in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16)),
        "koi8-r",
        "koi8-u",
        "mac-roman",
        "cp874",
        *(f"cp{page}" for page in range(1250, 1259)),
        "euc_jp",
        "iso2022_jp",
        "shift_jis",
        "euc_kr",
        "gb18030",
        "gbk",
        "hz",
        "big5",
    }
)


def _codec(name: str) -> str:
    try:
        codec = codecs.lookup(name.strip()).name
    except LookupError:
        codec = ""
    if codec not in _TEXT_ENCODINGS:
        raise ValueError(f"{_quoted(name)} is not a supported IANA encoding name or alias")
    return codec


def _textencodebase64(text: str, encoding: str) -> str:
    codec = _codec(encoding)
    try:
        # IANA's UTF-16 is big-endian with a byte order mark; Python's is the machine's order.
        encoded = (
            b"\xfe\xff" + text.encode("utf-16-be") if codec == "utf-16" else text.encode(codec)
        )
    except UnicodeEncodeError:
        raise ValueError(
            f"the given string contains characters that cannot be represented in {encoding}"
        ) from None
    return base64.b64encode(encoded).decode("ascii")


def _textdecodebase64(source: str, encoding: str) -> str:
    codec = _codec(encoding)
    try:
        raw = _base64_bytes(source)
    except ValueError:
        raise ValueError("the given value is not valid base64") from None
    if codec == "utf-16":
        codec = "utf-16-le" if raw.startswith(b"\xff\xfe") else "utf-16-be"
        raw = raw[2:] if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw
    try:
        decoded = raw.decode(codec)
    except UnicodeDecodeError:
        decoded = "\ufffd"
    if "\ufffd" in decoded:
        raise ValueError(f"the given string contains symbols that are not defined for {encoding}")
    return decoded


def _urlencode(text: str) -> str:
    """Query escaping as Go's url.QueryEscape does it: space as `+`, `-_.~` kept."""
    kept = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
    return "".join(
        chr(byte) if byte in kept else "+" if byte == 0x20 else f"%{byte:02X}"
        for byte in text.encode("utf-8", "surrogatepass")
    )


def _csv_records(text: str) -> list[list[str]]:
    """CSV records as Go's encoding/csv reads them: quotes doubled inside quoted fields, empty
    lines skipped, a stray quote an error."""
    text = text.replace("\r\n", "\n")
    records: list[list[str]] = []
    reader = _CsvReader(text)
    while reader.position < len(text):
        if text[reader.position] == "\n":
            reader.next_line()
            continue
        records.append(reader.record())
        if len(records) > MAX_ELEMENTS:
            raise LimitExceeded(f"more than the {MAX_ELEMENTS:,} CSV records assaymark evaluates")
        reader.next_line()
    return records


class _CsvReader:
    """A position in CSV text, reading one record at a time."""

    def __init__(self, text: str) -> None:
        self.text, self.position, self.line = text, 0, 1

    def next_line(self) -> None:
        """Step over the end of a line."""
        self.position, self.line = self.position + 1, self.line + 1

    def error(self, problem: str) -> ValueError:
        """A parse error on the current line."""
        return ValueError(f"CSV parse error on line {self.line}: {problem}")

    def record(self) -> list[str]:
        """The fields up to the end of the line."""
        fields = [self.field()]
        while self.position < len(self.text) and self.text[self.position] == ",":
            self.position += 1
            fields.append(self.field())
        return fields

    def field(self) -> str:
        """One field, quoted or not."""
        text, start = self.text, self.position
        if not text.startswith('"', start):
            ends = [i for i in (text.find(",", start), text.find("\n", start)) if i >= 0]
            self.position = min(ends, default=len(text))
            if '"' in text[start : self.position]:
                raise self.error('bare " in non-quoted-field')
            return text[start : self.position]
        pieces, position = [], start + 1
        while True:
            close = text.find('"', position)
            if close < 0:
                raise self.error('extraneous or missing " in quoted-field')
            pieces.append(text[position:close])
            self.line += text.count("\n", position, close)
            if not text.startswith('""', close):
                break
            pieces.append('"')
            position = close + 2
        self.position = close + 1
        if self.position < len(text) and text[self.position] not in ",\n":
            raise self.error('extraneous or missing " in quoted-field')
        return "".join(pieces)


@_register("csvdecode", arity=(1, 1))
def _csvdecode(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    records = _csv_records(_string(args[0]))
    if not records:
        raise ValueError("missing header line")
    headers = records[0]
    if len(set(headers)) != len(headers):
        duplicate = next(name for name in headers if headers.count(name) > 1)
        raise ValueError(f"duplicate column name {_quoted(duplicate)}")
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if len(record) != len(headers):
            raise ValueError(f"CSV parse error on record {number}: wrong number of fields")
        rows.append(dict(zip(headers, record, strict=True)))
    return rows


@_register("base64gzip", arity=(1, 1))
def _base64gzip(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return Unresolved(
        "",
        "base64gzip() is not evaluated: Terraform's bytes come from Go's compressor, which "
        "assaymark cannot reproduce byte for byte",
        not_null=True,
    )


_simple("base64decode", lambda text: _base64decode(_string(text)))
_simple("base64encode", lambda text: base64.b64encode(_string(text).encode()).decode("ascii"))
_simple("textdecodebase64", lambda text, name: _textdecodebase64(_string(text), _string(name)))
_simple("textencodebase64", lambda text, name: _textencodebase64(_string(text), _string(name)))
_simple("urlencode", lambda text: _urlencode(_string(text)))

# -- hashes and cryptography ---------------------------------------------------------------


def _digest(algorithm: str, data: bytes, encoding: str) -> str:
    digest = hashlib.new(algorithm, data).digest()
    return digest.hex() if encoding == "hex" else base64.b64encode(digest).decode("ascii")


_HASHES = {
    "md5": ("md5", "hex"),
    "sha1": ("sha1", "hex"),
    "sha256": ("sha256", "hex"),
    "sha512": ("sha512", "hex"),
    "base64sha256": ("sha256", "base64"),
    "base64sha512": ("sha512", "base64"),
}


def _string_hash(name: str, algorithm: str, encoding: str) -> None:
    def hashed(text: Any) -> str:
        return _digest(algorithm, _string(text).encode("utf-8", "surrogatepass"), encoding)

    _simple(name, hashed)


for _name, (_algorithm, _encoding) in _HASHES.items():
    _string_hash(_name, _algorithm, _encoding)

_UUID_NAMESPACES = {
    "dns": uuid.NAMESPACE_DNS,
    "url": uuid.NAMESPACE_URL,
    "oid": uuid.NAMESPACE_OID,
    "x500": uuid.NAMESPACE_X500,
}


def _uuidv5(namespace: str, name: str) -> str:
    space = _UUID_NAMESPACES.get(namespace)
    if space is None:
        try:
            space = uuid.UUID(namespace)
        except ValueError:
            raise ValueError(f"uuidv5() doesn't support namespace {_quoted(namespace)}") from None
    return str(uuid.uuid5(space, name))


_simple("uuidv5", lambda namespace, name: _uuidv5(_string(namespace), _string(name)))

# -- networks ------------------------------------------------------------------------------


def _network(prefix: Any) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    text = _string(prefix)
    if "/" not in text:
        raise ValueError(f"invalid CIDR expression: invalid CIDR address: {text}")
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError as exc:
        raise ValueError(f"invalid CIDR expression: {exc}") from None


@_register("cidrhost", arity=(2, 2))
def _cidrhost(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    network, host = _network(args[0]), _int(args[1], "the host number")
    size = network.num_addresses
    if not -size <= host < size:
        raise ValueError(
            f"prefix of {network.prefixlen} does not accommodate a host numbered {host}"
        )
    return str(network[host])


@_register("cidrnetmask", arity=(1, 1))
def _cidrnetmask(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    network = _network(args[0])
    if network.version != 4:
        raise ValueError(f"IPv6 addresses cannot have a netmask: {args[0]}")
    return str(network.netmask)


@_register("cidrsubnet", arity=(3, 3))
def _cidrsubnet(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    network = _network(args[0])
    newbits, number = _int(args[1], "newbits"), _int(args[2], "netnum")
    bits = network.max_prefixlen
    prefix = network.prefixlen + newbits
    if newbits < 0 or prefix > bits:
        raise ValueError(
            f"insufficient address space to extend prefix of {network.prefixlen} by {newbits}"
        )
    if not 0 <= number < 1 << newbits:
        raise ValueError(
            f"prefix extension of {newbits} does not accommodate a subnet numbered {number}"
        )
    start = int(network.network_address) + (number << (bits - prefix))
    return f"{type(network.network_address)(start)}/{prefix}"


@_register("cidrsubnets", arity=(1, None))
def _cidrsubnets(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    network = _network(args[0])
    if len(args) == 1:
        return []
    bits, base = network.max_prefixlen, int(network.network_address)
    lengths = [_int(arg, "newbits") for arg in args[1:]]
    # The subnet before the first, at the first's size, so that each next one follows it.
    current_prefix = network.prefixlen + lengths[0]
    if current_prefix > bits:
        current_prefix = bits
    current = ((base - 1) % (1 << bits)) & _mask(current_prefix, bits)
    subnets = []
    for position, extension in enumerate(lengths, start=1):
        if extension < 1:
            raise ValueError(f"argument {position + 1}: must extend prefix by at least one bit")
        if extension > 32:
            raise ValueError(f"argument {position + 1}: may not extend prefix by more than 32 bits")
        prefix = network.prefixlen + extension
        if prefix > bits:
            protocol = "IPv4" if bits == 32 else "IPv6"
            raise ValueError(
                f"argument {position + 1}: would extend prefix to {prefix} bits, which is too "
                f"long for an {protocol} address"
            )
        last = current + (1 << (bits - current_prefix)) - 1
        start = (last & _mask(prefix, bits)) + (1 << (bits - prefix))
        if start >= 1 << bits or not base <= start < base + network.num_addresses:
            shown = f"{type(network.network_address)(current)}/{current_prefix}"
            raise ValueError(
                f"argument {position + 1}: not enough remaining address space for a subnet with a "
                f"prefix of {prefix} bits after {shown}"
            )
        current, current_prefix = start, prefix
        subnets.append(f"{type(network.network_address)(start)}/{prefix}")
    return subnets


def _mask(prefix: int, bits: int) -> int:
    return ((1 << bits) - 1) ^ ((1 << (bits - prefix)) - 1)


# -- dates and times -----------------------------------------------------------------------

_RFC3339 = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})")


@dataclass(frozen=True)
class _Instant:
    """A timestamp: nanoseconds since 1970 and the UTC offset it was written with."""

    nanoseconds: int
    offset: int

    def local(self) -> datetime:
        """The time of day in its own offset, to the second."""
        seconds = self.nanoseconds // 10**9
        stamp = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds)
        return stamp.astimezone(timezone(timedelta(seconds=self.offset)))


def _timestamp(text: str) -> _Instant:
    match = _RFC3339.fullmatch(text)
    if match is None:
        raise ValueError(f"not a valid RFC3339 timestamp: {_quoted(text)}")
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    offset = 0
    if zone != "Z":
        if int(zone[1:3]) > 23 or int(zone[4:6]) > 59:
            raise ValueError(f"not a valid RFC3339 timestamp: cannot use {zone!r} as UTC offset")
        offset = (-1 if zone[0] == "-" else 1) * (int(zone[1:3]) * 3600 + int(zone[4:6]) * 60)
    try:
        moment = datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second), tzinfo=UTC
        )
    except ValueError as exc:
        raise ValueError(f"not a valid RFC3339 timestamp: {exc}") from None
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    whole = (moment - epoch) // timedelta(seconds=1) - offset
    nanoseconds = int((fraction or ".0")[1:10].ljust(9, "0"))
    return _Instant(whole * 10**9 + nanoseconds, offset)


def _rfc3339(stamp: datetime) -> str:
    """A time as Go's RFC 3339 layout writes it: to the second, `Z` for UTC."""
    offset = stamp.utcoffset() or timedelta(0)
    text = stamp.strftime("%Y-%m-%dT%H:%M:%S")
    if not offset:
        return text + "Z"
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{text}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


_DURATION_UNITS = {
    "ns": 1,
    "us": 10**3,
    "\u00b5s": 10**3,
    "\u03bcs": 10**3,
    "ms": 10**6,
    "s": 10**9,
    "m": 60 * 10**9,
    "h": 3600 * 10**9,
}
_DURATION_PART = re.compile(r"(\d*)(?:\.(\d*))?(ns|us|\u00b5s|\u03bcs|ms|s|m|h)")


def _duration(text: str) -> int:
    """A Go duration (`1h30m`, `-1.5s`) in nanoseconds."""
    body = text[1:] if text[:1] in "+-" else text
    if body == "0":
        return 0
    nanoseconds, position = Fraction(0), 0
    while position < len(body):
        match = _DURATION_PART.match(body, position)
        if match is None or not (match.group(1) or match.group(2)):
            raise ValueError(f"time: invalid duration {_quoted(text)}")
        whole, fraction, unit = match.groups()
        value = Fraction(int(whole or 0)) + (
            Fraction(int(fraction), 10 ** len(fraction)) if fraction else 0
        )
        nanoseconds += value * _DURATION_UNITS[unit]
        position = match.end()
    if not body or nanoseconds > 2**63 - 1:
        raise ValueError(f"time: invalid duration {_quoted(text)}")
    return -int(nanoseconds) if text.startswith("-") else int(nanoseconds)


def _timeadd(timestamp: str, duration: str) -> str:
    instant = _timestamp(timestamp)
    moved = _Instant(instant.nanoseconds + _duration(duration), instant.offset)
    try:
        return _rfc3339(moved.local())
    except OverflowError:
        raise ValueError("the resulting time is out of range") from None


def _timecmp(first: str, second: str) -> int:
    a, b = _timestamp(first).nanoseconds, _timestamp(second).nanoseconds
    return (a > b) - (a < b)


_MONTHS = "January February March April May June July August September October November December"
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
_DATE_TOKEN = re.compile(r"'(?:[^']|'')*'?|([A-Za-z])\1*|[^'A-Za-z]+")


def _formatdate(spec: str, timestamp: str) -> str:
    """A timestamp written with Terraform's date format verbs (`YYYY-MM-DD`, `hh:mm`, ...)."""
    stamp = _timestamp(timestamp).local()
    pieces = []
    for match in _DATE_TOKEN.finditer(spec):
        token = match.group(0)
        if token == "''":
            pieces.append("'")
        elif token.startswith("'"):
            if len(token) == 1 or not token.endswith("'"):
                raise ValueError("unterminated literal '")
            pieces.append(token[1:-1].replace("''", "'"))
        elif token[0].isalpha():
            pieces.append(_date_verb(token, stamp))
        else:
            pieces.append(token)
    return "".join(pieces)


def _date_verb(token: str, stamp: datetime) -> str:
    verb, size = token[0], len(token)
    hour12 = stamp.hour % 12 or 12
    choices: dict[str, dict[int, str]] = {
        "Y": {2: f"{stamp.year % 100:02d}", 4: f"{stamp.year:04d}"},
        "M": {
            1: str(stamp.month),
            2: f"{stamp.month:02d}",
            3: _MONTHS.split()[stamp.month - 1][:3],
            4: _MONTHS.split()[stamp.month - 1],
        },
        "D": {1: str(stamp.day), 2: f"{stamp.day:02d}"},
        "E": {3: _WEEKDAYS.split()[stamp.weekday()][:3], 4: _WEEKDAYS.split()[stamp.weekday()]},
        "h": {1: str(stamp.hour), 2: f"{stamp.hour:02d}"},
        "H": {1: str(hour12), 2: f"{hour12:02d}"},
        "A": {2: "AM" if stamp.hour < 12 else "PM"},
        "a": {2: "am" if stamp.hour < 12 else "pm"},
        "m": {1: str(stamp.minute), 2: f"{stamp.minute:02d}"},
        "s": {1: str(stamp.second), 2: f"{stamp.second:02d}"},
        "Z": _zone_forms(stamp),
    }
    if verb not in choices:
        raise ValueError(f"invalid date format verb {token!r}")
    if size not in choices[verb]:
        raise ValueError(f"invalid date format verb {token!r}")
    return choices[verb][size]


def _zone_forms(stamp: datetime) -> dict[int, str]:
    minutes = int((stamp.utcoffset() or timedelta(0)).total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    compact = f"{sign}{hours:02d}{rest:02d}"
    return {
        1: "Z" if minutes == 0 else f"{sign}{hours:02d}:{rest:02d}",
        3: "UTC" if minutes == 0 else compact,
        4: compact,
        5: f"{sign}{hours:02d}:{rest:02d}",
    }


_simple("formatdate", lambda spec, timestamp: _formatdate(_string(spec), _string(timestamp)))
_simple("timeadd", lambda timestamp, duration: _timeadd(_string(timestamp), _string(duration)))
_simple("timecmp", lambda first, second: _timecmp(_string(first), _string(second)))

# -- paths ---------------------------------------------------------------------------------


def _clean(path: str) -> str:
    """A path as Go's filepath.Clean writes it: `.` and `..` resolved in the text, one slash."""
    rooted = path.startswith("/")
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            elif not rooted:
                parts.append(part)
            continue
        parts.append(part)
    cleaned = "/".join(parts)
    return ("/" + cleaned) if rooted else (cleaned or ".")


def _basename(path: str) -> str:
    stripped = path.rstrip("/")
    if path and not stripped:
        return "/"
    return stripped.rsplit("/", 1)[-1] if stripped else "."


def _dirname(path: str) -> str:
    head = path[: path.rfind("/") + 1]
    return _clean(head) if head else "."


def _home(path: str) -> Unresolved | None:
    """Why a path under `~` is not known: the home folder is that of whoever runs Terraform."""
    if path == "~" or path.startswith("~/"):
        return Unresolved("", "the home folder of whoever runs Terraform is not known before apply")
    if path.startswith("~"):
        raise ValueError("failed to expand ~: cannot expand user-specific home dir")
    return None


def _written_path(module: ModuleScope, written: str) -> Path:
    """The absolute path a function's path argument names, without following links.

    A relative path is relative to the root module's folder, where Terraform runs; a path
    built from `path.module` or `path.root` (which assaymark writes relative to its own working
    folder) names the folder it was built from.
    """
    path = Path(written)
    if path.is_absolute():
        return path
    for folder in (module.directory, module.root_directory):
        shown = folder.as_posix()
        if written == shown or written.startswith(shown.rstrip("/") + "/"):
            return (folder / written[len(shown) :].lstrip("/")).absolute()
    return (module.root_directory / written).absolute()


@_register("abspath", arity=(1, 1))
def _abspath(_evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
    # The folder Terraform runs in is taken to be the scanned root module's.
    return _clean(_written_path(context.module, _string(args[0])).as_posix())


@_register("pathexpand", arity=(1, 1))
def _pathexpand(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    path = _string(args[0])
    return _home(path) or path


_simple("basename", lambda path: _basename(_string(path)))
_simple("dirname", lambda path: _dirname(_string(path)))

# -- files: read only inside the module's folders, so no report carries others' files ------


def _folders(module: ModuleScope) -> list[Path]:
    """The folders whose files a module may read: its own and the root module's (a module
    called as `../..` from an example lies outside that example, but it is the code scanned)."""
    own, root = module.directory.resolve(), module.root_directory.resolve()
    return [root] if own == root else [root, own]


def _inside(path: Path, folders: list[Path]) -> bool:
    return any(path.is_relative_to(folder) for folder in folders)


def _module_file(context: Context, name: Any) -> Path | Unresolved:
    """The real path of a file named in a function call, or why it is not known; a path
    outside the module's folders is refused. Links are followed to where they lead, which
    must lie inside those folders too."""
    written = _string(name)
    unknown = _home(written)
    if unknown is not None:
        return unknown
    resolved = _real(_written_path(context.module, written), written)
    if not _inside(resolved, _folders(context.module)):
        raise ValueError(f"{written} is outside the scanned module")
    return resolved


def _real(path: Path, written: str) -> Path:
    """Where a path leads once its links are followed."""
    try:
        return path.resolve()
    except (OSError, RuntimeError) as exc:  # a name too long, a loop of links
        raise ValueError(
            f"cannot read {written}: {getattr(exc, 'strerror', None) or exc}"
        ) from None


def _is_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _status(path: Path, written: str) -> os.stat_result | None:
    """A path's status: None if nothing is there, an error if it is not a regular file."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ValueError(f"cannot read {written}: {exc.strerror}") from None
    if stat.S_ISDIR(status.st_mode):
        raise ValueError(f"{written} is a directory, not a file")
    if not stat.S_ISREG(status.st_mode):
        raise ValueError(f"{written} is not a regular file")
    return status


def _read_bytes(context: Context, name: Any, limit: int) -> bytes | Unresolved:
    """The contents of a file inside the module's folders, of at most `limit` bytes."""
    path = _module_file(context, name)
    return path if isinstance(path, Unresolved) else _read_path(path, _string(name), limit)


def _read_path(path: Path, written: str, limit: int) -> bytes:
    status = _status(path, written)
    if status is None:
        raise ValueError(
            f"no file exists at {written}; this function works only with files that are "
            "distributed as part of the configuration source code"
        )
    if status.st_size > limit:
        raise LimitExceeded(
            f"{written} has {status.st_size:,} bytes: more than the {limit:,} assaymark reads"
        )
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise ValueError(f"cannot read {written}: {exc.strerror}") from None
    if len(data) > limit:
        raise LimitExceeded(f"{written} is larger than the {limit:,} bytes assaymark reads")
    return data


def _text(data: bytes, written: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(
            f"contents of {written} are not valid UTF-8; use the filebase64 function to "
            "obtain the Base64 encoded contents"
        ) from None


def _no_files_in_templatestring(context: Context, name: str) -> None:
    if isinstance(context.module, _TemplateScope) and context.module.kind == "templatestring":
        raise _TemplateRefused(
            f"cannot use filesystem access functions like {name} in templatestring templates"
        )


@_register("file", arity=(1, 1))
def _file(_evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
    _no_files_in_templatestring(context, "file")
    data = _read_bytes(context, args[0], MAX_STRING * 4)
    return data if isinstance(data, Unresolved) else _text(data, _string(args[0]))


@_register("filebase64", arity=(1, 1))
def _filebase64(_evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
    _no_files_in_templatestring(context, "filebase64")
    data = _read_bytes(context, args[0], MAX_STRING * 3 // 4)
    return data if isinstance(data, Unresolved) else base64.b64encode(data).decode("ascii")


@_register("fileexists", arity=(1, 1))
def _fileexists(_evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
    _no_files_in_templatestring(context, "fileexists")
    path = _module_file(context, args[0])
    if isinstance(path, Unresolved):
        return path
    return _status(path, _string(args[0])) is not None


def _file_hash(name: str, algorithm: str, encoding: str) -> None:
    @_register(name, arity=(1, 1))
    def hashed(_evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
        _no_files_in_templatestring(context, name)
        data = _read_bytes(context, args[0], MAX_HASHED_BYTES)
        return data if isinstance(data, Unresolved) else _digest(algorithm, data, encoding)


for _name, (_algorithm, _encoding) in _HASHES.items():
    _file_hash(f"file{_name}", _algorithm, _encoding)


_GLOB_SPECIAL = re.compile(r"[*?\[{\\]")


def _glob_component(component: str, pattern: str) -> str:
    """An RE2 pattern for one path component of a glob: `*`, `?`, `[...]`, `{a,b}`."""
    out, position, braces = [], 0, 0
    while position < len(component):
        character = component[position]
        if character == "\\" and position + 1 < len(component):
            out.append(re.escape(component[position + 1]))
            position += 1
        elif character == "*":
            out.append("[^/]*")
        elif character == "?":
            out.append("[^/]")
        elif character == "[":
            close = component.find("]", position + 2)
            if close < 0:
                raise ValueError(f"syntax error in pattern {_quoted(pattern)}")
            body = component[position + 1 : close]
            negated = body[:1] in ("^", "!")
            members = "".join(c if c == "-" else re.escape(c) for c in body[negated:])
            out.append(f"[{'^' if negated else ''}{members}]")
            position = close
        elif character == "{":
            braces += 1
            out.append("(?:")
        elif character == "}" and braces:
            braces -= 1
            out.append(")")
        elif character == "," and braces:
            out.append("|")
        else:
            out.append(re.escape(character))
        position += 1
    if braces:
        raise ValueError(f"syntax error in pattern {_quoted(pattern)}")
    return "".join(out)


def _glob(pattern: str) -> str:
    """An RE2 pattern for a whole fileset() glob, where `**` stands for any folders."""
    components = pattern.split("/")
    regex = ""
    for index, component in enumerate(components):
        last = index == len(components) - 1
        if component == "**":
            regex += "(?:[^/]+/)*" + ("[^/]+" if last else "")
        else:
            regex += _glob_component(component, pattern) + ("" if last else "/")
    return regex


@_register("fileset", arity=(2, 2))
def _fileset(_evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
    _no_files_in_templatestring(context, "fileset")
    base = _module_file(context, args[0])
    if isinstance(base, Unresolved):
        return base
    written = _string(args[1])
    pattern = _clean(base.as_posix() + "/" + written)
    components = pattern.split("/")
    fixed = 0
    while fixed < len(components) - 1 and not _GLOB_SPECIAL.search(components[fixed]):
        fixed += 1
    start = Path("/".join(components[:fixed]) or "/")
    folders = _folders(context.module)
    if not _inside(_real(start, written), folders):
        raise ValueError(f"{written} is outside the scanned module")
    matcher = LinearPattern(r"\A" + _glob(pattern) + r"\z")
    candidates: list[Path] = []
    visited = 0
    for folder, directories, files in os.walk(start, followlinks=False):
        visited += len(directories) + len(files)
        if visited > MAX_ELEMENTS:
            raise LimitExceeded(f"fileset() would look at more than {MAX_ELEMENTS:,} files")
        candidates.extend(Path(folder, name) for name in files)
    if not candidates and _is_file(start):
        candidates.append(start)
    found = []
    for path in candidates:
        if not matcher.search(path.as_posix()):
            continue
        real = _real(path, written)
        if _is_file(real) and _inside(real, folders):
            found.append(Path(os.path.relpath(path, base)).as_posix())
    return sorted(found)


# -- templates -----------------------------------------------------------------------------

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


class _TemplateRefused(Exception):
    """What Terraform refuses inside a template. It is raised through the evaluator, which
    would otherwise keep the error as an unknown part of the text, up to the function that
    renders the template, which fails as a whole as in Terraform."""


class _TemplateScope:
    """What a template sees of its module: the variables given to it and nothing else, as in
    Terraform (a template reads no `var`, `local`, module or resource)."""

    def __init__(self, module: ModuleScope, kind: str) -> None:
        self.kind = kind
        self.namespace = module.namespace
        self.prefix = module.prefix
        self.directory = module.directory
        self.root_directory = module.root_directory

    def _refused(self, expression: str) -> Any:
        raise _TemplateRefused(
            f"{expression}: a {self.kind} template sees only the variables given to it"
        )

    def variable(self, name: str) -> Any:
        """A template has no `var`."""
        return self._refused(f"var.{name}")

    def local(self, name: str) -> Any:
        """A template has no `local`."""
        return self._refused(f"local.{name}")

    def module_output(self, name: str, key: Any, output: str) -> Any:
        """A template reads no module."""
        return self._refused(f"module.{name}")

    def data_source(self, data_type: str, name: str, key: Any) -> Any:
        """A template reads no data source."""
        return self._refused(f"data.{data_type}.{name}")

    def module_object(self, name: str) -> Any:
        """A template reads no module."""
        return self._refused(f"module.{name}")

    def resource(self, resource_type: str, name: str) -> Any:
        """A template reads no resource."""
        return self._refused(f"{resource_type}.{name}")


def _render(
    evaluator: Evaluator, context: Context, kind: str, text: str, file: SourceFile, names: Any
) -> Any:
    if isinstance(context.module, _TemplateScope):
        raise _TemplateRefused(f"cannot recursively call {kind} from inside another template")
    variables = _map(names)
    for name in variables:
        if not _IDENTIFIER.fullmatch(name):
            raise ValueError(f"invalid template variable name {_quoted(name)}")
    module = _TemplateScope(context.module, kind)
    try:
        return evaluator.template(text, file, Context(module, dict(variables)))
    except _TemplateRefused as exc:
        raise ValueError(str(exc)) from None


@_register("templatefile", arity=(2, 2), unknowns="shallow")
def _templatefile(evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
    path, written = _module_file(context, args[0]), _string(args[0])
    if isinstance(path, Unresolved):
        return path
    text = _text(_read_path(path, written, MAX_STRING * 4), written)
    file = SourceFile(path, written, text)
    return _render(evaluator, context, "templatefile", text, file, args[1])


@_register("templatestring", arity=(2, 2), unknowns="shallow")
def _templatestring(evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
    text = _string(args[0])
    file = SourceFile(Path("templatestring"), "<templatestring argument>", text)
    rendered = _render(evaluator, context, "templatestring", text, file, args[1])
    if is_unknown(rendered):
        return rendered
    if rendered is None:
        raise ValueError("the result of the template is null")
    return _string(rendered)


# -- types and sensitivity -----------------------------------------------------------------


def _tolist(value: Any) -> Any:
    if value is None:
        return None
    return _unify(list(_list(value)))


def _toset(value: Any) -> Any:
    if value is None:
        return None
    return _as_set(_list(value))


def _tomap(value: Any) -> Any:
    if value is None:
        return None
    table = _map(value)
    return dict(zip(table, _unify(list(table.values())), strict=True))


def _tostring(value: Any) -> Any:
    return None if value is None else _string(value)


def _tonumber(value: Any) -> Any:
    return None if value is None else _number(value)


def _tobool(value: Any) -> Any:
    return None if value is None else _bool(value)


_simple("tolist", _tolist, unknowns="shallow")
_simple("toset", _toset, unknowns="shallow")
_simple("tomap", _tomap, unknowns="shallow")
_simple("tostring", _tostring)
_simple("tonumber", _tonumber)
_simple("tobool", _tobool)


@_register("sensitive", arity=(1, 1), unknowns="own")
def _sensitive(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    # Only strings carry the mark: a number or bool made sensitive is shown as it is.
    return mark_sensitive(args[0])


@_register("nonsensitive", arity=(1, 1), unknowns="own")
def _nonsensitive(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    # Terraform shows the value after nonsensitive(); a report must still never show a secret,
    # so the value keeps its marks (the evaluator would mark it again from its argument anyway).
    return args[0]


@_register("issensitive", arity=(1, 1), unknowns="shallow")
def _issensitive(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    if isinstance(args[0], str):
        return isinstance(args[0], SensitiveText)
    return Unresolved("", "assaymark tracks sensitivity on strings only")


@_register("ephemeralasnull", arity=(1, 1))
def _ephemeralasnull(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return Unresolved("", "assaymark does not track which values are ephemeral")


@_register("convert", arity=(2, 2), unknowns="own")
def _convert(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return Unresolved("", "convert()'s type constraint argument is not evaluated by assaymark")


@_register("type", unknowns="own")
def _type(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return EvalFailure("", "type() exists only in terraform console")


@_register("list", unknowns="own")
def _removed_list(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return EvalFailure("", "the list() function was removed in Terraform 0.12: use tolist([...])")


@_register("map", unknowns="own")
def _removed_map(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return EvalFailure("", "the map() function was removed in Terraform 0.12: use tomap({...})")


# -- errors as values ----------------------------------------------------------------------


@_register("try", arity=(1, None), unknowns="own")
def _try(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    for arg in args:
        if _failure_inside(arg) is not None:
            continue
        return arg
    return EvalFailure("", "no argument of try() could be evaluated")


@_register("can", arity=(1, 1), unknowns="own")
def _can(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    unknown = _deep_unknown(args)
    if isinstance(unknown, EvalFailure):
        return False
    return unknown if unknown is not None else True


# -- known only after apply ----------------------------------------------------------------

_AFTER_APPLY = {
    "uuid": ((0, 0), "uuid() makes a new random id on every run"),
    "timestamp": ((0, 0), "timestamp() is the time Terraform applies the plan"),
    "plantimestamp": ((0, 0), "plantimestamp() is the time Terraform makes the plan"),
    "bcrypt": ((1, 2), "bcrypt() salts its hash at random on every run"),
    "rsadecrypt": ((2, 2), "rsadecrypt() needs a private key, and its result is a secret"),
}


def _after_apply(name: str, arity: tuple[int, int | None], reason: str) -> None:
    @_register(name, arity=arity)
    def unknown(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
        return Unresolved("", reason, not_null=True)


for _name, (_arity, _reason) in _AFTER_APPLY.items():
    _after_apply(_name, _arity, _reason)
