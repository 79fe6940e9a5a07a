"""The Terraform source: a tree of `.tf` files (or a plan) as a snapshot of resources."""

from __future__ import annotations

import base64
import json
import os
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from adapters.base import Adapter, AdapterError
from adapters.terraform.expressions import Context, _index_text
from adapters.terraform.hcl import Block, Expression, HclSyntaxError, SourceFile
from adapters.terraform.json_syntax import JsonExpr, JsonObject, parse_json
from adapters.terraform.module import (
    CONFIGURATION_FILES,
    EVALUATOR,
    SOURCE,
    ModuleDefinition,
    ModuleInstance,
    block_values,
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
from adapters.terraform.plan import read_plan
from adapters.terraform.values import EvalFailure, carry_sensitivity
from checker.models import Location, Resource, Snapshot, SourceError, Unresolved
from checker.redaction import MASK, redact, redact_variable

if TYPE_CHECKING:
    # Imported when downloading only: the pre-commit hook's scans stay quick without it.
    from adapters.terraform.download import ModuleDownloader

_IGNORED_FOLDERS = frozenset({".terraform", ".git", "node_modules"})


class ModuleLoader:
    """Reads each module folder once and creates module instances; with a `downloader`, a
    module that `terraform init` did not download is fetched as it would have been."""

    def __init__(self, downloader: ModuleDownloader | None = None) -> None:
        self._definitions: dict[Path, ModuleDefinition] = {}
        self.errors: list[SourceError] = []
        self.downloader = downloader

    def definition(self, directory: Path) -> ModuleDefinition:
        """The parsed blocks of a folder (parse errors are collected once)."""
        key = directory.resolve()
        if key not in self._definitions:
            definition = load_definition(directory)
            self._definitions[key] = definition
            self.errors.extend(definition.errors)
        return self._definitions[key]

    def file_count(self) -> int:
        """How many `.tf` files were read."""
        return sum(definition.file_count for definition in self._definitions.values())

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


def _module_folders(paths: Sequence[Path]) -> list[Path]:
    folders: set[Path] = set()
    for path in paths:
        if path.is_file():
            folders.add(path.parent)
            continue
        for pattern in CONFIGURATION_FILES:
            for candidate in path.rglob(pattern):
                if not _IGNORED_FOLDERS.intersection(candidate.relative_to(path).parts):
                    folders.add(candidate.parent)
    return sorted(folders)


def find_roots(paths: Sequence[Path], loader: ModuleLoader) -> list[Path]:
    """The root modules under `paths`: folders with `.tf` files that no other folder calls."""
    folders = _module_folders(paths)
    called: set[Path] = set()
    for folder in folders:
        for call in loader.definition(folder).modules.values():
            source = call.attributes.get("source")
            text = source.text.strip('"') if source is not None else ""
            if text.startswith(("./", "../")):
                called.add((folder / text).resolve())
    return [folder for folder in folders if folder.resolve() not in called]


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

    def __init__(self) -> None:
        self.resources: list[Resource] = []
        self.errors: list[SourceError] = []

    def collect_root(self, root: Path, instance: ModuleInstance) -> None:
        """Add a root module's resources; an internal error is that root's error alone, and
        none of its resources are reported, as a half-evaluated root could pass wrongly."""
        kept_resources, kept_errors = len(self.resources), len(self.errors)
        try:
            self.collect(instance)
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

    def collect(self, instance: ModuleInstance) -> None:
        """Add the resources of a module instance and of every module it calls."""
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
    ) -> None:
        self.paths = list(paths)
        self.var_files = list(var_files)
        self.plan = plan
        self.downloader = downloader

    def collect(self) -> Snapshot:
        """Parse, evaluate and expand every root module under the paths (or read the plan)."""
        for path in [*self.paths, *self.var_files]:
            if not path.exists():
                raise AdapterError(f"{path}: no such file or folder")
        if self.downloader is not None:
            self._check_cache_outside(self.downloader.cache)
        loader = ModuleLoader(self.downloader)
        roots = find_roots(self.paths, loader) if self.paths else []
        if self.plan is not None:
            return read_plan(self.plan, roots, loader)
        if not roots:
            raise AdapterError(
                f"no Terraform files (*.tf, *.tf.json) under "
                f"{', '.join(str(p) for p in self.paths)}"
            )
        collector = ResourceCollector()
        for root in roots:
            variables = root_variables(root, self.var_files)
            collector.errors.extend(variables.errors)
            collector.collect_root(root, loader.root(root, variables.values))
        errors = [*loader.errors, *collector.errors]
        metadata = {
            "roots": [shown_path(root) for root in roots],
            "files": loader.file_count(),
        }
        return Snapshot(SOURCE, tuple(collector.resources), tuple(errors), metadata)

    def _check_cache_outside(self, cache: Path) -> None:
        """Downloaded modules are not the scanned code: a cache inside it would be read as
        root modules of its own."""
        for path in self.paths:
            if cache.resolve().is_relative_to(path.resolve()):
                raise AdapterError(
                    f"the module cache {cache} is inside the scanned folder {path}: set "
                    "ASSAYMARK_MODULE_CACHE to a folder outside it"
                )
