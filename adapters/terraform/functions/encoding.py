"""Encoding functions: JSON, base64, text encodings, URLs and CSV (YAML is in
yaml_encoding.py)."""

from __future__ import annotations

import base64
import codecs
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from adapters.terraform.expressions import Context, Evaluator
from adapters.terraform.functions.registry import (
    as_string,
    check_length,
    deep_unknown,
    number_text,
    parse_number,
    quoted,
    register,
    simple,
)
from adapters.terraform.limits import MAX_ELEMENTS, LimitExceeded
from adapters.terraform.values import EvalFailure, is_unknown
from checker.models import Unresolved


def json_text(value: Any) -> str:
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
            piece = number_text(item)
        pieces.append(piece)
        length += len(piece)
        check_length(length, "the JSON document")
    return "".join(pieces)


@dataclass(frozen=True)
class _Raw:
    """Text written as it is between the values of a document being encoded."""

    text: str


def encoded_document(document: Any, encode: Callable[[Any], str]) -> Any:
    """A document encoded as text (JSON, YAML), or the failure inside it. One with unknown parts
    stays a structure: paths can still be read from it, and reading an unknown part is an
    error, which a placeholder string would have hidden."""
    unknown = deep_unknown([document])
    if isinstance(unknown, EvalFailure):
        return unknown
    return document if unknown is not None else encode(document)


@register("jsonencode", arity=(1, 1), unknowns="own")
def _jsonencode(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return encoded_document(args[0], json_text)


def _json_number(text: str) -> int | float:
    number = parse_number(text)
    if number is None:
        raise ValueError(f"invalid number {text!r}")
    return number


def _json_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(f"duplicate {quoted(key)} property in JSON object")
        found[key] = value
    return found


@register("jsondecode", arity=(1, 1))
def _jsondecode(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    try:
        return json.loads(
            as_string(args[0]),
            parse_float=_json_number,
            parse_int=_json_number,
            parse_constant=_json_constant,
            object_pairs_hook=_json_object,
        )
    except RecursionError:
        raise ValueError("the JSON is nested more deeply than assaymark reads") from None


def base64_bytes(text: str) -> bytes:
    """Standard base64 decoded strictly, as Go decodes it (line breaks are skipped)."""
    return base64.b64decode(text.replace("\r", "").replace("\n", ""), validate=True)


def _base64decode(text: str) -> str:
    try:
        decoded = base64_bytes(text)
    except ValueError:
        raise ValueError(f"failed to decode base64 data {quoted(text)}") from None
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
        raise ValueError(f"{quoted(name)} is not a supported IANA encoding name or alias")
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
        raw = base64_bytes(source)
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


@register("csvdecode", arity=(1, 1))
def _csvdecode(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    records = _csv_records(as_string(args[0]))
    if not records:
        raise ValueError("missing header line")
    headers = records[0]
    if len(set(headers)) != len(headers):
        duplicate = next(name for name in headers if headers.count(name) > 1)
        raise ValueError(f"duplicate column name {quoted(duplicate)}")
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if len(record) != len(headers):
            raise ValueError(f"CSV parse error on record {number}: wrong number of fields")
        rows.append(dict(zip(headers, record, strict=True)))
    return rows


@register("base64gzip", arity=(1, 1))
def _base64gzip(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return Unresolved(
        "",
        "base64gzip() is not evaluated: Terraform's bytes come from Go's compressor, which "
        "assaymark cannot reproduce byte for byte",
        not_null=True,
    )


simple("base64decode", lambda text: _base64decode(as_string(text)))
simple("base64encode", lambda text: base64.b64encode(as_string(text).encode()).decode("ascii"))
simple("textdecodebase64", lambda text, name: _textdecodebase64(as_string(text), as_string(name)))
simple("textencodebase64", lambda text, name: _textencodebase64(as_string(text), as_string(name)))
simple("urlencode", lambda text: _urlencode(as_string(text)))
