"""The Terraform source: a tree of `.tf` files (or a plan) as a snapshot of resources."""

from __future__ import annotations

import base64
import functools
import json
import os
import re
import traceback
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from adapters.base import Adapter, AdapterError
from adapters.terraform.expressions import Context, _index_text
from adapters.terraform.focus import Focus, FocusedDefinitions
from adapters.terraform.hcl import Block, Expression, HclSyntaxError, SourceFile
from adapters.terraform.json_syntax import JsonExpr, JsonObject, parse_json
from adapters.terraform.module import (
    CONFIGURATION_SUFFIXES,
    EVALUATOR,
    SOURCE,
    ModuleDefinition,
    ModuleInstance,
    block_values,
    configuration_files,
    environment_variables,
    load_definition,
    location_of,
    parse_source,
    provider_of,
    read_source,
    region_of,
    resource_instances,
    resource_tags,
    shown_path,
    suppressions,
)
from adapters.terraform.outline import OutlineCache
from adapters.terraform.plan import read_plan
from adapters.terraform.roots import (
    BatchResult,
    RootResult,
    evaluate_batches,
    exact_roots,
    find_roots,
    likely_roots,
    local_calls,
    module_folders,
    ordered,
    parsed_folders,
    reaching,
    source_errors,
)
from adapters.terraform.values import EvalFailure, carry_sensitivity
from checker.models import Location, Reference, Resource, Snapshot, SourceError, Unresolved
from checker.progress import advance
from checker.redaction import MASK, redact, redact_variable
from checker.workers import worker_count

if TYPE_CHECKING:
    # Imported when downloading only: the pre-commit hook's scans stay quick without it.
    from adapters.terraform.download import ModuleDownloader


class ModuleLoader:
    """Reads each module folder once and creates module instances; with a `downloader`, a
    module that `terraform init` did not download is fetched as it would have been."""

    def __init__(
        self,
        downloader: ModuleDownloader | None = None,
        load: Callable[[Path], ModuleDefinition] = load_definition,
    ) -> None:
        self._definitions: dict[Path, ModuleDefinition] = {}
        self.errors: list[SourceError] = []
        #: The folders (resolved) whose definitions were asked for since it was last cleared.
        self.touched: set[Path] = set()
        self.downloader = downloader
        self._load = load

    def definition(self, directory: Path) -> ModuleDefinition:
        """The parsed blocks of a folder (parse errors are collected once)."""
        key = directory.resolve()
        self.touched.add(key)
        if key not in self._definitions:
            definition = self._load(directory)
            self._definitions[key] = definition
            self.errors.extend(definition.errors)
        return self._definitions[key]

    def definitions(self) -> dict[Path, ModuleDefinition]:
        """Every folder parsed so far (resolved), with its blocks."""
        return dict(self._definitions)

    def root(self, directory: Path, variables: dict[str, Any]) -> ModuleInstance:
        """The root module of a folder, with the variable values given for it."""
        namespace = shown_path(directory)
        return ModuleInstance(
            self.definition(directory),
            prefix="",
            namespace=namespace,
            root_directory=directory,
            inputs=variables,
            providers={},
            call_path=(),
            loader=self,
            is_root=True,
        )

    def source_directory(self, parent: ModuleInstance, call: Block) -> Path | str:
        """The folder a module call's source points at, or why it cannot be followed."""
        source_expr = call.attributes.get("source")
        source = EVALUATOR.evaluate(source_expr, parent.context) if source_expr else None
        if not isinstance(source, str):
            return "the module has no static source"
        if source.startswith(("./", "../")):
            directory = parent.definition.directory / source
            return directory if directory.is_dir() else f"module folder {source} does not exist"
        installed = _installed_module(parent.root_directory, (*parent.call_path, call.labels[0]))
        if installed is not None:
            return installed
        if self.downloader is not None:
            return _downloaded(self.downloader, parent, call, source)
        return (
            f"module source {source!r} is not a local path and was not downloaded: run "
            "`terraform init` first, give --download-modules, or scan a plan with --plan; its "
            "resources were not evaluated"
        )

    def instantiate_child(
        self, parent: ModuleInstance, name: str, key: Any
    ) -> ModuleInstance | Unresolved:
        """A module call's instance, evaluated with the arguments the parent gives it."""
        call = parent.definition.modules[name]
        directory = self.source_directory(parent, call)
        if isinstance(directory, str):
            return Unresolved(f"module.{name}", directory)
        return ModuleInstance(
            self.definition(directory),
            prefix=f"{parent.prefix}module.{name}{_index_text(key)}.",
            namespace=parent.namespace,
            root_directory=parent.root_directory,
            inputs=parent.call_inputs(call, key),
            providers=parent.child_providers(call),
            call_path=(*parent.call_path, name),
            loader=self,
            is_root=False,
            trail=parent.trail,
        )


