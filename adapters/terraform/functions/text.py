"""String functions, and format() and formatlist()."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from adapters.terraform.expressions import Context, Evaluator
from adapters.terraform.functions.encoding import json_text
from adapters.terraform.functions.registry import (
    as_bool,
    as_int,
    as_list,
    as_number,
    as_string,
    check_length,
    deep_unknown,
    kind,
    register,
    simple,
)
from adapters.terraform.limits import MAX_ELEMENTS, LimitExceeded, check_width
from adapters.terraform.values import as_unresolved, is_unknown

# What Go's unicode.IsSpace takes for white space, which trimspace() trims.
_GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
_GO_SPACE += "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_EXTENDING = frozenset({"Mn", "Me", "Mc"})


def graphemes(text: str) -> list[str]:
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
    start, count = as_int(offset, "the offset"), as_int(length, "the length")
    if text.isascii() and "\r" not in text:
        clusters: list[str] | str = text
    else:
        clusters = graphemes(text)
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
        for index, item in enumerate(as_list(items)):
            if item is None:
                raise TypeError(f"element {index} of list {number} is null")
            pieces.append(as_string(item))
    glue = as_string(separator)
    check_length(sum(map(len, pieces)) + len(glue) * max(len(pieces) - 1, 0), "join()")
    return glue.join(pieces)


def _indent(spaces: Any, text: Any) -> str:
    width, body = check_width(as_int(spaces, "the number of spaces"), "indent()"), as_string(text)
    if width < 0:
        raise ValueError("the number of spaces must not be negative")
    check_length(len(body) + body.count("\n") * width, "indent()")
    return body.replace("\n", "\n" + " " * width)


@register("startswith", arity=(2, 2), unknowns="own")
def _startswith(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    text, prefix = args
    if is_unknown(prefix):
        return as_unresolved(prefix)
    wanted = as_string(prefix)
    if not is_unknown(text):
        return as_string(text).startswith(wanted)
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


simple("chomp", lambda text: as_string(text).rstrip("\r\n"))
simple("endswith", lambda text, suffix: as_string(text).endswith(as_string(suffix)))
simple("indent", _indent)
simple("join", _join)
simple("lower", lambda text: _case(as_string(text), upper=False))
simple("split", lambda separator, text: _split(as_string(separator), as_string(text)))
simple("strcontains", lambda text, part: as_string(part) in as_string(text))
simple("strrev", lambda text: "".join(reversed(graphemes(as_string(text)))))
simple("substr", lambda text, offset, length: _substr(as_string(text), offset, length))
simple("title", lambda text: _title(as_string(text)))
simple("trim", lambda text, characters: as_string(text).strip(as_string(characters)))
simple("trimprefix", lambda text, prefix: as_string(text).removeprefix(as_string(prefix)))
simple("trimspace", lambda text: as_string(text).strip(_GO_SPACE))
simple("trimsuffix", lambda text, suffix: as_string(text).removesuffix(as_string(suffix)))
simple("upper", lambda text: _case(as_string(text), upper=True))

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
        check_length(length, "format()")
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
        if "#" not in verb.flags and kind(value) == "number":
            return _pad(verb, _shortest(as_number(value), "e"))
        return _pad(verb, json_text(value))
    if verb.mode == "t":
        return "true" if as_bool(value) else "false"
    if verb.mode in "bdoxX":
        return _format_integer(verb, as_number(value))
    if verb.mode in "eEfgG":
        return _format_float(verb, as_number(value))
    if verb.mode in "sq":
        text = as_string(value)
        if verb.precision is not None and verb.precision > 0:
            text = "".join(graphemes(text)[: verb.precision])
        return _pad(verb, json_text(text) if verb.mode == "q" else text)
    raise ValueError(f"unsupported format verb {verb.mode!r} in {verb.text!r} at {verb.offset}")


def _pad(verb: _Verb, text: str) -> str:
    missing = (verb.width or 0) - len(graphemes(text))
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


@register("format", arity=(1, None))
def _format_function(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return _format(as_string(args[0]), list(args[1:]))


@register("formatlist", arity=(1, None), unknowns="shallow")
def _formatlist(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    template, values = as_string(args[0]), list(args[1:])
    lengths = {len(value) for value in values if isinstance(value, list)}
    if len(lengths) > 1:
        raise ValueError("all the list arguments must have the same length")
    count = lengths.pop() if lengths else 1
    results: list[Any] = []
    total = 0
    for index in range(count):
        row = [value[index] if isinstance(value, list) else value for value in values]
        unknown = deep_unknown(row)
        if unknown is not None:
            results.append(unknown)
            continue
        results.append(_format(template, row))
        total += len(results[-1])
        check_length(total, "formatlist()")
    return results
