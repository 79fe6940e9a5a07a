"""Three-valued outcomes: a condition holds, does not hold, or cannot be decided.

Kleene logic keeps the engine fail-closed without being blunt: `any` holds as soon as one
branch holds and `all` fails as soon as one branch fails, whatever the undecided branches
would have been; otherwise an undecided branch leaves the whole condition undecided.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

_MAX_REASONS = 3


class Truth(enum.Enum):
    """Whether a condition holds."""

    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Outcome:
    """A truth value with the reasons that decided it, in words for the report."""

    truth: Truth
    reasons: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        """The reasons as one sentence."""
        return "; ".join(self.reasons)

    def negated(self) -> Outcome:
        """The outcome of `not` this condition."""
        flipped = {Truth.TRUE: Truth.FALSE, Truth.FALSE: Truth.TRUE, Truth.UNKNOWN: Truth.UNKNOWN}
        return Outcome(flipped[self.truth], self.reasons)


def holds(reason: str) -> Outcome:
    """A condition that holds, and why."""
    return Outcome(Truth.TRUE, (reason,))


def fails(reason: str) -> Outcome:
    """A condition that does not hold, and why."""
    return Outcome(Truth.FALSE, (reason,))


def undecided(reason: str) -> Outcome:
    """A condition that cannot be decided from what the source knows, and why."""
    return Outcome(Truth.UNKNOWN, (reason,))


def _reasons(outcomes: Iterable[Outcome]) -> tuple[str, ...]:
    collected: list[str] = []
    for outcome in outcomes:
        for reason in outcome.reasons:
            if reason not in collected:
                collected.append(reason)
    return tuple(collected[:_MAX_REASONS])


def all_of(outcomes: Iterable[Outcome], empty_reason: str = "nothing to check") -> Outcome:
    """Conjunction: false if any is false, else undecided if any is, else true."""
    items = list(outcomes)
    if not items:
        return holds(empty_reason)
    for truth in (Truth.FALSE, Truth.UNKNOWN):
        deciding = [item for item in items if item.truth is truth]
        if deciding:
            return Outcome(truth, _reasons(deciding))
    return Outcome(Truth.TRUE, _reasons(items))


def any_of(outcomes: Iterable[Outcome], empty_reason: str = "nothing matched") -> Outcome:
    """Disjunction: true if any is true, else undecided if any is, else false."""
    items = list(outcomes)
    if not items:
        return fails(empty_reason)
    for truth in (Truth.TRUE, Truth.UNKNOWN):
        deciding = [item for item in items if item.truth is truth]
        if deciding:
            return Outcome(truth, _reasons(deciding))
    return Outcome(Truth.FALSE, _reasons(items))
