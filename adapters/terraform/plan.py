"""Reading a plan in `terraform show -json` form, whose values Terraform already resolved.

Values only known after apply are absent from a plan's planned values and flagged in
`after_unknown`; they become `Reference`s (when the configuration shows what they point at)
or `Unresolved`, never absent, so that a KMS key ARN still to be created is not "no key".
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from adapters.base import AdapterError
from adapters.terraform.hcl import Block
from adapters.terraform.module import SOURCE, location_of, shown_path, suppressions
from adapters.terraform.values import AFTER_APPLY, mark_sensitive_paths
from checker.models import Location, Reference, Resource, Snapshot, SourceError, Unresolved
from checker.redaction import redact, redact_variable

if TYPE_CHECKING:
    from adapters.terraform.adapter import ModuleLoader

_RESOURCE_ADDRESS = re.compile(
    r"^(?:data\.)?[a-z0-9]+_[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+(\[[^\]]+\])?$"
)
_INDEX = re.compile(r"\[[^\]]*\]")


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise AdapterError(f"{path}: cannot read the plan: {exc}") from exc
    except ValueError as exc:
        raise AdapterError(
            f"{path}: not JSON: {exc}; write it with `terraform show -json`"
        ) from exc
    if not isinstance(data, dict) or "planned_values" not in data:
        raise AdapterError(f"{path}: not a plan from `terraform show -json` (no planned_values)")
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


def _configuration_index(
    module: dict[str, Any], prefix: str, out: dict[str, dict[str, Any]]
) -> None:
    for resource in module.get("resources", []):
        out[prefix + resource["address"]] = resource
    for name, call in module.get("module_calls", {}).items():
        _configuration_index(call.get("module", {}), f"{prefix}module.{name}.", out)


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


def _reference(expression: Any, prefix: str, addresses: set[str]) -> Reference | Unresolved | None:
    if not isinstance(expression, dict):
        return None
    references = [r for r in expression.get("references", []) if isinstance(r, str)]
    # Terraform lists the most specific address first: `x.y[0].id`, `x.y[0]`, `x.y`.
    targets = sorted((r for r in references if _RESOURCE_ADDRESS.match(r)), key=len)
    if not targets:
        return None if not references else Unresolved(references[0], AFTER_APPLY)
    written = targets[-1]
    target = prefix + written
    longest = max(references, key=len)
    attribute = longest[len(written) :].lstrip(".") if longest.startswith(written) else ""
    if "[" not in written and any(a.startswith(target + "[") for a in addresses):
        return Unresolved(longest, "refers to one instance chosen at run time")
    return Reference(target, attribute)


def _mark_unknown(
    values: Any, unknown: Any, expressions: Any, path: str, prefix: str, addresses: set[str]
) -> Any:
    """Replace the values the plan only knows after apply with references or unresolved."""
    if unknown is True:
        found = _reference(expressions, prefix, addresses)
        return found if found is not None else Unresolved(path, AFTER_APPLY)
    if isinstance(unknown, dict):
        merged = dict(values) if isinstance(values, dict) else {}
        for key, flag in unknown.items():
            expression = expressions.get(key) if isinstance(expressions, dict) else None
            merged[key] = _mark_unknown(
                merged.get(key), flag, expression, f"{path}.{key}", prefix, addresses
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
                items[position], flag, expression, f"{path}[{position}]", prefix, addresses
            )
        return items
    return values


def _constant(expression: Any) -> Any:
    if isinstance(expression, dict) and "constant_value" in expression:
        return expression["constant_value"]
    return Unresolved("provider argument", "not a constant in the plan")


def read_plan(path: Path, roots: list[Path], loader: ModuleLoader) -> Snapshot:
    """A snapshot of the managed resources a plan will leave in place."""
    plan = _load(path)
    shown = shown_path(path)
    configuration = plan.get("configuration", {})
    config_root = configuration.get("root_module", {})
    declared: dict[str, dict[str, Any]] = {}
    _configuration_index(config_root, "", declared)
    blocks: dict[str, Block] = {}
    if len(roots) == 1:
        _block_index(roots[0], loader, config_root, "", blocks)
    changes = {
        change["address"]: change.get("change", {}) for change in plan.get("resource_changes", [])
    }
    planned = [
        resource
        for resource in _planned_resources(plan["planned_values"].get("root_module", {}))
        if resource.get("mode", "managed") == "managed"
    ]
    addresses = {resource["address"] for resource in planned}
    providers = configuration.get("provider_config", {})
    resources: list[Resource] = []
    errors: list[SourceError] = [*loader.errors, *_missing_from_plan(plan, addresses, shown)]
    for key, config in providers.items():
        expressions = config.get("expressions", {})
        values = redact({name: _constant(e) for name, e in expressions.items()})
        resources.append(
            Resource(
                source=SOURCE,
                type=f"provider.{config.get('name', key)}",
                address=f"provider.{key}",
                attributes=values,
                location=Location(file=shown),
                region=values.get("region"),
            )
        )
    for name, variable in config_root.get("variables", {}).items():
        declared_variable = dict(variable)
        if "default" in declared_variable:
            declared_variable["default"] = redact_variable(
                name, declared_variable["default"], declared_variable.get("sensitive")
            )
        resources.append(
            Resource(
                source=SOURCE,
                type="variable",
                address=f"var.{name}",
                attributes={"name": name, **declared_variable},
                location=Location(file=shown),
            )
        )
    for planned_resource in planned:
        address = planned_resource["address"]
        prefix = _module_prefix(address)
        plain = _INDEX.sub("", address)
        config = declared.get(plain, {})
        change = changes.get(address, {})
        marked = _mark_unknown(
            planned_resource.get("values", {}),
            change.get("after_unknown", {}),
            config.get("expressions", {}),
            address,
            prefix,
            addresses,
        )
        # Terraform lists what it holds sensitive (variables, outputs and provider schemas
        # marked so) in a mirror of the values, `true` at each sensitive path.
        for sensitive in (planned_resource.get("sensitive_values"), change.get("after_sensitive")):
            marked = mark_sensitive_paths(marked, sensitive)
        values = redact(marked)
        provider = providers.get(config.get("provider_config_key", ""), {})
        region = _constant(provider.get("expressions", {}).get("region")) if provider else None
        block = blocks.get(plain)
        found: list[Any] = []
        if block is not None:
            found, skip_errors = suppressions(block)
            errors.extend(skip_errors)
        tags = values.get("tags_all") or values.get("tags") or {}
        resources.append(
            Resource(
                source=SOURCE,
                type=planned_resource["type"],
                address=address,
                attributes=values,
                location=location_of(block)
                if block is not None
                else Location(file=shown, extra={"plan_address": address}),
                tags=tags if isinstance(tags, (dict, Unresolved)) else {},
                region=region
                if region is not None
                else Unresolved("provider", "no region in the plan"),
                suppressions=tuple(found),
            )
        )
    metadata = {"plan": shown, "terraform_version": plan.get("terraform_version")}
    return Snapshot(SOURCE, tuple(resources), tuple(errors), metadata)
