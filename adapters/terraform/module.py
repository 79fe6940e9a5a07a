"""Terraform modules: reading a folder's blocks and expanding them into resources.

A `ModuleDefinition` is a folder's parsed blocks (read once, however often it is called); a
`ModuleInstance` is one call of it with its inputs and address prefix, which evaluates
variables, locals and outputs lazily and expands `count`, `for_each` and `dynamic` into the
addresses Terraform uses.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from adapters.terraform.data_sources import PROVIDER_DATA_SOURCES, RENDERED_DATA_SOURCES
from adapters.terraform.expressions import Context, Evaluator, _index_text
from adapters.terraform.functions import FUNCTIONS
from adapters.terraform.hcl import (
    Block,
    Expression,
    HclSyntaxError,
    SourceFile,
    native,
    object_items_text,
    parse_file,
)
from adapters.terraform.json_syntax import parse_json_file
from adapters.terraform.limits import MAX_INSTANCES
from adapters.terraform.types import convert, parse_type
from adapters.terraform.values import (
    EvalFailure,
    LazyObject,
    as_unresolved,
    deep_unknown,
    is_unknown,
    provider_sensitive_arguments,
    to_number,
)
from checker.models import Location, Reference, SourceError, Suppression, Unresolved
from checker.progress import advance
from checker.redaction import is_secret_name, mark_sensitive, redact

SOURCE = "terraform"
# Arguments that steer Terraform rather than describe the resource.
_META_ARGUMENTS = frozenset({"count", "for_each", "provider", "depends_on", "lifecycle"})
_META_BLOCKS = frozenset(
    {"lifecycle", "connection", "provisioner", "precondition", "postcondition"}
)
MODULE_ARGUMENTS = frozenset({"source", "version", "count", "for_each", "providers", "depends_on"})
# A comment in HCL; in JSON syntax, a `"//": "..."` property.
_SKIP = re.compile(r'(?:#|//|"//"\s*:\s*")\s*assaymark:skip=([A-Za-z0-9.\-]+)[ \t]*([^\n]*)')

EVALUATOR = Evaluator(FUNCTIONS)
_NOT_GIVEN = object()


def shown_path(path: Path) -> str:
    """A path as reports show it: relative to the working folder where it is below it."""
    # Resolving is most of the cost for thousands of files: each folder is resolved once.
    folder = _resolved(str(Path.cwd()), str(path.parent))
    resolved = (folder / path.name) if path.name not in ("", ".", "..") else path.resolve()
    if resolved.is_symlink():
        resolved = resolved.resolve()
    try:
        return resolved.relative_to(_resolved(str(Path.cwd()), ".")).as_posix()
    except ValueError:
        return path.as_posix()


@lru_cache(maxsize=4096)
def _resolved(working_folder: str, folder: str) -> Path:
    """A folder resolved, as seen from a working folder (part of the key: tests change it)."""
    return (Path(working_folder) / folder).resolve()


@dataclass
class ModuleDefinition:
    """The blocks of one module folder."""

    directory: Path
    variables: dict[str, Block] = field(default_factory=dict)
    locals: dict[str, Expression] = field(default_factory=dict)
    outputs: dict[str, Expression] = field(default_factory=dict)
    sensitive_outputs: set[str] = field(default_factory=set)
    resources: list[Block] = field(default_factory=list)
    resource_blocks: MutableMapping[tuple[str, str], Block] = field(default_factory=dict)
    data: MutableMapping[tuple[str, str], Block] = field(default_factory=dict)
    modules: dict[str, Block] = field(default_factory=dict)
    providers: list[Block] = field(default_factory=list)
    errors: list[SourceError] = field(default_factory=list)
    file_count: int = 0


def read_source(path: Path) -> tuple[SourceFile | None, SourceError | None]:
    """Read a file for parsing, or the error that names why it cannot be read."""
    shown = shown_path(path)
    try:
        return SourceFile(path, shown, path.read_text(encoding="utf-8")), None
    except (OSError, UnicodeDecodeError) as exc:
        return None, SourceError(SOURCE, f"cannot read file: {exc}", Location(file=shown))


def parse_source(file: SourceFile) -> tuple[Block | None, SourceError | None]:
    """Parse a file (`.tf.json` in Terraform's JSON syntax), or the error naming its line."""
    try:
        if file.path.name.endswith(".json"):
            return parse_json_file(file), None
        return parse_file(file), None
    except HclSyntaxError as exc:
        return None, SourceError(SOURCE, str(exc), Location(file=file.shown, line=exc.line))


#: The files of a module folder that Terraform reads, in either syntax.
CONFIGURATION_FILES = ("*.tf", "*.tf.json")
CONFIGURATION_SUFFIXES = (".tf", ".tf.json")


def configuration_files(directory: Path) -> list[Path]:
    """The configuration files of one module folder, in Terraform's (lexical) order."""
    return sorted(path for pattern in CONFIGURATION_FILES for path in directory.glob(pattern))


def load_definition(directory: Path) -> ModuleDefinition:
    """Parse every configuration file of a folder; one that does not parse is an error, not a
    stop."""
    definition = ModuleDefinition(directory)
    for path in configuration_files(directory):
        definition.file_count += 1
        advance("files parsed")
        file, error = read_source(path)
        top = None
        if file is not None:
            top, error = parse_source(file)
        if error is not None:
            definition.errors.append(error)
        if top is not None:
            add_blocks(definition, top)
            # A parsed file lives as long as the scan of the roots that read it, and holds no
            # cycle: the cycle collector, woken by the nodes of each file parsed after it,
            # need not walk it again and again (two fifths of collecting 1,000 files).
            gc.freeze()
    return definition


def add_blocks(definition: ModuleDefinition, top: Block) -> None:
    """File a file's top-level blocks into the module's definition by kind."""
    for block in top.blocks:
        labels = block.labels
        if block.type == "resource" and len(labels) == 2:
            definition.resources.append(block)
            definition.resource_blocks[(labels[0], labels[1])] = block
        elif block.type == "data" and len(labels) == 2:
            definition.data[(labels[0], labels[1])] = block
        elif block.type == "variable" and labels:
            definition.variables[labels[0]] = block
        elif block.type == "locals":
            definition.locals.update(block.attributes)
        elif block.type == "output" and labels and "value" in block.attributes:
            definition.outputs[labels[0]] = block.attributes["value"]
            if _declared_sensitive(block):
                definition.sensitive_outputs.add(labels[0])
        elif block.type == "module" and labels:
            definition.modules[labels[0]] = block
        elif block.type == "provider" and labels:
            definition.providers.append(block)


def _nullable(block: Block) -> bool:
    """Whether a variable takes null from its caller; with `nullable = false` a null given
    stands for the default, as in Terraform."""
    written = block.attributes.get("nullable")
    return written is None or written.text.strip() != "false"


def _declared_sensitive(block: Block) -> bool:
    """Whether a variable or output block says `sensitive = true`."""
    written = block.attributes.get("sensitive")
    return written is not None and written.text.strip() == "true"


@dataclass(frozen=True)
class ProviderConfig:
    """What resources take from their provider configuration: the region and default tags."""

    region: Any
    default_tags: Any


class ChildLoader(Protocol):
    """What creates the instances of the modules a module calls."""

    def instantiate_child(
        self, parent: ModuleInstance, name: str, key: Any
    ) -> ModuleInstance | Unresolved:
        """The instance of `module.NAME[KEY]` called from `parent`, or why there is none."""


class ValueTrail:
    """The values of one root module being evaluated, innermost last.

    Terraform orders evaluation by a graph of single values, so module A's input may be module
    B's output while B's input is A's output. Each value is evaluated on demand, once; a value
    met again while it is still being evaluated is a genuine cycle, named in full.
    """

    def __init__(self) -> None:
        self._active: list[str] = []
        self._members: set[str] = set()

    def evaluate(self, label: str, compute: Callable[[], Any]) -> Any:
        """`compute()`, or the error naming the cycle if `label` is already being evaluated."""
        if label in self._members:
            cycle = [*self._active[self._active.index(label) :], label]
            return EvalFailure(label, f"depends on itself: {' -> '.join(cycle)}")
        self._active.append(label)
        self._members.add(label)
        try:
            return compute()
        finally:
            self._active.pop()
            self._members.discard(label)


@dataclass(frozen=True)
class Deferred:
    """A module call's argument, evaluated in the caller's context only when it is read."""

    expr: Expression
    context: Context

    def value(self) -> Any:
        """The argument's value."""
        return EVALUATOR.evaluate(self.expr, self.context)


class ModuleInstance:
    """One call of a module, with its inputs, evaluated lazily."""

    def __init__(
        self,
        definition: ModuleDefinition,
        *,
        prefix: str,
        namespace: str,
        root_directory: Path,
        inputs: Mapping[str, Any],
        providers: dict[str, ProviderConfig],
        call_path: tuple[str, ...],
        loader: ChildLoader | None,
        is_root: bool,
        trail: ValueTrail | None = None,
    ) -> None:
        self.definition = definition
        self.prefix = prefix
        self.namespace = namespace
        self.directory = Path(shown_path(definition.directory))
        self.root_directory = root_directory
        self.inputs = inputs
        self.call_path = call_path
        self.loader = loader
        self.is_root = is_root
        self.trail = trail if trail is not None else ValueTrail()
        self.context = Context(self)
        self._values: dict[str, Any] = {}
        self._children: dict[tuple[str, Any], ModuleInstance | Unresolved] = {}
        self._expansions: dict[tuple[str, str], list[tuple[Any, Context]] | Unresolved] = {}
        self._inherited_providers = dict(providers)

    @property
    def providers(self) -> dict[str, ProviderConfig]:
        """The provider configurations in force here: the caller's, then this module's own."""
        found = self.once("provider configurations", self._provider_configurations)
        return found if isinstance(found, dict) else self._inherited_providers

    def _provider_configurations(self) -> dict[str, ProviderConfig]:
        providers = dict(self._inherited_providers)
        for block in self.definition.providers:
            values = block_values(block, self.context)
            key = block.labels[0]
            alias = values.get("alias")
            if isinstance(alias, str):
                key = f"{key}.{alias}"
            blocks = values.get("default_tags", [])
            default_tags: Any = {}
            if is_unknown(blocks):
                default_tags = as_unresolved(blocks)
            elif blocks:
                default_tags = blocks[0].get("tags", {})
            # Resources take their region and tags from here, past the redaction of their values.
            providers[key] = ProviderConfig(redact(values.get("region")), redact(default_tags))
        return providers

    def once(self, label: str, compute: Callable[[], Any]) -> Any:
        """A value of this instance, computed the first time it is asked for."""
        if label not in self._values:
            value = self.trail.evaluate(f"{self.prefix}{label}", compute)
            # A cycle's failure belongs to the values in it; the first one asked keeps it.
            self._values.setdefault(label, value)
        return self._values[label]

    # -- what expressions see ----------------------------------------------------------------

    def variable(self, name: str) -> Any:
        """The value of `var.NAME`: the caller's input, else the default, else unresolved."""
        return self.once(f"var.{name}", lambda: self._variable(name))

    def _variable(self, name: str) -> Any:
        block = self.definition.variables.get(name)
        if block is None:
            return EvalFailure(f"var.{name}", "no such variable is declared")
        value = self._given(name)
        if value is None and not _nullable(block):
            value = _NOT_GIVEN
        if value is _NOT_GIVEN:
            if "default" not in block.attributes:
                where = "the module call" if not self.is_root else "terraform.tfvars or --var-file"
                return Unresolved(f"var.{name}", f"no value given: set it in {where}")
            value = EVALUATOR.evaluate(block.attributes["default"], self.context)
        value = self.typed(name, block, value)
        # Sensitive as Terraform declares it, or a string under a secret's name: so is every
        # value computed from it.
        if _declared_sensitive(block) or (isinstance(value, str) and is_secret_name(name)):
            value = mark_sensitive(value)
        return value

    def _given(self, name: str) -> Any:
        """The value the caller (or a variable file) gives, or `_NOT_GIVEN`."""
        if name not in self.inputs:
            return _NOT_GIVEN
        given = self.inputs[name]
        return given.value() if isinstance(given, Deferred) else given

    def typed(self, name: str, block: Block, value: Any) -> Any:
        """A variable's value converted to its declared type, optional attributes defaulted."""
        written = block.attributes.get("type")
        if written is None:
            return value
        constraint = parse_type(
            native(written), lambda expr: EVALUATOR.evaluate(expr, self.context)
        )
        if isinstance(constraint, Unresolved):
            return value
        return convert(value, constraint, f"var.{name}")

    def local(self, name: str) -> Any:
        """The value of `local.NAME`."""
        expr = self.definition.locals.get(name)
        if expr is None:
            return EvalFailure(f"local.{name}", "no such local value")

        def compute() -> Any:
            value = EVALUATOR.evaluate(expr, self.context)
            if isinstance(value, str) and is_secret_name(name):
                value = mark_sensitive(value)
            return value

        return self.once(f"local.{name}", compute)

    def module_output(self, name: str, key: Any, output: str) -> Any:
        """The value of `module.NAME[KEY].OUTPUT`."""
        call = self.definition.modules.get(name)
        if call is None:
            return EvalFailure(f"module.{name}", "no such module call")
        expression = f"module.{name}{_index_text(key)}.{output}"
        if key is None and ("count" in call.attributes or "for_each" in call.attributes):
            return Unresolved(expression, "the module has count or for_each: index it")
        child = self.child(name, key)
        if isinstance(child, Unresolved):
            return Unresolved(expression, child.reason)
        return child.output(output, expression)

    def output(self, name: str, expression: str = "") -> Any:
        """The value of this module's output NAME."""
        expr = self.definition.outputs.get(name)
        if expr is None:
            return EvalFailure(expression or name, "the module has no such output")

        def compute() -> Any:
            value = EVALUATOR.evaluate(expr, self.context)
            return mark_sensitive(value) if name in self.definition.sensitive_outputs else value

        return self.once(f"output.{name}", compute)

    def module_object(self, name: str) -> Any:
        """`module.NAME` as a value: its outputs, or a list or map of them with count/for_each."""
        call = self.definition.modules.get(name)
        if call is None:
            return EvalFailure(f"module.{name}", "no such module call")
        expanded = instances(call, self.context)
        if isinstance(expanded, Unresolved):
            return expanded

        def outputs(key: Any) -> Any:
            child = self.child(name, key)
            if isinstance(child, Unresolved):
                return Unresolved(f"module.{name}{_index_text(key)}", child.reason)
            return {output: child.output(output) for output in child.definition.outputs}

        if "count" in call.attributes:
            return [outputs(key) for key, _ in expanded]
        if "for_each" in call.attributes:
            return {str(key): outputs(key) for key, _ in expanded}
        return outputs(None)

    def resource(self, resource_type: str, name: str) -> Any:
        """`TYPE.NAME` as a value: one instance, or a list or map of them (count, for_each)."""
        block = self.definition.resource_blocks.get((resource_type, name))
        if block is None:
            return EvalFailure(
                f"{resource_type}.{name}", "no such resource is declared in the module"
            )
        return self._instances_of(block, f"{self.prefix}{resource_type}.{name}")

    def _instances_of(self, block: Block, address: str) -> Any:
        expanded = self.expansion(block)
        if isinstance(expanded, Unresolved):
            return Reference(address, "", self.namespace)
        objects = {
            key: BlockObject(self, block, f"{address}{_index_text(key)}", context)
            for key, context in expanded
        }
        if "count" in block.attributes:
            return list(objects.values())
        if "for_each" in block.attributes:
            return {str(key): value for key, value in objects.items()}
        return objects[None]

    def expansion(self, block: Block) -> list[tuple[Any, Context]] | Unresolved:
        """The instances of a resource, data or module block of this module, computed once."""
        label = (block.type, ".".join(block.labels))
        if label not in self._expansions:
            self._expansions[label] = self.trail.evaluate(
                f"{self.prefix}{'.'.join(block.labels)}.count",
                lambda: instances(block, self.context),
            )
        return self._expansions[label]

    def data_source(self, data_type: str, name: str, key: Any) -> Any:
        """The value of `data.TYPE.NAME[KEY]`: policy documents and templates are rendered,
        arguments written in the configuration are known, the rest is read when planning."""
        block = self.definition.data.get((data_type, name))
        address = f"{self.prefix}data.{data_type}.{name}{_index_text(key)}"
        if block is None:
            return EvalFailure(address, "no such data source")
        render: Callable[[Evaluator, ModuleInstance, dict[str, Any]], Any]
        if data_type in PROVIDER_DATA_SOURCES:
            describe = PROVIDER_DATA_SOURCES[data_type]
            provider = provider_of(block, self)

            def render(
                _evaluator: Evaluator, _scope: ModuleInstance, values: dict[str, Any]
            ) -> Any:
                return describe(values, region_of(values, *provider))

        elif data_type in RENDERED_DATA_SOURCES:
            render = RENDERED_DATA_SOURCES[data_type]
        else:
            value = self._instances_of(block, f"{self.prefix}data.{data_type}.{name}")
            return value if key is None else _apply_key(value, key, address)
        expanded = self.expansion(block)
        if isinstance(expanded, Unresolved):
            return Unresolved(address, expanded.reason)

        def rendered(instance_key: Any, context: Context) -> Any:
            label = f"data.{data_type}.{name}{_index_text(instance_key)}"
            return self.once(label, lambda: render(EVALUATOR, self, block_values(block, context)))

        if key is not None or not _is_expanded(block):
            found = [(k, c) for k, c in expanded if k == key or not _is_expanded(block)]
            return rendered(*found[0]) if found else EvalFailure(address, "no such instance")
        if "count" in block.attributes:
            return [rendered(k, c) for k, c in expanded]
        return {str(k): rendered(k, c) for k, c in expanded}

    # -- children ------------------------------------------------------------------------------

    def child(self, name: str, key: Any) -> ModuleInstance | Unresolved:
        """The instance of `module.NAME[KEY]`, or why it cannot be had."""
        cache_key = (name, key)
        if cache_key not in self._children:
            if self.loader is None:
                return Unresolved(f"module.{name}", "modules are not followed here")
            self._children[cache_key] = self.loader.instantiate_child(self, name, key)
        return self._children[cache_key]

    def call_context(self, call: Block, key: Any) -> Context:
        """The context in which a module call's arguments are evaluated for one instance."""
        if key is None:
            return self.context
        expanded = self.expansion(call)
        if not isinstance(expanded, Unresolved):
            for instance_key, context in expanded:
                if instance_key == key:
                    return context
        return self.context.with_names(count={"index": key}, each={"key": key, "value": key})

    def call_inputs(self, call: Block, key: Any) -> dict[str, Deferred]:
        """A module call's arguments for one instance, each evaluated when the child reads it."""
        context = self.call_context(call, key)
        return {
            argument: Deferred(expr, context)
            for argument, expr in call.attributes.items()
            if argument not in MODULE_ARGUMENTS
        }

    def child_providers(self, call: Block) -> dict[str, ProviderConfig]:
        """The provider configurations a module call passes to its child."""
        providers = dict(self.providers)
        mapping = call.attributes.get("providers")
        if mapping is not None:
            for child_key, parent_key in (object_items_text(mapping) or {}).items():
                if parent_key in self.providers:
                    providers[child_key] = self.providers[parent_key]
        return providers


class BlockObject(LazyObject):
    """One instance of a resource or data source as a value that other expressions read.

    An argument written in the configuration is known through a reference, as it is to
    Terraform before apply; what the provider computes (`id`, `arn`, unset arguments) is a
    `Reference`, known only after apply.
    """

    def __init__(self, module: ModuleInstance, block: Block, address: str, context: Context):
        self.module = module
        self.block = block
        self.address = address
        self.context = context

    def attribute(self, name: str) -> Any:
        """The value of `ADDRESS.NAME`."""
        written = self.block.attributes.get(name)
        if written is not None and name not in _META_ARGUMENTS:
            return self.module.once(
                f"{self.address.removeprefix(self.module.prefix)}.{name}",
                lambda: self._argument(name, written),
            )
        nested = [
            nested
            for nested in self.block.blocks
            if nested.type == name or (nested.type == "dynamic" and nested.labels[:1] == (name,))
        ]
        if nested:
            partial = Block(
                self.block.type,
                self.block.labels,
                {},
                tuple(nested),
                self.block.file,
                self.block.start_line,
                self.block.end_line,
            )
            return self.module.once(
                f"{self.address.removeprefix(self.module.prefix)}.{name}",
                lambda: block_values(partial, self.context).get(name, []),
            )
        if name == "tags_all" and "tags" in self.block.attributes:
            _key, provider = provider_of(self.block, self.module)
            return resource_tags({"tags": self.attribute("tags")}, provider)
        return Reference(self.address, name, self.module.namespace)

    def _argument(self, name: str, written: Expression) -> Any:
        value = EVALUATOR.evaluate(written, self.context)
        kind = self.block.attributes.get("type")
        shape = {name: value, "type": EVALUATOR.evaluate(kind, self.context) if kind else None}
        # Secret where it is written (a database's `password`), so wherever it is referenced.
        if name in provider_sensitive_arguments(self.block.labels[0], shape) or (
            isinstance(value, str) and is_secret_name(name)
        ):
            value = mark_sensitive(value)
        return value

    def reference(self) -> Reference:
        """The instance as a whole, which only a reference can stand for."""
        return Reference(self.address, "", self.module.namespace)


def _is_expanded(block: Block) -> bool:
    """Whether a block has instances by `count` or `for_each`."""
    return "count" in block.attributes or "for_each" in block.attributes


def _apply_key(value: Any, key: Any, address: str) -> Any:
    """One instance of a counted or keyed block's value."""
    if isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
        return value[key]
    if isinstance(value, dict) and str(key) in value:
        return value[str(key)]
    if isinstance(value, Reference):
        return Reference(address, "", value.namespace)
    return EvalFailure(address, "no such instance")


def block_values(block: Block, context: Context) -> dict[str, Any]:
    """A block's arguments and nested blocks as values; nested blocks become lists of maps."""
    values: dict[str, Any] = {}
    for name, expr in block.attributes.items():
        if name not in _META_ARGUMENTS:
            values[name] = EVALUATOR.evaluate(expr, context)
    if block.type == "resource" and block.labels:
        for name in provider_sensitive_arguments(block.labels[0], values):
            values[name] = mark_sensitive(values[name])
    for nested in block.blocks:
        if nested.type in _META_BLOCKS:
            continue
        if nested.type == "dynamic" and nested.labels:
            _expand_dynamic(nested, context, values)
            continue
        existing = values.setdefault(nested.type, [])
        if isinstance(existing, list):
            existing.append(block_values(nested, context))
    return values


def _expand_dynamic(block: Block, context: Context, values: dict[str, Any]) -> None:
    label = block.labels[0]
    iterator = block.attributes.get("iterator")
    name = iterator.text if iterator is not None else label
    collection = (
        EVALUATOR.evaluate(block.attributes["for_each"], context)
        if "for_each" in block.attributes
        else EvalFailure(f"dynamic {label!r}", "has no for_each")
    )
    if isinstance(collection, (Unresolved, Reference)):
        values[label] = as_unresolved(collection)
        return
    if collection is not None and not isinstance(collection, (dict, list)):
        values[label] = EvalFailure(f"dynamic {label!r}", "for_each needs a map, set or list")
        return
    pairs = collection.items() if isinstance(collection, dict) else enumerate(collection or [])
    existing = values.setdefault(label, [])
    if not isinstance(existing, list):
        return
    for content in block.blocks_of("content"):
        for key, value in pairs:
            existing.append(
                block_values(content, context.with_names(**{name: {"key": key, "value": value}}))
            )


def instances(block: Block, context: Context) -> list[tuple[Any, Context]] | Unresolved:
    """The instance keys of a block with `count` or `for_each`, each with its context."""
    if "count" in block.attributes:
        count = EVALUATOR.evaluate(block.attributes["count"], context)
        if is_unknown(count):
            return as_unresolved(count)
        if isinstance(count, str):
            count = to_number(count) if to_number(count) is not None else count
        problem = _count_problem(count)
        if problem is not None:
            return EvalFailure(block.attributes["count"].text, problem)
        return [(index, context.with_names(count={"index": index})) for index in range(int(count))]
    if "for_each" in block.attributes:
        collection = EVALUATOR.evaluate(block.attributes["for_each"], context)
        unknown = deep_unknown(collection) if isinstance(collection, list) else None
        if is_unknown(collection) or unknown is not None:
            return unknown or as_unresolved(collection)
        if isinstance(collection, dict):
            pairs = list(collection.items())
        elif isinstance(collection, list):
            pairs = [(item, item) for item in collection]
        else:
            return EvalFailure(block.attributes["for_each"].text, "for_each needs a map or a set")
        if len(pairs) > MAX_INSTANCES:
            return EvalFailure(
                block.attributes["for_each"].text,
                f"for_each has {len(pairs):,} elements, more than the {MAX_INSTANCES:,} "
                "instances assaymark evaluates",
            )
        return [
            (key, context.with_names(each={"key": key, "value": value})) for key, value in pairs
        ]
    return [(None, context)]


def _count_problem(count: Any) -> str | None:
    """Why a `count` value cannot be used (Terraform wants a whole number, not negative)."""
    if isinstance(count, bool) or not isinstance(count, (int, float)):
        return "count is not a number"
    if isinstance(count, float) and not count.is_integer():
        return f"count is {count}: a whole number is required"
    if count < 0:
        return f"count is {count}: it cannot be negative"
    if count > MAX_INSTANCES:
        return f"count is {count:,}: more than the {MAX_INSTANCES:,} instances assaymark evaluates"
    return None


def suppressions(block: Block) -> tuple[list[Suppression], list[SourceError]]:
    """The `assaymark:skip=<control> <reason>` comments inside a block."""
    found: list[Suppression] = []
    errors: list[SourceError] = []
    lines = block.file.lines[block.start_line - 1 : block.end_line]
    for offset, line in enumerate(lines):
        match = _SKIP.search(line)
        if match is None:
            continue
        location = Location(file=block.file.shown, line=block.start_line + offset)
        reason = match.group(2).strip()
        if block.file.path.name.endswith(".json"):
            reason = reason.removesuffix(",").rstrip().removesuffix('"').rstrip()
        if not reason:
            errors.append(
                SourceError(
                    SOURCE,
                    f"assaymark:skip={match.group(1)} has no reason; the finding stands",
                    location,
                )
            )
            continue
        found.append(Suppression(match.group(1), reason, location))
    return found, errors


def resource_tags(values: dict[str, Any], provider: ProviderConfig | None) -> Any:
    """A resource's tags merged over its provider's default tags, as Terraform's `tags_all`."""
    tags = values.get("tags", {})
    defaults = provider.default_tags if provider is not None else {}
    for part in (defaults, tags):
        if isinstance(part, Unresolved):
            return part
        if isinstance(part, Reference):
            return as_unresolved(part)
    merged: dict[str, Any] = {}
    for part in (defaults, tags):
        if isinstance(part, dict):
            merged.update(part)
    return merged


def provider_of(block: Block, instance: ModuleInstance) -> tuple[str, ProviderConfig | None]:
    """The provider configuration a resource uses (`provider = aws.replica` or the default)."""
    written = block.attributes.get("provider")
    key = written.text if written is not None else block.labels[0].split("_")[0]
    return key, instance.providers.get(key)


def region_of(values: dict[str, Any], key: str, provider: ProviderConfig | None) -> Any:
    """The region a resource lives in: its own `region` argument, else its provider's."""
    if "region" in values and values["region"] is not None:
        return values["region"]
    if provider is None:
        return Unresolved(f"provider {key}", "no provider configuration: the region is set outside")
    if provider.region is None:
        return Unresolved(f"provider {key}", "the provider sets no region")
    return provider.region


def resource_instances(
    instance: ModuleInstance, blocks: Iterable[Block] | None = None
) -> Iterator[tuple[Block, Any, Context | None, Unresolved | None]]:
    """Each resource instance of a module (or of some of its blocks): its block, key and
    context, or why it is unresolved."""
    for block in instance.definition.resources if blocks is None else blocks:
        expanded = instance.expansion(block)
        if isinstance(expanded, Unresolved):
            yield block, None, None, expanded
            continue
        for key, context in expanded:
            yield block, key, context, None


def location_of(block: Block) -> Location:
    """Where a block is written."""
    return Location(file=block.file.shown, line=block.start_line, end_line=block.end_line)


def environment_variables() -> dict[str, str]:
    """`TF_VAR_name` values from the environment, which Terraform reads too."""
    return {
        key[len("TF_VAR_") :]: value
        for key, value in os.environ.items()
        if key.startswith("TF_VAR_")
    }
