"""Reading a plan in `terraform show -json` form, whose values Terraform already resolved.

Values only known after apply are absent from a plan's planned values and flagged in
`after_unknown`; they become `Reference`s (when the configuration shows what they point at)
or `Unresolved`, never absent, so that a KMS key ARN still to be created is not "no key".
A few are known all the same from what the plan does show: a `tags_all` made of known tags,
and the computed blocks of `_CONFIGURATION_ONLY_BLOCKS` that the configuration leaves unset.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from adapters.base import AdapterError
from adapters.terraform.hcl import Block
from adapters.terraform.module import SOURCE, location_of, shown_path, suppressions
from adapters.terraform.values import AFTER_APPLY, deep_unknown, mark_sensitive_paths
from checker.models import Location, Reference, Resource, Snapshot, SourceError, Unresolved
from checker.redaction import redact, redact_variable

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

    from adapters.terraform.adapter import ModuleLoader

_RESOURCE_ADDRESS = re.compile(
    r"^(?:data\.)?[a-z0-9]+_[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+(\[[^\]]+\])?$"
)
_INDEX = re.compile(r"\[[^\]]*\]")

# Computed blocks that the AWS provider fills in from what the API reports. Since provider v4
# they are managed by resources of their own (aws_s3_bucket_versioning, aws_iam_role_policy,
# ...), which controls reach through `related`, so a plan leaves them unknown until apply. No
# other resource sets them inline: only the resource's own configuration could, so when it does
# not they are judged absent, as in the source itself, instead of unknown.
_CONFIGURATION_ONLY_BLOCKS: dict[str, frozenset[str]] = {
    "aws_s3_bucket": frozenset(
        {
            "versioning",
            "server_side_encryption_configuration",
            "logging",
            "lifecycle_rule",
            "replication_configuration",
        }
    ),
    # managed_policy_arns shows the attachments other resources make, each judged on its own.
    "aws_iam_role": frozenset({"inline_policy", "managed_policy_arns"}),
}

# PowerShell's `>` writes UTF-16 with a byte order mark; the `utf-16` codec reads either order.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _plan_text(path: Path) -> str:
    """The plan's text: UTF-8 (with or without a byte order mark) or UTF-16 with one."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AdapterError(f"{path}: cannot read the plan: {exc}") from exc
    encoding = next((name for mark, name in _BYTE_ORDER_MARKS if data.startswith(mark)), None)
    # JSON in UTF-8 never holds a NUL byte; every ASCII character in UTF-16 does.
    if encoding is None and b"\x00" in data:
        raise AdapterError(
            f"{path}: cannot read the plan: it holds NUL bytes, as UTF-16 without a byte order "
            "mark does; write it as UTF-8 with `terraform show -json`"
        )
    try:
        return data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        raise AdapterError(
            f"{path}: cannot read the plan: it is neither UTF-8 nor UTF-16 with a byte order "
            f"mark ({exc.reason} at byte {exc.start}); write it with `terraform show -json`"
        ) from exc


def _load(path: Path) -> dict[str, Any]:
    text = _plan_text(path)
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise AdapterError(
            f"{path}: not JSON: {exc}; write it with `terraform show -json`"
        ) from exc
    if not isinstance(data, dict) or "planned_values" not in data:
        raise AdapterError(f"{path}: not a plan from `terraform show -json` (no planned_values)")
    from jsonschema.exceptions import best_match  # only plans need it: the hook stays quick

    problem = best_match(_plan_validator().iter_errors(data))
    if problem is not None:
        where = "".join(
            f"[{part}]" if isinstance(part, int) else f".{part}" for part in problem.absolute_path
        ).lstrip(".")
        raise AdapterError(
            f"{path}: not a plan from `terraform show -json`: {where or 'the plan'}: "
            f"{problem.message}"
        )
    return data


@cache
def _plan_validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    """The shape of what assaymark reads from a plan (its other parts are not read)."""
    text = resources.files("adapters.terraform").joinpath("schemas/plan.schema.json")
    return Draft202012Validator(json.loads(text.read_text(encoding="utf-8")))


