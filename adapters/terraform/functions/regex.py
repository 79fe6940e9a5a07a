"""Regular expressions: RE2, as Terraform's are, matched in linear time."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from adapters.terraform.expressions import Context, Evaluator
from adapters.terraform.functions.registry import as_string, check_length, register
from adapters.terraform.limits import MAX_ELEMENTS, LimitExceeded
from checker.linear_regex import LinearPattern


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


@register("regex", arity=(2, 2))
def _regex(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    pattern, text = _compile(as_string(args[0])), as_string(args[1])
    for match in pattern.finditer(text):
        return _captures(pattern, match)
    raise ValueError("pattern did not match any part of the given string")


@register("regexall", arity=(2, 2))
def _regexall(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    pattern, text = _compile(as_string(args[0])), as_string(args[1])
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


@register("replace", arity=(3, 3))
def _replace(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    text, search, replacement = (as_string(arg) for arg in args)
    if len(search) > 1 and search.startswith("/") and search.endswith("/"):
        pattern = _Pattern(search[1:-1])
        pieces, position, length = [], 0, 0
        for match in pattern.finditer(text):
            start, end = match.span()
            pieces.extend([text[position:start], _expand(replacement, pattern, match)])
            length += start - position + len(pieces[-1])
            check_length(length, "replace()")
            position = end
        pieces.append(text[position:])
        return "".join(pieces)
    if search:
        check_length(len(text) + text.count(search) * (len(replacement) - len(search)), "replace()")
    else:
        check_length(len(text) + (len(text) + 1) * len(replacement), "replace()")
    return text.replace(search, replacement)