def _downloaded(
    downloader: ModuleDownloader, parent: ModuleInstance, call: Block, source: str
) -> Path | str:
    """The folder of a module fetched as `terraform init` would, or why it cannot be."""
    from adapters.terraform.download import ModuleDownloadError

    written = call.attributes.get("version")
    version = EVALUATOR.evaluate(written, parent.context) if written is not None else None
    if version is not None and not isinstance(version, str):
        return f"module source {source!r}: its version constraint is not a static string"
    try:
        return downloader.fetch(source, version, base=parent.definition.directory)
    except ModuleDownloadError as exc:
        return f"{exc}; its resources were not evaluated"


def _installed_module(root: Path, call_path: tuple[str, ...]) -> Path | str | None:
    """A registry or git module that `terraform init` downloaded, from its modules.json: its
    folder, None if it was not downloaded, or why modules.json cannot be used."""
    manifest = root / ".terraform" / "modules" / "modules.json"
    if not manifest.is_file():
        return None
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        return f"{manifest} cannot be read ({exc}): run `terraform init` again"
    entries = data.get("Modules", []) if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        return f"{manifest} is not what `terraform init` writes: run `terraform init` again"
    wanted = ".".join(call_path)
    for entry in entries:
        if entry.get("Key") != wanted:
            continue
        folder = entry.get("Dir")
        if not isinstance(folder, str) or not folder:
            return f"{manifest}: module {wanted} has no folder: run `terraform init` again"
        directory = root / folder
        return directory if directory.is_dir() else None
    return None


class VariableValues:
    """A root module's variable values from the environment, tfvars files and --var-file."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.errors: list[SourceError] = []

    def read(self, path: Path, *, required: bool) -> None:
        """Read one variable file; later files override earlier ones, as in Terraform."""
        if not path.is_file():
            if required:
                raise AdapterError(f"--var-file {path}: no such file")
            return
        file, error = read_source(path)
        top = None
        if file is not None:
            top, error = _variable_file(file)
        if top is None:
            self._poison(path, error)
            return
        empty = ModuleInstance(
            ModuleDefinition(path.parent),
            prefix="",
            namespace="",
            root_directory=path.parent,
            inputs={},
            providers={},
            call_path=(),
            loader=None,
            is_root=True,
        )
        for name, expr in top.items():
            self.values[name] = EVALUATOR.evaluate(expr, Context(empty))

    def _poison(self, path: Path, error: SourceError | None) -> None:
        # Every value this file might have set is now unknown: a default must not stand in for it.
        if error is not None:
            self.errors.append(error)
        self.values = _PoisonedValues(self.values, shown_path(path))


def _variable_file(file: SourceFile) -> tuple[dict[str, Expression] | None, SourceError | None]:
    """The assignments of a `.tfvars` file, or of a `.tfvars.json` file (whose strings are
    values as written, not templates), or the error naming the line that is wrong."""
    if not file.path.name.endswith(".json"):
        top, error = parse_source(file)
        return (top.attributes if top is not None else None), error
    try:
        document = parse_json(file.text)
    except HclSyntaxError as exc:
        problem = f"invalid variable file: {exc}"
        return None, SourceError(SOURCE, problem, Location(file=file.shown, line=exc.line))
    if not isinstance(document, JsonObject):
        problem = "invalid variable file: it must hold a JSON object of variable values"
        return None, SourceError(SOURCE, problem, Location(file=file.shown, line=document.line))
    values: dict[str, Expression] = {}
    for member in document.members:
        if member.name in values:
            problem = f"invalid variable file: {member.name!r} is given twice"
            return None, SourceError(SOURCE, problem, Location(file=file.shown, line=member.line))
        values[member.name] = JsonExpr(member.value, file, member.line, literal=True)
    return values, None


class _PoisonedValues(dict[str, Any]):
    """Variable values after a variable file failed: unset names are unresolved, not defaulted."""

    def __init__(self, values: dict[str, Any], failed_file: str) -> None:
        super().__init__(values)
        self.failed_file = failed_file

    def __contains__(self, name: object) -> bool:
        return True

    def __getitem__(self, name: str) -> Any:
        if dict.__contains__(self, name):
            return dict.__getitem__(self, name)
        return Unresolved(f"var.{name}", f"{self.failed_file} could not be read")


def root_variables(root: Path, var_files: Sequence[Path]) -> VariableValues:
    """Variable values for a root module, in Terraform's order of precedence."""
    values = VariableValues()
    values.values.update(environment_variables())
    values.read(root / "terraform.tfvars", required=False)
    values.read(root / "terraform.tfvars.json", required=False)
    for path in sorted(root.glob("*.auto.tfvars")) + sorted(root.glob("*.auto.tfvars.json")):
        values.read(path, required=False)
    for path in var_files:
        values.read(path, required=True)
    return values


