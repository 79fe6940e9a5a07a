"""Three-valued outcomes: a condition holds, does not hold, or cannot be decided.

Kleene logic keeps the engine fail-closed without being blunt: `any` holds as soon as one
branch holds and `all` fails as soon as one branch fails, whatever the undecided branches
would have been; otherwise an undecided branch leaves the whole condition undecided.

Each outcome carries its reasons as clauses rather than finished sentences, so that `not` can
turn what a clause asked round ("expected to be open to the internet" becomes "not open to the
internet") and `all`/`any` can say a fact once however many branches found it.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

_MAX_CLAUSES = 3
# Facts short enough to share one verb: "access_key and secret_key are absent". Facts that show
# a value stay one to a subject: redaction masks a value written after a secret-like name.
_SHAREABLE_STATES = frozenset({"is absent", "is present", "is true", "is false"})
_VALUE_STATES = frozenset({"is absent", "is present"})
# The words notes may share; never "not", which would then seem to deny the whole list.
_OPENINGS = frozenset({"expected", "to", "be"})


class Truth(enum.Enum):
    """Whether a condition holds."""

    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Claim:
    """What a condition asked of a value, worded for each way the finding can read.

    `expected` follows "expected " ("to be open to the internet"); `met` describes a value that
    meets the claim and `unmet` one that does not, for when the claim sits under `not` (either
    may be empty when the fact already says it: "Effect is 'Allow'").
    """

    expected: str
    met: str
    unmet: str
    satisfied: bool
    required: bool = True

    @property
    def note(self) -> str:
        """The words to add after the fact, if any: nothing when a required claim is met."""
        if self.required:
            return "" if self.satisfied else f"expected {self.expected}"
        return self.met if self.satisfied else self.unmet

    def negated(self) -> Claim:
        """The claim under `not`: what had to hold must not, and the other way round."""
        return replace(self, required=not self.required)


@dataclass(frozen=True)
class Clause:
    """One reason: a fact about some subjects ("cidr_blocks is absent"), what the condition
    asked of them, and the resource the fact is about when it is not the one judged.

    Without subjects, `state` is the whole reason; `about` then names the path it concerns
    ("no element in P" is about P), and `of_element` marks a subject that is the value judged
    itself, which the quantifier that reached it names.
    """

    state: str
    subjects: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    where: tuple[str, ...] = ()
    about: str = ""
    of_element: bool = False
    joined_by: str = "and"

    def __hash__(self) -> int:
        # Clauses are hashed over and over as `all` and `any` merge them: hashed once.
        cached: int | None = self.__dict__.get("_hash")
        if cached is None:
            cached = hash(
                (
                    self.state,
                    self.subjects,
                    self.claims,
                    self.where,
                    self.about,
                    self.of_element,
                    self.joined_by,
                )
            )
            object.__setattr__(self, "_hash", cached)
        return cached

    def __getstate__(self) -> dict[str, object]:
        # A string's hash differs between processes: the cached one is not sent.
        return {key: value for key, value in self.__dict__.items() if key != "_hash"}

    @property
    def fact(self) -> str:
        """The fact alone, without what was asked."""
        if not self.subjects:
            return self.state
        state = self.state
        if len(self.subjects) > 1 and state.startswith("is "):
            state = "are " + state[3:]
        return f"{_listed(self.subjects, 'and')} {state}"

    @property
    def note(self) -> str:
        """What was asked, in the words this reading needs; empty when the fact says it all."""
        texts = list(dict.fromkeys(claim.note for claim in self.claims if claim.note))
        # Beside what was required, how a forbidden value reads adds nothing.
        required = [text for text in texts if text.startswith("expected ")]
        notes = [text.split(" ") for text in required or texts]
        if not notes:
            return ""
        # "expected to be at most 90 and greater than 0": the opening words, said once.
        shared = 0
        while all(len(note) > shared + 1 for note in notes) and notes[0][shared] in _OPENINGS:
            if any(note[shared] != notes[0][shared] for note in notes):
                break
            shared += 1
        rests = [" ".join(note[shared:]) for note in notes]
        return " ".join([*notes[0][:shared], _listed(rests, self.joined_by)])

    @property
    def text(self) -> str:
        """The clause as words, without the resource it is about."""
        note = self.note
        return f"{self.fact} ({note})" if note else self.fact

    def negated(self) -> Clause:
        """The clause read under `not`."""
        return replace(self, claims=tuple(claim.negated() for claim in self.claims))

    def on(self, address: str) -> Clause:
        """The clause as found on another resource."""
        return replace(self, where=(address, *self.where))

    def named(self, subject: str) -> Clause:
        """The clause with the value judged named by what reached it."""
        return replace(self, subjects=(subject,), of_element=False)


def _listed(items: Sequence[str], word: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


@dataclass(frozen=True)
class Outcome:
    """A truth value with the clauses that decided it, in words for the report."""

    truth: Truth
    clauses: tuple[Clause, ...] = ()

    @property
    def reason(self) -> str:
        """The clauses as one sentence, each resource named once, before what was found on it."""
        return _worded(self.clauses, 0)

    def negated(self) -> Outcome:
        """The outcome of `not` this condition."""
        flipped = {Truth.TRUE: Truth.FALSE, Truth.FALSE: Truth.TRUE, Truth.UNKNOWN: Truth.UNKNOWN}
        return Outcome(flipped[self.truth], tuple(clause.negated() for clause in self.clauses))

    def on(self, address: str) -> Outcome:
        """The outcome as found on another resource, its clauses naming that resource."""
        return Outcome(self.truth, tuple(clause.on(address) for clause in self.clauses))


def _worded(clauses: Sequence[Clause], depth: int) -> str:
    """The clauses found `depth` resources away, then each resource further away, named once
    before what was found on it (so that a clause never follows another resource's name)."""
    here = [clause.text for clause in clauses if len(clause.where) == depth]
    further: dict[str, list[Clause]] = {}
    for clause in clauses:
        if len(clause.where) > depth:
            further.setdefault(clause.where[depth], []).append(clause)
    named = [f"{address}: {_worded(found, depth + 1)}" for address, found in further.items()]
    return "; ".join(here + named)


def _clause(reason: str | Clause) -> Clause:
    return reason if isinstance(reason, Clause) else Clause(reason)


def holds(reason: str | Clause) -> Outcome:
    """A condition that holds, and why."""
    return Outcome(Truth.TRUE, (_clause(reason),))


def fails(reason: str | Clause) -> Outcome:
    """A condition that does not hold, and why."""
    return Outcome(Truth.FALSE, (_clause(reason),))


def undecided(reason: str | Clause) -> Outcome:
    """A condition that cannot be decided from what the source knows, and why."""
    return Outcome(Truth.UNKNOWN, (_clause(reason),))


def _same_fact(clause: Clause) -> tuple[tuple[str, ...], tuple[str, ...], str, bool]:
    return (clause.where, clause.subjects, clause.state, clause.of_element)


def _merge_claims(clauses: Iterable[Clause], word: str, any_suffices: bool) -> list[Clause]:
    """One clause per fact, with what each branch asked of it joined by `word`.

    When `any_suffices` (the clauses are the failures of an `all`), a fact that fails without
    a word of explanation ("kms_key_id is absent") says enough, and the others asked of the
    same fact are dropped.
    """
    merged: dict[tuple[tuple[str, ...], tuple[str, ...], str, bool], Clause] = {}
    for clause in clauses:
        key = _same_fact(clause)
        if key not in merged or not clause.subjects:
            merged.setdefault(key, clause)
            continue
        kept = merged[key]
        if any_suffices and not kept.note:
            continue
        if any_suffices and not clause.note:
            merged[key] = clause
            continue
        claims = tuple(dict.fromkeys(kept.claims + clause.claims))
        merged[key] = replace(kept, claims=claims, joined_by=word)
    return list(merged.values())


def _drop_implied(clauses: list[Clause]) -> list[Clause]:
    """Without the facts another fact implies: "x is present" beside "x is 5", and "no element
    in x" (or in x.y) beside "x is absent"."""
    valued = {(c.where, s) for c in clauses if c.state not in _VALUE_STATES for s in c.subjects}
    absent = {(c.where, s) for c in clauses if c.state == "is absent" for s in c.subjects}

    def under_absent(clause: Clause) -> bool:
        path = clause.about
        while path:
            if (clause.where, path) in absent:
                return True
            path = path.rpartition(".")[0]
        return False

    kept: list[Clause] = []
    for clause in clauses:
        if clause.state == "is present":
            subjects = tuple(s for s in clause.subjects if (clause.where, s) not in valued)
            if not subjects:
                continue
            clause = replace(clause, subjects=subjects)
        if not under_absent(clause):
            kept.append(clause)
    return kept


def _share_states(clauses: list[Clause]) -> list[Clause]:
    """Subjects found in the same short state with the same note, said in one clause."""
    shared: dict[tuple[tuple[str, ...], str, str], int] = {}
    result: list[Clause] = []
    for clause in clauses:
        if clause.state not in _SHAREABLE_STATES or not clause.subjects or clause.of_element:
            result.append(clause)
            continue
        key = (clause.where, clause.state, clause.note)
        if key in shared:
            at = shared[key]
            subjects = tuple(dict.fromkeys(result[at].subjects + clause.subjects))
            result[at] = replace(result[at], subjects=subjects)
        else:
            shared[key] = len(result)
            result.append(clause)
    return result


def _alone(outcomes: Sequence[Outcome]) -> Outcome | None:
    """The one outcome whose one clause `all`/`any` would keep as it is, if that is what they
    combine (the commonest case, decided here without hashing the clause)."""
    if len(outcomes) == 1:
        clauses = outcomes[0].clauses
        if len(clauses) == 1 and not _implied_alone(clauses[0]):
            return outcomes[0]
    return None


def _clauses(outcomes: Iterable[Outcome], word: str, any_suffices: bool) -> tuple[Clause, ...]:
    collected = tuple(dict.fromkeys(clause for outcome in outcomes for clause in outcome.clauses))
    if len(collected) == 1 and not _implied_alone(collected[0]):
        return collected
    return _tidy(collected, word, any_suffices)


def _implied_alone(clause: Clause) -> bool:
    """Whether tidying could change a clause said on its own."""
    return clause.state in ("is present", "is absent") or bool(clause.claims[1:])


# The same checks on the same settings give the same clauses, resource after resource.
@functools.lru_cache(maxsize=16_384)
def _tidy(collected: tuple[Clause, ...], word: str, any_suffices: bool) -> tuple[Clause, ...]:
    tidy = _share_states(_drop_implied(_merge_claims(collected, word, any_suffices)))
    return tuple(tidy[:_MAX_CLAUSES])


def all_of(outcomes: Iterable[Outcome], empty_reason: str | Clause = "nothing to check") -> Outcome:
    """Conjunction: false if any is false, else undecided if any is, else true."""
    items = list(outcomes)
    if not items:
        return holds(empty_reason)
    alone = _alone(items)
    if alone is not None:
        return alone
    for truth in (Truth.FALSE, Truth.UNKNOWN):
        deciding = [item for item in items if item.truth is truth]
        if deciding:
            return Outcome(truth, _clauses(deciding, "and", any_suffices=truth is Truth.FALSE))
    return Outcome(Truth.TRUE, _clauses(items, "and", any_suffices=False))


def any_of(outcomes: Iterable[Outcome], empty_reason: str | Clause = "nothing matched") -> Outcome:
    """Disjunction: true if any is true, else undecided if any is, else false."""
    items = list(outcomes)
    if not items:
        return fails(empty_reason)
    alone = _alone(items)
    if alone is not None:
        return alone
    for truth in (Truth.TRUE, Truth.UNKNOWN):
        deciding = [item for item in items if item.truth is truth]
        if deciding:
            return Outcome(truth, _clauses(deciding, "and", any_suffices=False))
    return Outcome(Truth.FALSE, _clauses(items, "or", any_suffices=False))
