"""yamlencode() and yamldecode(), as Terraform writes and reads YAML."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import yaml
from yaml import events as yaml_events

from adapters.terraform.expressions import Context, Evaluator
from adapters.terraform.functions.dates import rfc3339
from adapters.terraform.functions.encoding import base64_bytes, encoded_document
from adapters.terraform.functions.registry import (
    as_string,
    check_length,
    kind,
    parse_number,
    quoted,
    register,
)
from adapters.terraform.limits import LimitExceeded
from adapters.terraform.values import is_unknown
from checker.yaml_input import ExpansionError, check_expansion


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
        check_length(size, "the YAML document")
    return found


def _yaml_scalar_event(value: Any) -> yaml_events.ScalarEvent:
    if value is None:
        return yaml_events.ScalarEvent(None, None, (True, True), "null", style=None)
    if isinstance(value, str):
        style = "|" if "\n" in value else '"'
        return yaml_events.ScalarEvent(None, None, (True, True), str(value), style=style)
    text = as_string(value)
    return yaml_events.ScalarEvent(None, None, (True, True), text, style=None)


@register("yamlencode", arity=(1, 1), unknowns="own")
def _yamlencode(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    return encoded_document(args[0], _yaml_text)


def _yaml_text(document: Any) -> str:
    stream = [
        yaml_events.StreamStartEvent(),
        yaml_events.DocumentStartEvent(explicit=False),
        *_yaml_document(document),
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
            base64_bytes(text)
        except ValueError:
            raise ValueError(f"cannot parse {quoted(text)} as !!binary: not valid base64") from None
        return text
    if short == "bool":
        if not isinstance(_YAML_CONSTANTS.get(text), bool):
            raise ValueError(f"cannot parse {quoted(text)} as !!bool")
        return _YAML_CONSTANTS[text]
    if short in ("int", "float"):
        plain = text.replace("_", "")
        number = parse_number(plain)
        if number is None:
            try:
                number = int(plain, 0)
            except ValueError:
                raise ValueError(f"cannot parse {quoted(text)} as !!{short}") from None
        return number
    if short == "timestamp":
        stamp = _yaml_timestamp(text)
        if stamp is None:
            raise ValueError(f"cannot parse {quoted(text)} as !!timestamp")
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
    return rfc3339(stamp)


@register("yamldecode", arity=(1, 1))
def _yamldecode(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    text = as_string(args[0])
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
        top[2] = value if value is _MERGE else as_string(value)
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
            raise ValueError(f"cannot merge {kind(value)} into mapping")
