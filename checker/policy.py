"""Controls: loading YAML files, validating them against the shipped schema, compiling checks."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import yaml

from checker.cache import Store, digest
from checker.conditions import Condition, Scope, check_types, compile_condition
from checker.errors import PolicyError, PolicyLoadError
from checker.truth import Outcome, fails, holds, undecided
from checker.yaml_input import check_expansion, yaml_problem

if TYPE_CHECKING:
    # Imported when a control file is validated: a library validated before loads without it.
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

CONTROL_SUFFIXES = (".yaml", ".yml")
#: The source of checks that take a checkov check's verdict.
CHECKOV_SOURCE = "checkov"
#: The type of the stand-in resource the checkov source reports when it could not run (or could
#: not parse a file): every checkov check reads it, so each is `error` rather than silent.
CHECKOV_UNAVAILABLE = "checkov:unavailable"


@dataclass(frozen=True)
class CheckovVerdict(Condition):
    """checkov's verdict on one resource for one of its checks, in words that name the check."""

    check_id: str

    def evaluate(self, root: Any, scope: Scope) -> Outcome:
        result = root.get("result") if isinstance(root, Mapping) else None
        name = root.get("check_name") if isinstance(root, Mapping) else None
        scope.observed[f"{scope.resource.address}:{self.check_id}"] = result
        said = f"checkov {self.check_id}"
        if result == "passed":
            return holds(f"{said} passes: {name}")
        if result == "failed":
            return fails(f"{said} fails: {name}")
        if result == "skipped":
            # A skip with a reason becomes the finding's waiver (adapters/checkov/skips.py);
            # the verdict under it is checkov's failure.
            why = root.get("suppress_comment") or "no reason given"
            return fails(f"{said} skipped by a checkov:skip comment ({why}): {name}")
        return undecided(f"{said} gave no verdict ({result!r})")


# Folders of a policy tree that hold framework catalogs rather than controls.
CATALOG_FOLDER = "frameworks"


@dataclass(frozen=True)
class Check:
    """One source's way of checking a control."""

    source: str
    resource_types: tuple[str, ...]
    assertion: Condition
    where: Condition | None = None
    message: str | None = None
    scoped: bool = True
    #: Why a checkov check shows the control's requirement (checkov checks only).
    reason: str | None = None


@dataclass(frozen=True)
class Control:
    """A requirement stated once, with its checks for each source."""

    id: str
    title: str
    severity: str
    frameworks: Mapping[str, tuple[str, ...]]
    rationale: str
    remediation: str
    checks: tuple[Check, ...]
    path: Path
    manual: str | None = None
    scope_tags: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    parameters: Mapping[str, Any] = field(default_factory=dict)
    #: The tags the control file scopes it by, before a run's `scope_tags` replace their values.
    scope_keys: frozenset[str] = frozenset()

    def checks_for(self, sources: Iterable[str]) -> tuple[Check, ...]:
        """The checks that read one of `sources`."""
        wanted = set(sources)
        return tuple(check for check in self.checks if check.source in wanted)


@dataclass(frozen=True)
class Overrides:
    """Settings of a run that change controls: parameter values and the scope's tag values.

    A parameter is overridden only in controls that declare it; scope tags replace the scope of
    controls that have one.
    """

    parameters: Mapping[str, Any] = field(default_factory=dict)
    scope_tags: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, recorded in bundles so that a replay applies the same settings."""
        return {
            "parameters": dict(self.parameters),
            "scope_tags": {key: list(values) for key, values in self.scope_tags.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Overrides:
        """The inverse of `to_dict`."""
        return cls(
            dict(data.get("parameters", {})),
            {key: tuple(values) for key, values in data.get("scope_tags", {}).items()},
        )


@cache
def control_schema() -> dict[str, Any]:
    """The JSON Schema every control file must satisfy (shipped inside the package)."""
    text = resources.files("checker").joinpath("schemas/control.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _schema_digest() -> str:
    return digest(json.dumps(control_schema(), sort_keys=True))


def _error_path(error: ValidationError) -> list[Any]:
    return list(error.absolute_path)


@cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(control_schema())


def control_files(paths: Sequence[Path]) -> list[Path]:
    """The control files under `paths` (files are taken as given), in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    candidate
                    for candidate in path.rglob("*")
                    if candidate.suffix in CONTROL_SUFFIXES
                    and CATALOG_FOLDER not in candidate.relative_to(path).parts[:-1]
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            raise PolicyLoadError([f"{path}: no such file or folder"])
    return found


