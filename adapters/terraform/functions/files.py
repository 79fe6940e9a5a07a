"""Files: read only inside the module's folders, so no report carries others' files; and
templates, which read files and which refuse file functions inside templatestring."""

from __future__ import annotations

import base64
import os
import re
import stat
from pathlib import Path
from typing import Any

from adapters.terraform.expressions import Context, Evaluator, ModuleScope
from adapters.terraform.functions.crypto import HASHES, hash_digest
from adapters.terraform.functions.paths import clean, home, written_path
from adapters.terraform.functions.registry import as_map, as_string, quoted, register
from adapters.terraform.hcl import SourceFile
from adapters.terraform.limits import MAX_ELEMENTS, MAX_STRING, LimitExceeded
from adapters.terraform.values import is_unknown
from checker.linear_regex import LinearPattern
from checker.models import Unresolved

# A file hashed by filesha256() and its kin may be larger than a string assaymark builds (a
# Lambda package), but not without bound.
MAX_HASHED_BYTES = 512 * 1024 * 1024


def _folders(module: ModuleScope) -> list[Path]:
    """The folders whose files a module may read: its own and the root module's (a module
    called as `../..` from an example lies outside that example, but it is the code scanned)."""
    own, root = module.directory.resolve(), module.root_directory.resolve()
    return [root] if own == root else [root, own]


def _inside(path: Path, folders: list[Path]) -> bool:
    return any(path.is_relative_to(folder) for folder in folders)


def _module_file(context: Context, name: Any) -> Path | Unresolved:
    """The real path of a file named in a function call, or why it is not known; a path
    outside the module's folders is refused. Links are followed to where they lead, which
    must lie inside those folders too."""
    written = as_string(name)
    unknown = home(written)
    if unknown is not None:
        return unknown
    resolved = _real(written_path(context.module, written), written)
    if not _inside(resolved, _folders(context.module)):
        raise ValueError(f"{written} is outside the scanned module")
    return resolved


def _real(path: Path, written: str) -> Path:
    """Where a path leads once its links are followed."""
    try:
        return path.resolve()
    except (OSError, RuntimeError) as exc:  # a name too long, a loop of links
        raise ValueError(
            f"cannot read {written}: {getattr(exc, 'strerror', None) or exc}"
        ) from None


def _is_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _status(path: Path, written: str) -> os.stat_result | None:
    """A path's status: None if nothing is there, an error if it is not a regular file."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ValueError(f"cannot read {written}: {exc.strerror}") from None
    if stat.S_ISDIR(status.st_mode):
        raise ValueError(f"{written} is a directory, not a file")
    if not stat.S_ISREG(status.st_mode):
        raise ValueError(f"{written} is not a regular file")
    return status


def _read_bytes(context: Context, name: Any, limit: int) -> bytes | Unresolved:
    """The contents of a file inside the module's folders, of at most `limit` bytes."""
    path = _module_file(context, name)
    return path if isinstance(path, Unresolved) else _read_path(path, as_string(name), limit)


def _read_path(path: Path, written: str, limit: int) -> bytes:
    status = _status(path, written)
    if status is None:
        raise ValueError(
            f"no file exists at {written}; this function works only with files that are "
            "distributed as part of the configuration source code"
        )
    if status.st_size > limit:
        raise LimitExceeded(
            f"{written} has {status.st_size:,} bytes: more than the {limit:,} assaymark reads"
        )
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise ValueError(f"cannot read {written}: {exc.strerror}") from None
    if len(data) > limit:
        raise LimitExceeded(f"{written} is larger than the {limit:,} bytes assaymark reads")
    return data


