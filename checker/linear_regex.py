"""Regular expressions matched in linear time (RE2, no backtracking).

Terraform's regex functions use RE2's syntax and guarantees, and so do the `regex` operators of
controls: a control inside a replayed bundle is input from someone else, and a backtracking
engine can take hours on a pattern such as `(a+)+$`. Constructs RE2 rejects (backreferences,
lookaround) are errors here too.
"""

from __future__ import annotations

from typing import Any

import re2

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # RE2 would print each bad pattern to standard error


class LinearPattern:
    """A compiled RE2 pattern with the two operations assaymark uses."""

    def __init__(self, pattern: str) -> None:
        try:
            self._compiled: Any = re2.compile(pattern, _OPTIONS)
        except re2.error as exc:
            reason = exc.args[0] if exc.args else exc
            if isinstance(reason, bytes):
                reason = reason.decode("utf-8", "replace")
            raise ValueError(f"invalid regular expression /{pattern}/: {reason}") from None
        self.pattern = pattern

    def search(self, text: str) -> bool:
        """Whether the pattern matches anywhere in `text`."""
        return self._compiled.search(text) is not None

    def sub(self, replacement: str, text: str) -> str:
        """`text` with every match replaced (`\\1` and `\\g<name>` refer to groups)."""
        result: str = self._compiled.sub(replacement, text)
        return result

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LinearPattern) and other.pattern == self.pattern

    def __hash__(self) -> int:
        return hash(self.pattern)

    def __repr__(self) -> str:
        return f"LinearPattern({self.pattern!r})"