def _json_path(parts: Iterable[str | int]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _line_of(node: yaml.Node | None, parts: Sequence[str | int]) -> int | None:
    """The line of the YAML node at `parts`, or of its nearest ancestor."""
    line = None if node is None else node.start_mark.line + 1
    for part in parts:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            child = node.value[part] if part < len(node.value) else None
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line


def _schema_message(error: ValidationError) -> tuple[list[str | int], str]:
    # An anyOf over required keys means "say which kind this is"; for other combinators the
    # best-matching sub-error names the real field.
    if error.context and all(sub.validator == "required" for sub in error.context):
        keys = ", ".join(str(cast(list[str], sub.validator_value)[0]) for sub in error.context)
        return list(error.absolute_path), f"needs one of the keys: {keys}"
    if error.context:
        from jsonschema.exceptions import best_match

        error = best_match(error.context)
    return list(error.absolute_path), error.message


# libyaml's loader where PyYAML was built with it: the library loads on every run.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """A YAML loader that refuses a key given twice in a mapping: silent overrides hide bugs."""


def _construct_mapping(
    loader: yaml.constructor.SafeConstructor, node: yaml.MappingNode
) -> dict[Any, Any]:
    keys: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in keys:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} appears twice", key_node.start_mark
            )
        keys.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def read_yaml(path: Path) -> tuple[Any, str]:
    """Parse a YAML file, returning its data and its text (for line numbers, see `_nodes`)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{path}: cannot read: {exc}") from exc
    return parse_yaml(path, text), text


def parse_yaml(path: Path, text: str) -> Any:
    """Parse the YAML text of `path`; problems name the file and line."""
    try:
        check_expansion(text)
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except RecursionError as exc:
        raise PolicyError(f"{path}: not valid YAML: nested too deeply") from exc
    except yaml.YAMLError as exc:
        line, problem = yaml_problem(exc)
        where = f"{path}:{line}" if line is not None else str(path)
        raise PolicyError(f"{where}: not valid YAML: {problem}") from exc
    return data


def _nodes(text: str) -> yaml.Node | None:
    """The node tree of YAML text that already loaded: only needed to place a problem."""
    return yaml.compose(text, Loader=_SafeLoader)


def validate_file(
    path: Path, overrides: Overrides | None = None
) -> tuple[Control | None, list[str]]:
    """Load one control file: the control, or the problems that stop it, each with file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [f"{path}: cannot read: {exc}"]
    key = validation_key(text)
    loaded = _validated(key)
    if loaded is None:
        data, problems = parse_and_validate(path, text)
        if data is None:
            return None, problems
        _remember(key, data)
    else:
        data = loaded
    control_id = data.get("id") if isinstance(data.get("id"), str) else "(no id)"
    try:
        return _compile(data, path, overrides or Overrides()), []
    except PolicyError as exc:
        return None, [f"{path}: control {control_id}: {exc}"]


# Reading YAML and validating it are most of loading the library: a control file's text that
# passed once is kept, as the JSON of its data, under the digest of the text and the schema.
_VALIDATED = Store.named("validated-controls")

#: The built-in control files' data as they passed validation, keyed as the cache is (the
#: digest of the schema and the file's text), so that a first run does not validate them
#: again. A file edited since, or a changed schema, has another key and is validated.
#: `python -m checker.shipped` writes it; the test suite fails when it is out of date.
SHIPPED_VALIDATION = Path(__file__).parent / "schemas" / "builtin-controls.validated.json"