def internal_error(exc: Exception) -> str:
    """An exception of assaymark's own as a message: a bug to report, never a verdict."""
    if os.environ.get("ASSAYMARK_DEBUG"):
        traceback.print_exception(exc)
    return (
        f"internal error ({type(exc).__name__}: {exc}); set ASSAYMARK_DEBUG=1 for the "
        "traceback and report it"
    )


class ResourceCollector:
    """Turns module instances into resources, walking into module calls."""

    def __init__(self, *, add_referenced: bool = False) -> None:
        self.resources: list[Resource] = []
        self.errors: list[SourceError] = []
        self.add_referenced = add_referenced
        self._instances: dict[str, ModuleInstance] = {}

    def collect_root(self, root: Path, instance: ModuleInstance) -> None:
        """Add a root module's resources; an internal error is that root's error alone, and
        none of its resources are reported, as a half-evaluated root could pass wrongly."""
        kept_resources, kept_errors = len(self.resources), len(self.errors)
        try:
            self.collect(instance)
            if self.add_referenced:
                self._referenced(kept_resources)
        except Exception as exc:  # one root's bug must not lose the others
            del self.resources[kept_resources:]
            del self.errors[kept_errors:]
            self.errors.append(
                SourceError(
                    SOURCE,
                    f"root module {shown_path(root)}: {internal_error(exc)}; its resources "
                    "were not evaluated",
                    Location(file=shown_path(root)),
                )
            )

    def _referenced(self, first: int) -> None:
        """Add the resources that those collected (from `first` on) refer to and that were not
        collected, until none is missing: a focused scan evaluates only some resources, and
        checks follow references to others, in this module or another."""
        present = {resource.address for resource in self.resources[first:]}
        pending = [ref for resource in self.resources[first:] for ref in _references(resource)]
        while pending:
            target = pending.pop()
            if target in present:
                continue
            present.add(target)
            found = self._declaration(target)
            if found is None:
                continue
            instance, block = found
            start = len(self.resources)
            for each, key, context, unresolved in resource_instances(instance, [block]):
                self._resource(instance, each, key, context, unresolved)
            for resource in self.resources[start:]:
                present.add(resource.address)
                pending.extend(_references(resource))

    def _declaration(self, address: str) -> tuple[ModuleInstance, Block] | None:
        """The module instance and block that declare a resource address."""
        for prefix in sorted(self._instances, key=len, reverse=True):
            match = _RESOURCE_ADDRESS.match(address[len(prefix) :])
            if address.startswith(prefix) and match is not None:
                instance = self._instances[prefix]
                block = instance.definition.resource_blocks.get((match[1], match[2]))
                return None if block is None else (instance, block)
        return None

    def collect(self, instance: ModuleInstance) -> None:
        """Add the resources of a module instance and of every module it calls."""
        self._instances[instance.prefix] = instance
        self._providers(instance)
        self._variables(instance)
        for block, key, context, unresolved in resource_instances(instance):
            self._resource(instance, block, key, context, unresolved)
        for name, call in instance.definition.modules.items():
            expanded = instance.expansion(call)
            if isinstance(expanded, Unresolved):
                self.errors.append(
                    SourceError(
                        SOURCE, f"module.{name}: cannot expand: {expanded}", location_of(call)
                    )
                )
                continue
            for key, _context in expanded:
                child = instance.child(name, key)
                if isinstance(child, Unresolved):
                    self.errors.append(
                        SourceError(
                            SOURCE,
                            f"{instance.prefix}module.{name}: {child.reason}",
                            location_of(call),
                        )
                    )
                    continue
                self.collect(child)

    def _providers(self, instance: ModuleInstance) -> None:
        for block in instance.definition.providers:
            values = redact(block_values(block, instance.context))
            name = f"provider.{block.labels[0]}"
            if isinstance(values.get("alias"), str):
                name += f".{values['alias']}"
            self.resources.append(
                Resource(
                    source=SOURCE,
                    type=f"provider.{block.labels[0]}",
                    address=f"{instance.prefix}{name}",
                    attributes=values,
                    location=location_of(block),
                    namespace=instance.namespace,
                    region=values.get("region"),
                )
            )

    def _variables(self, instance: ModuleInstance) -> None:
        for name, block in instance.definition.variables.items():
            values: dict[str, Any] = {"name": name}
            for argument in ("default", "sensitive", "description"):
                if argument in block.attributes:
                    values[argument] = EVALUATOR.evaluate(
                        block.attributes[argument], instance.context
                    )
            if "default" in values:
                # As Terraform holds it: `default = "true"` of a bool variable is true.
                default = instance.typed(name, block, values["default"])
                values["default"] = redact_variable(name, default, values.get("sensitive"))
            self.resources.append(
                Resource(
                    source=SOURCE,
                    type="variable",
                    address=f"{instance.prefix}var.{name}",
                    attributes=values,
                    location=location_of(block),
                    namespace=instance.namespace,
                )
            )

    def _resource(
        self,
        instance: ModuleInstance,
        block: Block,
        key: Any,
        context: Context | None,
        unresolved: Unresolved | None,
    ) -> None:
        resource_type, name = block.labels
        address = f"{instance.prefix}{resource_type}.{name}{_index_text(key)}"
        found, errors = suppressions(block)
        self.errors.extend(errors)
        provider_key, provider = provider_of(block, instance)
        values: dict[str, Any] = {}
        if context is not None:
            try:
                values = redact(decoded_user_data(resource_type, block_values(block, context)))
            except Exception as exc:  # one resource's bug must not lose the rest
                message = internal_error(exc)
                unresolved, context = EvalFailure(address, message), None
                self.errors.append(SourceError(SOURCE, f"{address}: {message}", location_of(block)))
        self.resources.append(
            Resource(
                source=SOURCE,
                type=resource_type,
                address=address,
                attributes=values,
                location=location_of(block),
                namespace=instance.namespace,
                tags=resource_tags(values, provider) if context is not None else {},
                region=region_of(values, provider_key, provider),
                suppressions=tuple(found),
                unresolved=unresolved,
            )
        )