def _missing_from_plan(plan: dict[str, Any], planned: set[str], shown: str) -> list[SourceError]:
    """Resources the plan's changes create or update but its planned values do not hold: a
    plan that says less than it seems (cut, or edited) is an error, never a silent pass."""
    missing = []
    for change in plan.get("resource_changes", []):
        actions = set(change.get("change", {}).get("actions", []))
        if change.get("mode", "managed") != "managed" or not actions & {"create", "update"}:
            continue
        if change["address"] not in planned:
            missing.append(
                SourceError(
                    SOURCE,
                    f"{change['address']}: the plan {'/'.join(sorted(actions))}s it, but its "
                    "planned values do not hold it: write the plan again with "
                    "`terraform show -json`",
                    Location(file=shown, extra={"plan_address": change["address"]}),
                )
            )
    return missing


def _planned_resources(module: dict[str, Any]) -> list[dict[str, Any]]:
    found = list(module.get("resources", []))
    for child in module.get("child_modules", []):
        found.extend(_planned_resources(child))
    return found


def _addresses_after_apply(plan: dict[str, Any]) -> set[str]:
    """Every resource instance, data sources included, that exists once the plan is applied."""
    found = {
        r["address"] for r in _planned_resources(plan["planned_values"].get("root_module", {}))
    }
    for change in plan.get("resource_changes", []):
        if change.get("change", {}).get("actions") != ["delete"]:
            found.add(change["address"])
    # Data sources read while planning are in the prior state only.
    prior = plan.get("prior_state", {}).get("values", {}).get("root_module", {})
    found.update(r["address"] for r in _planned_resources(prior) if r.get("mode") == "data")
    return found


def _configuration_index(
    module: dict[str, Any], prefix: str, out: dict[str, dict[str, Any]]
) -> None:
    for resource in module.get("resources", []):
        out[prefix + resource["address"]] = resource
    for name, call in module.get("module_calls", {}).items():
        _configuration_index(call.get("module", {}), f"{prefix}module.{name}.", out)


def _module_call_index(module: dict[str, Any], prefix: str, out: dict[str, dict[str, Any]]) -> None:
    """Module calls by the address of the module they call (`module.a.module.b`)."""
    for name, call in module.get("module_calls", {}).items():
        address = f"{prefix}module.{name}"
        out[address] = call
        _module_call_index(call.get("module", {}), f"{address}.", out)


def _block_index(
    root: Path, loader: ModuleLoader, module: dict[str, Any], prefix: str, out: dict[str, Block]
) -> None:
    """Declarations by their address without instance keys, for file and line."""
    definition = loader.definition(root)
    for block in definition.resources:
        out[f"{prefix}{block.labels[0]}.{block.labels[1]}"] = block
    for name, call in module.get("module_calls", {}).items():
        source = call.get("source", "")
        if (
            isinstance(source, str)
            and source.startswith(("./", "../"))
            and (root / source).is_dir()
        ):
            _block_index(
                root / source, loader, call.get("module", {}), f"{prefix}module.{name}.", out
            )


def _module_prefix(address: str) -> str:
    """`module.a.module.b.` for a resource inside modules a and b (instance keys kept)."""
    parts = re.findall(r"module\.[A-Za-z0-9_-]+(?:\[[^\]]+\])?\.", address)
    return "".join(parts)


# -- references ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    """A resource an expression refers to: `address` as written and the `attribute` read."""

    address: str
    attribute: str
    written: str


def _traversal_start(references: list[str], position: int) -> int:
    """Where the forms of the reference at `position` begin: Terraform lists each reference
    from its whole traversal down to its subject (`x.y[0].id`, `x.y[0]`)."""
    start = position
    while start > 0:
        longer, shorter = references[start - 1], references[start]
        if not longer.startswith((shorter + ".", shorter + "[")):
            break
        start -= 1
    return start


def _resource_targets(references: list[str]) -> list[_Target]:
    """The distinct resources an expression refers to, in the order written."""
    targets: dict[str, _Target] = {}
    for position, reference in enumerate(references):
        if _RESOURCE_ADDRESS.match(reference):
            written = references[_traversal_start(references, position)]
            attribute = written[len(reference) :].lstrip(".")
            targets.setdefault(reference, _Target(reference, attribute, written))
    # Terraform lists `x.y` after each reference to an instance `x.y[0]`: the same resource.
    with_instances = {_INDEX.sub("", address) for address in targets if "[" in address}
    return [target for target in targets.values() if target.address not in with_instances]


def _in_plan(address: str, existing: set[str]) -> bool:
    return address in existing or any(a.startswith(address + "[") for a in existing)