def _text(data: bytes, written: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(
            f"contents of {written} are not valid UTF-8; use the filebase64 function to "
            "obtain the Base64 encoded contents"
        ) from None


def _no_files_in_templatestring(context: Context, name: str) -> None:
    if isinstance(context.module, _TemplateScope) and context.module.kind == "templatestring":
        raise _TemplateRefused(
            f"cannot use filesystem access functions like {name} in templatestring templates"
        )


@register("file", arity=(1, 1))
def _file(_evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
    _no_files_in_templatestring(context, "file")
    data = _read_bytes(context, args[0], MAX_STRING * 4)
    return data if isinstance(data, Unresolved) else _text(data, as_string(args[0]))


@register("filebase64", arity=(1, 1))
def _filebase64(_evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
    _no_files_in_templatestring(context, "filebase64")
    data = _read_bytes(context, args[0], MAX_STRING * 3 // 4)
    return data if isinstance(data, Unresolved) else base64.b64encode(data).decode("ascii")


@register("fileexists", arity=(1, 1))
def _fileexists(_evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
    _no_files_in_templatestring(context, "fileexists")
    path = _module_file(context, args[0])
    if isinstance(path, Unresolved):
        return path
    return _status(path, as_string(args[0])) is not None


def _file_hash(name: str, algorithm: str, encoding: str) -> None:
    @register(name, arity=(1, 1))
    def hashed(_evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
        _no_files_in_templatestring(context, name)
        data = _read_bytes(context, args[0], MAX_HASHED_BYTES)
        return data if isinstance(data, Unresolved) else hash_digest(algorithm, data, encoding)


for _name, (_algorithm, _encoding) in HASHES.items():
    _file_hash(f"file{_name}", _algorithm, _encoding)


_GLOB_SPECIAL = re.compile(r"[*?\[{\\]")


def _glob_component(component: str, pattern: str) -> str:
    """An RE2 pattern for one path component of a glob: `*`, `?`, `[...]`, `{a,b}`."""
    out, position, braces = [], 0, 0
    while position < len(component):
        character = component[position]
        if character == "\\" and position + 1 < len(component):
            out.append(re.escape(component[position + 1]))
            position += 1
        elif character == "*":
            out.append("[^/]*")
        elif character == "?":
            out.append("[^/]")
        elif character == "[":
            close = component.find("]", position + 2)
            if close < 0:
                raise ValueError(f"syntax error in pattern {quoted(pattern)}")
            body = component[position + 1 : close]
            negated = body[:1] in ("^", "!")
            members = "".join(c if c == "-" else re.escape(c) for c in body[negated:])
            out.append(f"[{'^' if negated else ''}{members}]")
            position = close
        elif character == "{":
            braces += 1
            out.append("(?:")
        elif character == "}" and braces:
            braces -= 1
            out.append(")")
        elif character == "," and braces:
            out.append("|")
        else:
            out.append(re.escape(character))
        position += 1
    if braces:
        raise ValueError(f"syntax error in pattern {quoted(pattern)}")
    return "".join(out)


def _glob(pattern: str) -> str:
    """An RE2 pattern for a whole fileset() glob, where `**` stands for any folders."""
    components = pattern.split("/")
    regex = ""
    for index, component in enumerate(components):
        last = index == len(components) - 1
        if component == "**":
            regex += "(?:[^/]+/)*" + ("[^/]+" if last else "")
        else:
            regex += _glob_component(component, pattern) + ("" if last else "/")
    return regex


@register("fileset", arity=(2, 2))
def _fileset(_evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
    _no_files_in_templatestring(context, "fileset")
    base = _module_file(context, args[0])
    if isinstance(base, Unresolved):
        return base
    written = as_string(args[1])
    pattern = clean(base.as_posix() + "/" + written)
    components = pattern.split("/")
    fixed = 0
    while fixed < len(components) - 1 and not _GLOB_SPECIAL.search(components[fixed]):
        fixed += 1
    start = Path("/".join(components[:fixed]) or "/")
    folders = _folders(context.module)
    if not _inside(_real(start, written), folders):
        raise ValueError(f"{written} is outside the scanned module")
    matcher = LinearPattern(r"\A" + _glob(pattern) + r"\z")
    candidates: list[Path] = []
    visited = 0
    for folder, directories, files in os.walk(start, followlinks=False):
        visited += len(directories) + len(files)
        if visited > MAX_ELEMENTS:
            raise LimitExceeded(f"fileset() would look at more than {MAX_ELEMENTS:,} files")
        candidates.extend(Path(folder, name) for name in files)
    if not candidates and _is_file(start):
        candidates.append(start)
    found = []
    for path in candidates:
        if not matcher.search(path.as_posix()):
            continue
        real = _real(path, written)
        if _is_file(real) and _inside(real, folders):
            found.append(Path(os.path.relpath(path, base)).as_posix())
    return sorted(found)


# -- templates -----------------------------------------------------------------------------

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


class _TemplateRefused(Exception):
    """What Terraform refuses inside a template. It is raised through the evaluator, which
    would otherwise keep the error as an unknown part of the text, up to the function that
    renders the template, which fails as a whole as in Terraform."""


class _TemplateScope:
    """What a template sees of its module: the variables given to it and nothing else, as in
    Terraform (a template reads no `var`, `local`, module or resource)."""

    def __init__(self, module: ModuleScope, kind: str) -> None:
        self.kind = kind
        self.namespace = module.namespace
        self.prefix = module.prefix
        self.directory = module.directory
        self.root_directory = module.root_directory

    def _refused(self, expression: str) -> Any:
        raise _TemplateRefused(
            f"{expression}: a {self.kind} template sees only the variables given to it"
        )

    def variable(self, name: str) -> Any:
        """A template has no `var`."""
        return self._refused(f"var.{name}")

    def local(self, name: str) -> Any:
        """A template has no `local`."""
        return self._refused(f"local.{name}")

    def module_output(self, name: str, key: Any, output: str) -> Any:
        """A template reads no module."""
        return self._refused(f"module.{name}")

    def data_source(self, data_type: str, name: str, key: Any) -> Any:
        """A template reads no data source."""
        return self._refused(f"data.{data_type}.{name}")

    def module_object(self, name: str) -> Any:
        """A template reads no module."""
        return self._refused(f"module.{name}")

    def resource(self, resource_type: str, name: str) -> Any:
        """A template reads no resource."""
        return self._refused(f"{resource_type}.{name}")


def _render(
    evaluator: Evaluator, context: Context, kind: str, text: str, file: SourceFile, names: Any
) -> Any:
    if isinstance(context.module, _TemplateScope):
        raise _TemplateRefused(f"cannot recursively call {kind} from inside another template")
    variables = as_map(names)
    for name in variables:
        if not _IDENTIFIER.fullmatch(name):
            raise ValueError(f"invalid template variable name {quoted(name)}")
    module = _TemplateScope(context.module, kind)
    try:
        return evaluator.template(text, file, Context(module, dict(variables)))
    except _TemplateRefused as exc:
        raise ValueError(str(exc)) from None


@register("templatefile", arity=(2, 2), unknowns="shallow")
def _templatefile(evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
    path, written = _module_file(context, args[0]), as_string(args[0])
    if isinstance(path, Unresolved):
        return path
    text = _text(_read_path(path, written, MAX_STRING * 4), written)
    file = SourceFile(path, written, text)
    return _render(evaluator, context, "templatefile", text, file, args[1])


@register("templatestring", arity=(2, 2), unknowns="shallow")
def _templatestring(evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
    text = as_string(args[0])
    file = SourceFile(Path("templatestring"), "<templatestring argument>", text)
    rendered = _render(evaluator, context, "templatestring", text, file, args[1])
    if is_unknown(rendered):
        return rendered
    if rendered is None:
        raise ValueError("the result of the template is null")
    return as_string(rendered)
