"""The condition language of controls: compiled from YAML, evaluated over resources.

`compile_condition` turns the YAML form (see docs/writing-controls.md) into a tree of frozen
condition objects once, when policies load; `Condition.evaluate` gives an `Outcome` per
resource. Nothing here decides a pass from a value it could not read: `Unresolved` and
`Reference` values make comparisons undecided.
"""

from __future__ import annotations

import ipaddress
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from checker.errors import PolicyError
from checker.index import ResourceIndex
from checker.linear_regex import LinearPattern
from checker.models import Reference, Resource, Unresolved
from checker.paths import elements, resolve
from checker.truth import Claim, Clause, Outcome, all_of, any_of, fails, holds, undecided

_SHOWN_VALUE_LENGTH = 60
# `empty` lists what it found in full: each entry names who can do what, which is the finding.
_LISTED_LENGTH = 1000
_INTERNET = (ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0"))


@dataclass
class Scope:
    """What a condition is evaluated against: the current value and the resource it belongs to."""

    index: ResourceIndex
    resource: Resource
    observed: dict[str, Any]

    def moved_to(self, resource: Resource) -> Scope:
        """The same evaluation, looking at another resource."""
        return Scope(self.index, resource, self.observed)


class Condition(ABC):
    """A compiled condition."""

    @abstractmethod
    def evaluate(self, root: Any, scope: Scope) -> Outcome:
        """Whether the condition holds for `root` (a resource's attributes, or an element)."""


def show(value: Any) -> str:
    """A short, safe rendering of a value for a message."""
    if isinstance(value, Unresolved):
        return str(value)
    if isinstance(value, Reference):
        return f"`{value.expression}`"
    if isinstance(value, dict):
        return "a map"
    if isinstance(value, list):
        if all(isinstance(item, (str, int, float, bool)) for item in value):
            text = "[" + ", ".join(show(item) for item in value) + "]"
            if len(text) <= _SHOWN_VALUE_LENGTH:
                return text
        return f"a list of {len(value)}"
    text = repr(value) if isinstance(value, str) else str(value).lower()
    if len(text) > _SHOWN_VALUE_LENGTH:
        return text[:_SHOWN_VALUE_LENGTH] + "..."
    return text


def _as_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


def _equal(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return _as_bool(left) == _as_bool(right) and _as_bool(left) is not None
    left_number, right_number = _as_number(left), _as_number(right)
    if left_number is not None and right_number is not None:
        return left_number == right_number
    return bool(left == right)


def _contains(container: Any, item: Any) -> bool:
    if isinstance(container, str):
        return isinstance(item, str) and item in container
    if isinstance(container, Mapping):
        return item in container
    if isinstance(container, list):
        return any(_equal(element, item) for element in container)
    return False


def _is_open_cidr(value: Any) -> bool:
    try:
        network = ipaddress.ip_network(str(value).strip(), strict=False)
    except ValueError:
        return False
    return any(network == internet for internet in _INTERNET)


def _matches_action(pattern: Any, action: Any) -> bool | None:
    """Whether an IAM action pattern (`*` any run of characters, `?` one) names the action, as
    IAM compares them: without regard to case. Not a string: None."""
    if not isinstance(pattern, str) or not isinstance(action, str):
        return None
    pattern, action = pattern.lower(), action.lower()
    # Wildcard matching with one backtrack point: linear in practice, never exponential.
    p = a = 0
    star, resume = -1, 0
    while a < len(action):
        if p < len(pattern) and pattern[p] in ("?", action[a]):
            p, a = p + 1, a + 1
        elif p < len(pattern) and pattern[p] == "*":
            star, resume = p, a
            p += 1
        elif star >= 0:
            p, resume = star + 1, resume + 1
            a = resume
        else:
            return False
    return all(char == "*" for char in pattern[p:])


def _compare_numbers(check: Callable[[float, float], bool]) -> Callable[[Any, Any], bool | None]:
    def compare(actual: Any, expected: Any) -> bool | None:
        left, right = _as_number(actual), _as_number(expected)
        if left is None or right is None:
            return None
        return check(left, right)

    return compare


# Each operator maps (actual, expected) to True, False, or None when the value has the wrong type.
_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "equals": _equal,
    "not_equals": lambda actual, expected: not _equal(actual, expected),
    "in": lambda actual, expected: any(_equal(actual, e) for e in expected),
    "not_in": lambda actual, expected: not any(_equal(actual, e) for e in expected),
    "is_true": lambda actual, _: _as_bool(actual),
    "is_false": lambda actual, _: None if _as_bool(actual) is None else not _as_bool(actual),
    "gt": _compare_numbers(lambda a, b: a > b),
    "gte": _compare_numbers(lambda a, b: a >= b),
    "lt": _compare_numbers(lambda a, b: a < b),
    "lte": _compare_numbers(lambda a, b: a <= b),
    "regex": lambda actual, pattern: isinstance(actual, str) and pattern.search(actual),
    "not_regex": lambda actual, pattern: not (isinstance(actual, str) and pattern.search(actual)),
    "contains": _contains,
    "not_contains": lambda actual, item: not _contains(actual, item),
    "empty": lambda actual, _: (
        len(actual) == 0 if isinstance(actual, (list, str, Mapping)) else None
    ),
    "open_to_internet": lambda actual, _: any(
        _is_open_cidr(v) for v in (actual if isinstance(actual, list) else [actual])
    ),
    "matches_action": _matches_action,
}


@dataclass(frozen=True)
class _Wording:
    """How an operator's claim reads: after "expected " when it had to hold; and, under `not`,
    what a value that meets it, does not meet it, or is absent is. Empty where the fact found
    already says it ("Effect is 'Allow'")."""

    expected: str
    met: str = ""
    unmet: str = ""
    unmet_absent: str = ""


_WORDING: dict[str, _Wording] = {
    "equals": _Wording("to equal {value}", "", "not {value}", "not {value}"),
    "not_equals": _Wording("not to equal {value}", "not {value}"),
    "in": _Wording(
        "to be one of {value}", "one of {value}", "not one of {value}", "not one of {value}"
    ),
    "not_in": _Wording("not to be one of {value}", "not one of {value}", "one of {value}"),
    "is_true": _Wording("to be true"),
    "is_false": _Wording("to be false"),
    "gt": _Wording("to be greater than {value}", "greater than {value}", "at most {value}"),
    "gte": _Wording("to be at least {value}", "at least {value}", "less than {value}"),
    "lt": _Wording("to be less than {value}", "less than {value}", "at least {value}"),
    "lte": _Wording("to be at most {value}", "at most {value}", "greater than {value}"),
    "regex": _Wording("to match /{value}/"),
    "not_regex": _Wording("not to match /{value}/"),
    "contains": _Wording("to contain {value}"),
    "not_contains": _Wording("not to contain {value}"),
    "empty": _Wording("to be empty", "", "not empty"),
    "matches_action": _Wording(
        "to name the action {value}",
        "naming {value}",
        "not naming {value}",
        "not naming {value}",
    ),
    "open_to_internet": _Wording(
        "to be open to the internet",
        "open to the internet",
        "not open to the internet",
        "not open to the internet",
    ),
}
# Operators whose subject values must never be echoed: they look for secrets.
_QUIET_OPERATORS = frozenset({"regex", "not_regex", "contains", "not_contains"})


def _listing(value: Any) -> str:
    """Every entry of a list (or a string) in full, up to a generous length."""
    items = value if isinstance(value, list) else [value]
    text = "; ".join(str(item) if isinstance(item, str) else show(item) for item in items)
    return text if len(text) <= _LISTED_LENGTH else text[:_LISTED_LENGTH] + "..."


def _written(value: Any) -> str:
    """A value written in a control, for a message: unlike a resource's values, its maps are
    shown, as a control holds no secret."""
    if not isinstance(value, (list, Mapping)):
        return show(value)
    text = _literal(value)
    if len(text) <= _SHOWN_VALUE_LENGTH:
        return text
    return f"a list of {len(value)}" if isinstance(value, list) else "a map"


def _literal(value: Any) -> str:
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key}: {_literal(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(item) for item in value) + "]"
    return show(value)


def _pattern(pattern: Any) -> str:
    """A regular expression as written, between the slashes of a message."""
    text = pattern.pattern if isinstance(pattern, LinearPattern) else str(pattern)
    return text if len(text) <= _SHOWN_VALUE_LENGTH else text[:_SHOWN_VALUE_LENGTH] + "..."


def _unknown_in(value: Any) -> Unresolved | Reference | None:
    """The first value inside `value` that the source could not know, if any."""
    if isinstance(value, (Unresolved, Reference)):
        return value
    if isinstance(value, list):
        for item in value:
            found = _unknown_in(item)
            if found is not None:
                return found
    return None


#: How many outcomes a comparison keeps, one per distinct list of plain values it judged.
_DECIDED_PER_CONDITION = 512
_PLAIN = (str, int, float, bool, type(None))


def _plain_key(values: list[Any]) -> tuple[Any, ...] | None:
    """Values as a key that tells `true` from `1` and `"1"`, if they are all plain scalars."""
    if len(values) > 4:
        return None
    key = []
    for value in values:
        kind = value.__class__
        if kind not in _PLAIN or (kind is str and len(value) > 256):
            return None
        key.append((kind, value))
    return tuple(key)


@dataclass(frozen=True)
class Compare(Condition):
    """`{path, op, value, default}`: the value at a path against an operator."""

    path: str | None
    op: str
    expected: Any
    default: Any
    has_default: bool

    def evaluate(self, root: Any, scope: Scope) -> Outcome:
        values = resolve(root, self.path, scope.resource)
        subject = self.path or "value"
        scope.observed.setdefault(f"{scope.resource.address}:{subject}", values)
        # Resource after resource shows the same few plain values (true, 30, "aws:kms"): the
        # outcome, which depends on nothing else, is decided once for each.
        key = _plain_key(values)
        if key is None:
            return self._decide(values, subject)
        decided: dict[tuple[Any, ...], Outcome] = self._kept("_decided")
        outcome = decided.get(key)
        if outcome is None:
            outcome = self._decide(values, subject)
            if len(decided) < _DECIDED_PER_CONDITION:
                decided[key] = outcome
        return outcome

    def _kept(self, name: str) -> dict[Any, Any]:
        """A dict this comparison keeps what it worked out in: not a field, so neither
        compared nor shown."""
        kept: dict[Any, Any] | None = self.__dict__.get(name)
        if kept is None:
            kept = {}
            object.__setattr__(self, name, kept)
        return kept

    def _decide(self, values: list[Any], subject: str) -> Outcome:
        if self.op == "present":
            return self._presence(values, subject, want_present=True)
        if self.op == "absent":
            return self._presence(values, subject, want_present=False)
        if self.op == "is_reference":
            return self._reference(values, subject)
        if not values:
            if not self.has_default:
                return fails(self._fact(subject, "is absent", self._claim(False, absent=True)))
            values = [self.default]
        return all_of(self._one(value, subject) for value in values)

    def _fact(self, subject: str, state: str, *claims: Claim) -> Clause:
        """A fact about the subject; without a path, the subject is the element judged."""
        return Clause(state, (subject,), claims, of_element=self.path is None)

    def _presence(self, values: list[Any], subject: str, *, want_present: bool) -> Outcome:
        unknown = [v for v in values if isinstance(v, Unresolved) and not v.not_null]
        if unknown and len(unknown) == len(values):
            return undecided(self._fact(subject, f"could not be resolved: {unknown[0]}"))
        # An empty string sets nothing: `kms_key_id = ""` leaves the provider's default.
        present = any(not (isinstance(v, str) and not v.strip()) for v in values)
        fact = self._fact(subject, "is present" if present else "is absent")
        return holds(fact) if present == want_present else fails(fact)

    def _reference(self, values: list[Any], subject: str) -> Outcome:
        """Whether the value points at a resource of the configuration (`aws_iam_policy.x.arn`)
        rather than being written out: what a literal names can be judged, what a reference
        names is judged on the resource it points at."""
        if not values:
            return fails(self._fact(subject, "is absent"))
        outcomes = []
        for value in values:
            if isinstance(value, Reference):
                outcomes.append(holds(self._fact(subject, f"is `{value.expression}`, a reference")))
            elif isinstance(value, Unresolved) and not value.known_parts:
                outcomes.append(undecided(self._fact(subject, f"could not be resolved: {value}")))
            else:  # a string written out, whole or with interpolated pieces
                outcomes.append(fails(self._fact(subject, "is written out, not a reference")))
        return all_of(outcomes)

    def _claim(self, satisfied: bool, *, absent: bool = False) -> Claim:
        # Four claims at most, asked again of every resource the check judges: worded once.
        claims: dict[tuple[bool, bool], Claim] = self._kept("_claims")
        claim = claims.get((satisfied, absent))
        if claim is None:
            claim = claims[(satisfied, absent)] = self._worded_claim(satisfied, absent)
        return claim

    def _worded_claim(self, satisfied: bool, absent: bool) -> Claim:
        wording = _WORDING[self.op]
        value = _pattern(self.expected) if self.op.endswith("regex") else _written(self.expected)
        unmet = wording.unmet_absent if absent else wording.unmet
        return Claim(
            wording.expected.format(value=value),
            wording.met.format(value=value),
            unmet.format(value=value),
            satisfied,
        )

    def _one(self, value: Any, subject: str) -> Outcome:
        unknown = _unknown_in(value)
        if unknown is value and isinstance(value, Unresolved) and self.op in _QUIET_OPERATORS:
            found = self._found_in_known_parts(value)
            if found:
                return self._quiet(subject, self.op in ("regex", "contains"))
        if unknown is not None and not (self.op == "open_to_internet" and self._open_anyway(value)):
            if isinstance(unknown, Reference):
                because = f"is `{unknown.expression}`, {unknown.unknown_because}"
                return undecided(self._fact(subject, because))
            return undecided(self._fact(subject, f"could not be resolved: {unknown}"))
        verdict = _OPERATORS[self.op](value, self.expected)
        if self.op in _QUIET_OPERATORS:
            return self._quiet(subject, bool(verdict))
        if self.op == "empty" and verdict is False:
            return fails(f"{subject}: {_listing(value)}")
        shown = show(value)
        if verdict is None:
            cannot = self._claim(False).expected.removeprefix("to ")
            return fails(self._fact(subject, f"is {shown}, which cannot {cannot}"))
        fact = self._fact(subject, f"is {shown}", self._claim(bool(verdict)))
        return holds(fact) if verdict else fails(fact)

    def _found_in_known_parts(self, value: Unresolved) -> bool:
        """Whether the known text of a partly known string holds the match: then the whole
        string does, whatever its unknown pieces turn out to be."""
        for part in value.known_parts:
            if part is None:
                continue
            if isinstance(self.expected, LinearPattern):
                if self.expected.search(part):
                    return True
            elif isinstance(self.expected, str) and self.expected in part:
                return True
        return False

    def _quiet(self, subject: str, verdict: bool) -> Outcome:
        """Say what a value matched without showing the value: it may hold a secret."""
        positive = self.op in ("regex", "contains")
        if self.op.endswith("regex"):
            what = f"/{_pattern(self.expected)}/"
            verb, negated = "matches", "does not match"
        else:
            what = _written(self.expected)
            verb, negated = "contains", "does not contain"
        fact = self._fact(subject, f"{verb if verdict == positive else negated} {what}")
        return holds(fact) if verdict else fails(fact)

    @staticmethod
    def _open_anyway(value: Any) -> bool:
        items = value if isinstance(value, list) else [value]
        return any(_is_open_cidr(item) for item in items if isinstance(item, str))


@dataclass(frozen=True)
class Ports(Condition):
    """`{ports: {from, to}, includes: [...]}`: a port range that includes one of the ports."""

    from_path: str
    to_path: str
    ports: tuple[int, ...]

    def evaluate(self, root: Any, scope: Scope) -> Outcome:
        bounds: list[float] = []
        for path in (self.from_path, self.to_path):
            values = resolve(root, path, scope.resource)
            if not values:
                return fails(f"{path} is absent")
            unknown = _unknown_in(values[0])
            if unknown is not None:
                expression = unknown.expression
                return undecided(f"{path} could not be resolved: `{expression}`")
            number = _as_number(values[0])
            if number is None:
                return fails(f"{path} is {show(values[0])}, not a port")
            bounds.append(number)
        low, high = bounds
        hit = [port for port in self.ports if low <= port <= high]
        span = f"ports {low:g}-{high:g}"
        if hit:
            return holds(f"{span} include {', '.join(str(port) for port in hit)}")
        return fails(f"{span} include none of {', '.join(str(port) for port in self.ports)}")


@dataclass(frozen=True)
class AllOf(Condition):
    """`{all: [...]}`."""

    conditions: tuple[Condition, ...]

    def evaluate(self, root: Any, scope: Scope) -> Outcome:
        return all_of(condition.evaluate(root, scope) for condition in self.conditions)


@dataclass(frozen=True)
class AnyOf(Condition):
    """`{any: [...]}`."""

    conditions: tuple[Condition, ...]

    def evaluate(self, root: Any, scope: Scope) -> Outcome:
        return any_of(condition.evaluate(root, scope) for condition in self.conditions)


@dataclass(frozen=True)
class Not(Condition):
    """`{not: ...}`."""

    condition: Condition

    def evaluate(self, root: Any, scope: Scope) -> Outcome:
        return self.condition.evaluate(root, scope).negated()


def _quantify(quantifier: str, outcomes: list[Outcome], nothing: Clause) -> Outcome:
    """`some`, `every` or `none` over the outcomes for each element; `nothing` says there was
    no element."""
    if quantifier == "some":
        return any_of(outcomes, empty_reason=nothing)
    if quantifier == "every":
        return all_of(outcomes, empty_reason=nothing)
    return all_of((outcome.negated() for outcome in outcomes), empty_reason=nothing)


def _named_elements(outcome: Outcome, judged: list[Outcome], path: str) -> Outcome:
    """The outcome with the elements it judged named: by the path when every element gave the
    same fact ("ingress is present"), else as one of them ("an element of ingress is ...")."""

    def name(clause: Clause) -> Clause:
        if not clause.of_element:
            return clause
        fact = (clause.where, clause.state)
        every = all(any((c.where, c.state) == fact for c in element.clauses) for element in judged)
        return clause.named(path if every else f"an element of {path}")

    return Outcome(outcome.truth, tuple(name(clause) for clause in outcome.clauses))


@dataclass(frozen=True)
class Each(Condition):
    """`{path, some|every|none: ...}`: a condition over each element of a list."""

    path: str
    quantifier: str
    condition: Condition

    def evaluate(self, root: Any, scope: Scope) -> Outcome:
        outcomes: list[Outcome] = []
        for element in elements(resolve(root, self.path, scope.resource)):
            if isinstance(element, Unresolved):
                outcomes.append(undecided(f"{self.path} could not be resolved: {element}"))
            else:
                outcomes.append(self.condition.evaluate(element, scope))
        nothing = Clause(f"no element in {self.path}", about=self.path)
        quantified = _quantify(self.quantifier, outcomes, nothing)
        return _named_elements(quantified, outcomes, self.path)


def _on(resource: Resource, condition: Condition, scope: Scope) -> Outcome:
    """The condition on another resource, its reasons naming that resource."""
    return condition.evaluate(resource.attributes, scope.moved_to(resource)).on(resource.address)


def _on_each(
    resources: Sequence[Resource],
    undecided_ones: Sequence[tuple[Resource, Unresolved]],
    condition: Condition,
    scope: Scope,
) -> list[Outcome]:
    """The condition on each resource, and undecided for those that may or may not count."""
    outcomes = [
        undecided(f"cannot tell whether {resource.address} applies: {why}")
        for resource, why in undecided_ones
    ]
    return outcomes + [_on(resource, condition, scope) for resource in resources]


@dataclass(frozen=True)
class Related(Condition):
    """`{related: {resource, by}, some|every|none: ...}`: resources that point at this one."""

    resource_types: tuple[str, ...]
    by: str
    quantifier: str
    condition: Condition

    def evaluate(self, root: Any, scope: Scope) -> Outcome:
        subject = scope.resource
        linked, unknown = scope.index.linked_to(subject, self.resource_types, self.by)
        outcomes = _on_each(linked, unknown, self.condition, scope)
        nothing = Clause(f"no {' or '.join(self.resource_types)} for {subject.address}")
        return _quantify(self.quantifier, outcomes, nothing)


@dataclass(frozen=True)
class Alongside(Condition):
    """`{alongside: {resource}, some|every|none: ...}`: the resources of some types that sit in
    the same configuration as this one (a Terraform root module with its child modules, an AWS
    account), such as the account-wide setting a resource's default depends on."""

    resource_types: tuple[str, ...]
    quantifier: str
    condition: Condition

    def evaluate(self, root: Any, scope: Scope) -> Outcome:
        subject = scope.resource
        present, unknown = scope.index.alongside(subject, self.resource_types)
        outcomes = _on_each(present, unknown, self.condition, scope)
        nothing = Clause(f"no {' or '.join(self.resource_types)} alongside {subject.address}")
        return _quantify(self.quantifier, outcomes, nothing)


@dataclass(frozen=True)
class Follow(Condition):
    """`{follow: path, some|every|none: ...}`: the resources this one points at."""

    path: str
    quantifier: str
    condition: Condition

    def evaluate(self, root: Any, scope: Scope) -> Outcome:
        outcomes: list[Outcome] = []
        for value in elements(resolve(root, self.path, scope.resource)):
            targets = scope.index.targets_of(value, scope.resource)
            if targets is None and isinstance(value, Unresolved):
                outcomes.append(undecided(f"{self.path} could not be resolved: {value}"))
                continue
            if targets is None:
                shown = value.expression if isinstance(value, Reference) else value
                outcomes.append(
                    undecided(f"{self.path} points at {shown!s}, which is not in the scan")
                )
                continue
            outcomes.extend(_on(target, self.condition, scope) for target in targets)
        nothing = Clause(f"no resource at {self.path}", about=self.path)
        return _quantify(self.quantifier, outcomes, nothing)


_QUANTIFIERS = ("some", "every", "none")


def _quantifier_of(data: Mapping[str, Any]) -> str:
    return next(name for name in _QUANTIFIERS if name in data)


def compile_condition(
    data: Mapping[str, Any], parameters: Mapping[str, Any], field: str
) -> Condition:
    """Compile the YAML form of a condition, already checked against the schema.

    `field` names where the condition sits in the control file, for error messages.
    """

    def sub(key: str | int, item: Any) -> Condition:
        return compile_condition(item, parameters, f"{field}.{key}")

    if "all" in data:
        return AllOf(tuple(sub(f"all[{i}]", c) for i, c in enumerate(data["all"])))
    if "any" in data:
        return AnyOf(tuple(sub(f"any[{i}]", c) for i, c in enumerate(data["any"])))
    if "not" in data:
        return Not(sub("not", data["not"]))
    if "ports" in data:
        ports = _parameter(data["includes"], parameters, f"{field}.includes")
        port_list = ports if isinstance(ports, list) else [ports]
        if not all(isinstance(p, int) and not isinstance(p, bool) for p in port_list):
            raise PolicyError(f"{field}.includes must be port numbers")
        return Ports(data["ports"]["from"], data["ports"]["to"], tuple(port_list))
    if "related" in data:
        quantifier = _quantifier_of(data)
        types = data["related"]["resource"]
        return Related(
            (types,) if isinstance(types, str) else tuple(types),
            data["related"]["by"],
            quantifier,
            sub(quantifier, data[quantifier]),
        )
    if "alongside" in data:
        quantifier = _quantifier_of(data)
        return Alongside(
            check_types(data["alongside"]["resource"]),
            quantifier,
            sub(quantifier, data[quantifier]),
        )
    if "follow" in data:
        quantifier = _quantifier_of(data)
        return Follow(data["follow"], quantifier, sub(quantifier, data[quantifier]))
    if "op" not in data:
        quantifier = _quantifier_of(data)
        return Each(data["path"], quantifier, sub(quantifier, data[quantifier]))
    return _compile_compare(data, parameters, field)


def _compile_compare(data: Mapping[str, Any], parameters: Mapping[str, Any], field: str) -> Compare:
    op = data["op"]
    needs_value = op not in (
        "present",
        "absent",
        "is_true",
        "is_false",
        "empty",
        "open_to_internet",
        "is_reference",
    )
    if needs_value and "value" not in data:
        raise PolicyError(f"{field}: operator {op!r} needs a value")
    if not needs_value and "value" in data:
        raise PolicyError(f"{field}: operator {op!r} takes no value")
    if op in ("present", "absent") and "default" in data:
        raise PolicyError(f"{field}: operator {op!r} takes no default")
    expected = _parameter(data.get("value"), parameters, f"{field}.value")
    if op in ("in", "not_in") and not isinstance(expected, list):
        raise PolicyError(f"{field}.value: operator {op!r} needs a list")
    if op in ("gt", "gte", "lt", "lte") and _as_number(expected) is None:
        raise PolicyError(f"{field}.value: operator {op!r} needs a number")
    if op in ("regex", "not_regex"):
        try:
            expected = LinearPattern(str(expected))
        except ValueError as exc:
            raise PolicyError(f"{field}.value: {exc}") from exc
    return Compare(
        data.get("path"), op, expected, data.get("default"), has_default="default" in data
    )


def _parameter(value: Any, parameters: Mapping[str, Any], field: str) -> Any:
    if isinstance(value, Mapping) and set(value) == {"param"}:
        name = value["param"]
        if name not in parameters:
            raise PolicyError(f"{field}: parameter {name!r} is not defined under `parameters`")
        return parameters[name]
    return value


def check_types(types: str | Sequence[str]) -> tuple[str, ...]:
    """A check's `resource` as a tuple of type names."""
    return (types,) if isinstance(types, str) else tuple(types)