def _reference(expression: Any, prefix: str, existing: set[str]) -> Reference | Unresolved | None:
    """What an unknown value's expression refers to, when the plan tells which resource."""
    if not isinstance(expression, dict):
        return None
    references = [r for r in expression.get("references", []) if isinstance(r, str)]
    targets = _resource_targets(references)
    if not targets:
        return None if not references else Unresolved(references[0], AFTER_APPLY)
    if len(targets) > 1:
        # `cond ? a[0].id : b[0].id`: the resource the condition leaves out has no instance.
        held = [target for target in targets if _in_plan(prefix + target.address, existing)]
        if len(held) != 1:
            return Unresolved(
                " or ".join(target.written for target in targets),
                "the reference is chosen by a condition, and the plan holds "
                f"{'more than one' if held else 'none'} of the resources it chooses from",
            )
        targets = held
    (target,) = targets
    address = prefix + target.address
    if "[" not in target.address and any(a.startswith(address + "[") for a in existing):
        return Unresolved(target.written, "refers to one instance chosen at run time")
    return Reference(address, target.attribute)


def _mark_unknown(
    values: Any, unknown: Any, expressions: Any, path: str, prefix: str, existing: set[str]
) -> Any:
    """Replace the values the plan only knows after apply with references or unresolved."""
    if unknown is True:
        found = _reference(expressions, prefix, existing)
        return found if found is not None else Unresolved(path, AFTER_APPLY)
    if isinstance(unknown, dict):
        merged = dict(values) if isinstance(values, dict) else {}
        for key, flag in unknown.items():
            expression = expressions.get(key) if isinstance(expressions, dict) else None
            merged[key] = _mark_unknown(
                merged.get(key), flag, expression, f"{path}.{key}", prefix, existing
            )
        return merged
    if isinstance(unknown, list):
        items = list(values) if isinstance(values, list) else []
        items += [None] * (len(unknown) - len(items))
        for position, flag in enumerate(unknown):
            expression = (
                expressions[position]
                if isinstance(expressions, list) and position < len(expressions)
                else None
            )
            items[position] = _mark_unknown(
                items[position], flag, expression, f"{path}[{position}]", prefix, existing
            )
        return items
    return values


# -- computed blocks the configuration leaves unset ------------------------------------------


def _unset_blocks(resource_type: str, config: dict[str, Any], block: Block | None) -> set[str]:
    """The blocks of `_CONFIGURATION_ONLY_BLOCKS` that the resource's configuration does not set.

    The plan's configuration leaves `dynamic` blocks out, so only the source can tell that a
    block is not written: without it, the plan's unknown stays unknown."""
    if not config or block is None:
        return set()
    expressions = config.get("expressions", {})
    dynamic = {b.labels[0] for b in block.blocks_of("dynamic") if b.labels}
    return {
        name
        for name in _CONFIGURATION_ONLY_BLOCKS.get(resource_type, frozenset())
        if name not in expressions and name not in dynamic
    }


def _without_unset_blocks(
    values: dict[str, Any], unknown: Any, unset: set[str]
) -> tuple[dict[str, Any], Any]:
    """Values and `after_unknown` with the unset blocks that the plan leaves wholly unknown
    absent. One known in part was written in the configuration (a `dynamic` block), so it
    stays as the plan has it."""
    if not isinstance(unknown, dict):
        return values, unknown
    absent = {name for name in unset if unknown.get(name) is True}
    if not absent:
        return values, unknown
    kept = {key: value for key, value in values.items() if key not in absent}
    return kept, {key: flag for key, flag in unknown.items() if key not in absent}


# -- provider configurations -----------------------------------------------------------------


def _constant(expression: Any, what: str = "provider argument") -> Any:
    if isinstance(expression, dict) and "constant_value" in expression:
        return expression["constant_value"]
    return Unresolved(what, "not a constant in the plan")


def _is_requirement(config: dict[str, Any]) -> bool:
    """Whether a `provider_config` entry is a module's `required_providers` entry, not a
    configuration: Terraform lists those beside provider blocks, with no expressions."""
    return bool(config.get("module_address")) and not config.get("expressions")


def _parent_module(module: str) -> str:
    """`module.a` for `module.a.module.b`, and the root ("") for `module.a`."""
    parent, separator, _ = module.rpartition(".module.")
    return parent if separator else ""


def _name_in_parent(call: dict[str, Any] | None, name: str) -> str | None:
    """The caller's name for a module's provider: `providers = {...}` maps it (and then passes
    only what it lists), or else the module inherits the caller's provider of its own name."""
    mapping = call.get("providers") if isinstance(call, dict) else None
    if not isinstance(mapping, dict):
        return name
    passed = mapping.get(name)
    return passed if isinstance(passed, str) else None