_RESOURCE_ADDRESS = re.compile(r"^([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)(\[.*\])?$")


def _references(resource: Resource) -> list[str]:
    """The addresses a resource's values refer to in its own namespace."""
    found: list[str] = []
    pending: list[Any] = [resource.attributes]
    while pending:
        value = pending.pop()
        if isinstance(value, Reference):
            if value.namespace == resource.namespace:
                found.append(value.target)
        elif isinstance(value, Mapping):
            pending.extend(value.values())
        elif isinstance(value, (list, tuple)):
            pending.extend(value)
    return found


# Arguments that carry a script as base64: checks read the script itself, decoded before the
# values are redacted, so that a password inside is neither missed nor kept.
_BASE64_USER_DATA = {
    "aws_launch_template": "user_data",
    "aws_instance": "user_data_base64",
    "aws_launch_configuration": "user_data_base64",
}


def decoded_user_data(resource_type: str, values: dict[str, Any]) -> dict[str, Any]:
    """Values with base64 user data decoded into `user_data` where it decodes to text."""
    key = _BASE64_USER_DATA.get(resource_type, "")
    encoded = values.get(key) if key else None
    if not isinstance(encoded, str):
        return values
    try:
        text = base64.b64decode(encoded, validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return values
    # A secret encoded inside stays marked in the script, where checks read it; the encoded
    # form, which redaction cannot see into, is kept only as a mask.
    return {
        **values,
        **({key: MASK} if key != "user_data" else {}),
        "user_data": carry_sensitivity([encoded], text, verbatim=True),
    }


def evaluate_roots(
    roots: Sequence[Path],
    var_files: Sequence[Path] = (),
    downloader: ModuleDownloader | None = None,
    loader: ModuleLoader | None = None,
    *,
    add_referenced: bool = False,
) -> BatchResult:
    """Evaluate root modules in this process: each root's resources and errors, and every
    folder parsed on the way (with the folders it calls)."""
    loader = loader or ModuleLoader(downloader)
    kept_errors = len(loader.errors)
    results = []
    for root in roots:
        loader.touched.clear()
        collector = ResourceCollector(add_referenced=add_referenced)
        variables = root_variables(root, var_files)
        collector.errors.extend(variables.errors)
        collector.collect_root(root, loader.root(root, variables.values))
        advance("root modules evaluated")
        folders = frozenset(loader.touched)
        results.append(
            RootResult(root, tuple(collector.resources), tuple(collector.errors), folders)
        )
    parsed = {
        folder: (definition.file_count, local_calls(folder, definition))
        for folder, definition in loader.definitions().items()
    }
    return BatchResult(tuple(results), tuple(loader.errors[kept_errors:]), parsed)


class TerraformAdapter(Adapter):
    """Terraform configuration from `.tf` and `.tf.json` files, or a plan (`terraform show`)."""

    source: ClassVar[str] = SOURCE
    permissions: ClassVar[tuple[str, ...]] = ("read access to the Terraform files",)

    def __init__(
        self,
        paths: Sequence[Path],
        var_files: Sequence[Path] = (),
        plan: Path | None = None,
        downloader: ModuleDownloader | None = None,
        focus: Focus | None = None,
        outline_cache: Path | None = None,
    ) -> None:
        self.paths = list(paths)
        self.var_files = list(var_files)
        self.plan = plan
        self.downloader = downloader
        self.focus = focus
        self.outline_cache = outline_cache

    def collect(self) -> Snapshot:
        """Parse, evaluate and expand every root module under the paths (or read the plan)."""
        for path in [*self.paths, *self.var_files]:
            if not path.exists():
                raise AdapterError(f"{path}: no such file or folder")
        if self.downloader is not None:
            self._check_cache_outside(self.downloader.cache)
        if self.plan is not None:
            loader = ModuleLoader(self.downloader)
            roots = find_roots(self.paths, loader) if self.paths else []
            return read_plan(self.plan, roots, loader)
        folders = module_folders(self.paths)
        if not folders:
            raise AdapterError(
                f"no Terraform files (*.tf, *.tf.json) under "
                f"{', '.join(str(p) for p in self.paths)}"
            )
        if self.focus is not None:
            return self._focused(folders, self.focus)
        return self._evaluate(folders)

    def _focused(self, folders: list[Path], focus: Focus) -> Snapshot:
        """Evaluate, in the root modules the changed files affect, the resources they declare
        (see focus.py); a root whose variable files changed, or that lost a file, is evaluated
        whole, as everything in it may have changed."""
        texts: dict[str, str] = {}
        graph, guessed = likely_roots(folders, texts)
        known = {folder.resolve(): folder for folder in folders}
        whole: set[Path] = set()
        focused: set[Path] = set()
        changed_folders: set[Path] = set()
        for path in sorted(focus.files):
            folder = known.get(path.parent)
            if path.name.endswith((".tfvars", ".tfvars.json")):
                # Terraform reads these from the root's own folder; any other variable file
                # is given with -var-file, to any root.
                read_by_folder = path.name.startswith("terraform.") or ".auto." in path.name
                whole.update([folder] if folder is not None and read_by_folder else guessed)
            elif folder is not None and path.name.endswith(CONFIGURATION_SUFFIXES):
                changed_folders.add(path.parent)
                affected = reaching(graph, guessed, folder) or [folder]
                (focused if path.is_file() else whole).update(affected)
        full = [folder for folder in folders if folder in whole]
        batches = self._in_workers(full)
        outlines = OutlineCache(self.outline_cache)
        definitions = FocusedDefinitions(focus, outlines, texts)
        loader = ModuleLoader(self.downloader, load=definitions.load)

        def evaluate_focused(roots: list[Path]) -> list[RootResult]:
            batch = evaluate_roots(
                roots, tuple(self.var_files), self.downloader, loader, add_referenced=True
            )
            batches.append(batch)
            return list(batch.roots)

        tried = [folder for folder in folders if folder in focused - whole]
        results = [*ordered(batches, full), *evaluate_focused(tried)]
        # The text took a folder for called that its callers do not call (a commented-out
        # call): it is a root of its own.
        reached = set().union(*(result.folders for result in results))
        missed = [known[f] for f in sorted(changed_folders - reached) if known[f] not in tried]
        results += evaluate_focused(missed)
        kept = [r for r in results if r.root in whole or r.folders & changed_folders]
        judged = {
            path
            for result in kept
            if result.root in whole
            for folder in result.folders
            for path in configuration_files(folder)
        } | set(focus.files)
        errors = source_errors(batches, kept, ())
        roots = sorted((result.root for result in kept), key=folders.index)
        metadata = {
            "roots": [shown_path(root) for root in roots],
            "files": sum(files for files, _ in parsed_folders(batches).values()),
            "focus": {
                "changed": [shown_path(path) for path in sorted(focus.files)],
                "judged_files": sorted(shown_path(path) for path in judged),
                "whole_roots": [shown_path(root) for root in full],
                "files_parsed": outlines.parsed,
                "outlines_reused": outlines.reused,
            },
        }
        by_root = {result.root: result for result in kept}
        resources = tuple(resource for root in roots for resource in by_root[root].resources)
        return Snapshot(SOURCE, resources, tuple(errors), metadata)

    def _evaluate(self, folders: list[Path]) -> Snapshot:
        """Evaluate the root modules among `folders`: first those the text suggests, on every
        core, then whatever the parsed call graph says was missed (see roots.py)."""
        _, guessed = likely_roots(folders)
        batches = self._in_workers(guessed)
        parsed = parsed_folders(batches)
        loader = ModuleLoader(self.downloader)

        def parse(folder: Path) -> tuple[int, frozenset[Path]]:
            definition = loader.definition(folder)
            return definition.file_count, local_calls(folder, definition)

        roots = exact_roots(folders, parsed, parse)
        missed = [root for root in roots if root not in guessed]
        if missed:
            batches.append(evaluate_roots(missed, tuple(self.var_files), self.downloader, loader))
        results = ordered(batches, roots)
        errors = source_errors(batches, results, loader.errors)
        metadata = {
            "roots": [shown_path(root) for root in roots],
            "files": sum(files for files, _ in parsed.values()),
        }
        resources = tuple(resource for result in results for resource in result.resources)
        return Snapshot(SOURCE, resources, tuple(errors), metadata)

    def _in_workers(self, roots: Sequence[Path]) -> list[BatchResult]:
        """Evaluate whole root modules on every core (in one process when modules are
        downloaded: downloads write the shared module cache)."""
        evaluate = functools.partial(
            evaluate_roots, var_files=tuple(self.var_files), downloader=self.downloader
        )
        workers = 1 if self.downloader is not None else worker_count()
        return evaluate_batches(roots, evaluate, workers)

    def _check_cache_outside(self, cache: Path) -> None:
        """Downloaded modules are not the scanned code: a cache inside it would be read as
        root modules of its own."""
        for path in self.paths:
            if cache.resolve().is_relative_to(path.resolve()):
                raise AdapterError(
                    f"the module cache {cache} is inside the scanned folder {path}: set "
                    "ASSAYMARK_MODULE_CACHE to a folder outside it"
                )