@cache
def shipped_validation() -> dict[str, Any]:
    """The validated data of the built-in control files, by key (empty if not installed)."""
    try:
        entries = json.loads(SHIPPED_VALIDATION.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return entries if isinstance(entries, dict) else {}


def validation_key(text: str) -> str:
    """What a control file's validation is kept under: its text and the schema it passed."""
    return digest(_schema_digest(), text)


def _validated(key: str) -> dict[str, Any] | None:
    """The data of a control file whose text (digest `key`) passed validation before."""
    shipped = shipped_validation().get(key)
    if isinstance(shipped, dict):
        return shipped
    stored = _VALIDATED.get(key)
    try:
        data = json.loads(stored) if stored is not None else None
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _remember(key: str, data: dict[str, Any]) -> None:
    """Keep a control file's data that passed, if JSON keeps it as it is (no dates, no number
    keys)."""
    stored = json.dumps(data)
    if json.loads(stored) == data:
        _VALIDATED.put(key, stored)


def parse_and_validate(path: Path, text: str) -> tuple[dict[str, Any] | None, list[str]]:
    """A control file's data, or the problems with it, each with file and line."""
    try:
        data = parse_yaml(path, text)
    except PolicyError as exc:
        return None, [str(exc)]
    if not isinstance(data, dict):
        return None, [f"{path}:1: a control file holds one mapping (id, title, checks, ...)"]
    control_id = data.get("id") if isinstance(data.get("id"), str) else "(no id)"
    errors = sorted(_validator().iter_errors(data), key=_error_path)
    node = _nodes(text) if errors else None
    problems = []
    for error in errors:
        parts, message = _schema_message(error)
        line = _line_of(node, parts)
        problems.append(f"{path}:{line}: control {control_id}: {_json_path(parts)}: {message}")
    if problems:
        return None, problems
    return data, []


def _compile(data: Mapping[str, Any], path: Path, overrides: Overrides) -> Control:
    declared = data.get("parameters", {})
    parameters = {**declared, **{k: v for k, v in overrides.parameters.items() if k in declared}}
    checks = []
    for number, check in enumerate(data.get("checks", [])):
        field_name = f"checks[{number}]"
        if check["source"] == CHECKOV_SOURCE:
            checks.append(_checkov_check(check, field_name))
            continue
        where = check.get("where")
        checks.append(
            Check(
                source=check["source"],
                resource_types=check_types(check["resource"]),
                assertion=compile_condition(check["assert"], parameters, f"{field_name}.assert"),
                where=None
                if where is None
                else compile_condition(where, parameters, f"{field_name}.where"),
                message=check.get("message"),
                scoped=check.get("scoped", True),
            )
        )
    frameworks = {name: tuple(ids) for name, ids in data["frameworks"].items()}
    scope_tags = {
        key: tuple(values) for key, values in data.get("scope", {}).get("tags", {}).items()
    }
    scope_keys = frozenset(scope_tags)
    if scope_tags and overrides.scope_tags:
        scope_tags = dict(overrides.scope_tags)
    return Control(
        id=data["id"],
        title=data["title"],
        severity=data["severity"],
        frameworks=frameworks,
        rationale=data["rationale"],
        remediation=data["remediation"],
        checks=tuple(checks),
        path=path,
        manual=data.get("manual"),
        scope_tags=scope_tags,
        parameters=parameters,
        scope_keys=scope_keys,
    )


def _checkov_check(check: Mapping[str, Any], field_name: str) -> Check:
    """A check that takes checkov's verdict on each resource the checkov check evaluated,
    within the control's scope (the tags of the Terraform resource checkov judged)."""
    check_id = check["check"]
    return Check(
        source=CHECKOV_SOURCE,
        resource_types=(check_id, CHECKOV_UNAVAILABLE),
        assertion=CheckovVerdict(check_id),
        reason=check["reason"],
    )


def load_controls(paths: Sequence[Path], overrides: Overrides | None = None) -> list[Control]:
    """Load every control under `paths`; any invalid file stops the load, listing every problem."""
    controls: list[Control] = []
    problems: list[str] = []
    seen: dict[str, Path] = {}
    for path in control_files(paths):
        control, file_problems = validate_file(path, overrides)
        problems.extend(file_problems)
        if control is None:
            continue
        if control.id in seen:
            problems.append(f"{path}: control {control.id}: id already used by {seen[control.id]}")
            continue
        seen[control.id] = path
        controls.append(control)
    if problems:
        raise PolicyLoadError(problems)
    return controls