def _provider_in_force(
    key: str, providers: dict[str, Any], calls: dict[str, dict[str, Any]]
) -> tuple[str, dict[str, Any]] | None:
    """The key and entry of the provider configuration that a `provider_config_key` uses: its
    own, or the one its module inherits from the nearest ancestor configuring that provider."""
    module, _, name = key.rpartition(":")
    full_name = providers.get(key, {}).get("full_name")
    current: str | None = name
    while current is not None:
        candidate = f"{module}:{current}" if module else current
        entry = providers.get(candidate)
        if entry is not None:
            if full_name and entry.get("full_name", full_name) != full_name:
                return None  # another provider under the same local name is not inherited
            if not _is_requirement(entry):
                return candidate, entry
        if not module:
            return None
        current = _name_in_parent(calls.get(module), current)
        module = _parent_module(module)
    return None


def _region(provider: tuple[str, dict[str, Any]] | None, key: str) -> Any:
    if provider is None:
        return Unresolved(
            f"provider {key}", "no provider configuration in the plan: the region is set outside"
        )
    found_key, config = provider
    expression = config.get("expressions", {}).get("region")
    region = None if expression is None else _constant(expression, f"provider.{found_key}.region")
    if region is None:
        return Unresolved(f"provider.{found_key}", "the provider sets no region")
    return region


def _default_tags(provider: tuple[str, dict[str, Any]] | None) -> Any:
    """The provider's `default_tags`: a map, or `Unresolved` when they are not constants."""
    if provider is None:
        return {}
    found_key, config = provider
    blocks = config.get("expressions", {}).get("default_tags")
    if not blocks:
        return {}
    what = f"provider.{found_key}.default_tags"
    if not isinstance(blocks, list) or len(blocks) != 1 or not isinstance(blocks[0], dict):
        return Unresolved(what, "not a constant in the plan")
    expression = blocks[0].get("tags")
    tags = {} if expression is None else _constant(expression, what)
    if tags is None:
        return {}
    return tags if isinstance(tags, dict) else Unresolved(what, "not a constant in the plan")


def _with_known_tags_all(values: dict[str, Any], default_tags: Any) -> dict[str, Any]:
    """Values with an unknown `tags_all` made known when its parts are: the provider's default
    tags under the resource's own tags, as the provider computes it."""
    if deep_unknown(values.get("tags_all")) is None:
        return values
    tags = values.get("tags") or {}
    if not isinstance(tags, dict) or not isinstance(default_tags, dict):
        return values
    if deep_unknown(tags) is not None or deep_unknown(default_tags) is not None:
        return values
    return {**values, "tags_all": {**default_tags, **tags}}


def _default_provider_key(plain_address: str, resource_type: str) -> str:
    """The provider key of a resource that the plan's configuration does not list."""
    module = _module_prefix(plain_address).rstrip(".")
    name = resource_type.split("_")[0]
    return f"{module}:{name}" if module else name


# -- the snapshot ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _PlanIndex:
    """What the resources of a plan are read against."""

    shown: str
    declared: dict[str, dict[str, Any]]
    calls: dict[str, dict[str, Any]]
    blocks: dict[str, Block]
    changes: dict[str, dict[str, Any]]
    providers: dict[str, Any]
    existing: set[str]


def _index(plan: dict[str, Any], path: Path, roots: list[Path], loader: ModuleLoader) -> _PlanIndex:
    configuration = plan.get("configuration", {})
    config_root = configuration.get("root_module", {})
    declared: dict[str, dict[str, Any]] = {}
    _configuration_index(config_root, "", declared)
    calls: dict[str, dict[str, Any]] = {}
    _module_call_index(config_root, "", calls)
    blocks: dict[str, Block] = {}
    if len(roots) == 1:
        _block_index(roots[0], loader, config_root, "", blocks)
    changes = {
        change["address"]: change.get("change", {}) for change in plan.get("resource_changes", [])
    }
    return _PlanIndex(
        shown=shown_path(path),
        declared=declared,
        calls=calls,
        blocks=blocks,
        changes=changes,
        providers=configuration.get("provider_config", {}),
        existing=_addresses_after_apply(plan),
    )


def _provider_resources(index: _PlanIndex) -> list[Resource]:
    found = []
    for key, config in index.providers.items():
        if _is_requirement(config):
            continue
        expressions = config.get("expressions", {})
        values = redact({name: _constant(e) for name, e in expressions.items()})
        found.append(
            Resource(
                source=SOURCE,
                type=f"provider.{config.get('name', key)}",
                address=f"provider.{key}",
                attributes=values,
                location=Location(file=index.shown),
                region=values.get("region"),
            )
        )
    return found


def _variable_resources(config_root: dict[str, Any], shown: str) -> list[Resource]:
    found = []
    for name, variable in config_root.get("variables", {}).items():
        declared_variable = dict(variable)
        if "default" in declared_variable:
            declared_variable["default"] = redact_variable(
                name, declared_variable["default"], declared_variable.get("sensitive")
            )
        found.append(
            Resource(
                source=SOURCE,
                type="variable",
                address=f"var.{name}",
                attributes={"name": name, **declared_variable},
                location=Location(file=shown),
            )
        )
    return found


def _mark_sensitive(values: Any, planned_resource: dict[str, Any], change: dict[str, Any]) -> Any:
    # Terraform lists what it holds sensitive (variables, outputs and provider schemas marked
    # so) in a mirror of the values, `true` at each sensitive path.
    for sensitive in (planned_resource.get("sensitive_values"), change.get("after_sensitive")):
        values = mark_sensitive_paths(values, sensitive)
    return values


def _resource_values(
    planned_resource: dict[str, Any],
    config: dict[str, Any],
    block: Block | None,
    provider: tuple[str, dict[str, Any]] | None,
    index: _PlanIndex,
) -> dict[str, Any]:
    """A planned resource's values, unknowns marked and secrets masked."""
    address = planned_resource["address"]
    change = index.changes.get(address, {})
    planned, unknown = _without_unset_blocks(
        planned_resource.get("values", {}),
        change.get("after_unknown", {}),
        _unset_blocks(planned_resource["type"], config, block),
    )
    marked = _mark_unknown(
        planned,
        unknown,
        config.get("expressions", {}),
        address,
        _module_prefix(address),
        index.existing,
    )
    marked = _mark_sensitive(marked, planned_resource, change)
    # A `tags_all` made known is made of the tags as marked, so a sensitive tag stays so in it;
    # it is marked once more for what the plan lists sensitive in `tags_all` itself.
    with_tags_all = _with_known_tags_all(marked, _default_tags(provider))
    if with_tags_all is not marked:
        marked = _mark_sensitive(with_tags_all, planned_resource, change)
    values: dict[str, Any] = redact(marked)
    return values


def _planned_resource(
    planned_resource: dict[str, Any], index: _PlanIndex, errors: list[SourceError]
) -> Resource:
    address = planned_resource["address"]
    plain = _INDEX.sub("", address)
    config = index.declared.get(plain, {})
    block = index.blocks.get(plain)
    key = config.get("provider_config_key") or _default_provider_key(
        plain, planned_resource["type"]
    )
    provider = _provider_in_force(key, index.providers, index.calls)
    values = _resource_values(planned_resource, config, block, provider, index)
    found: list[Any] = []
    if block is not None:
        found, skip_errors = suppressions(block)
        errors.extend(skip_errors)
    tags = values.get("tags_all") or values.get("tags") or {}
    return Resource(
        source=SOURCE,
        type=planned_resource["type"],
        address=address,
        attributes=values,
        location=location_of(block)
        if block is not None
        else Location(file=index.shown, extra={"plan_address": address}),
        tags=tags if isinstance(tags, (dict, Unresolved)) else {},
        region=_region(provider, key),
        suppressions=tuple(found),
    )


def read_plan(path: Path, roots: list[Path], loader: ModuleLoader) -> Snapshot:
    """A snapshot of the managed resources a plan will leave in place."""
    plan = _load(path)
    index = _index(plan, path, roots, loader)
    planned = [
        resource
        for resource in _planned_resources(plan["planned_values"].get("root_module", {}))
        if resource.get("mode", "managed") == "managed"
    ]
    managed = {resource["address"] for resource in planned}
    errors: list[SourceError] = [*loader.errors, *_missing_from_plan(plan, managed, index.shown)]
    config_root = plan.get("configuration", {}).get("root_module", {})
    resources = [
        *_provider_resources(index),
        *_variable_resources(config_root, index.shown),
        *(_planned_resource(resource, index, errors) for resource in planned),
    ]
    metadata = {"plan": index.shown, "terraform_version": plan.get("terraform_version")}
    return Snapshot(SOURCE, tuple(resources), tuple(errors), metadata)
