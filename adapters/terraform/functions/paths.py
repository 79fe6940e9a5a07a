"""Path functions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from adapters.terraform.expressions import Context, Evaluator, ModuleScope
from adapters.terraform.functions.registry import as_string, register, simple
from checker.models import Unresolved


def clean(path: str) -> str:
    """A path as Go's filepath.Clean writes it: `.` and `..` resolved in the text, one slash."""
    rooted = path.startswith("/")
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            elif not rooted:
                parts.append(part)
            continue
        parts.append(part)
    cleaned = "/".join(parts)
    return ("/" + cleaned) if rooted else (cleaned or ".")


def _basename(path: str) -> str:
    stripped = path.rstrip("/")
    if path and not stripped:
        return "/"
    return stripped.rsplit("/", 1)[-1] if stripped else "."


def _dirname(path: str) -> str:
    head = path[: path.rfind("/") + 1]
    return clean(head) if head else "."


def home(path: str) -> Unresolved | None:
    """Why a path under `~` is not known: the home folder is that of whoever runs Terraform."""
    if path == "~" or path.startswith("~/"):
        return Unresolved("", "the home folder of whoever runs Terraform is not known before apply")
    if path.startswith("~"):
        raise ValueError("failed to expand ~: cannot expand user-specific home dir")
    return None


def written_path(module: ModuleScope, written: str) -> Path:
    """The absolute path a function's path argument names, without following links.

    A relative path is relative to the root module's folder, where Terraform runs; a path
    built from `path.module` or `path.root` (which assaymark writes relative to its own working
    folder) names the folder it was built from.
    """
    path = Path(written)
    if path.is_absolute():
        return path
    for folder in (module.directory, module.root_directory):
        shown = folder.as_posix()
        if written == shown or written.startswith(shown.rstrip("/") + "/"):
            return (folder / written[len(shown) :].lstrip("/")).absolute()
    return (module.root_directory / written).absolute()


@register("abspath", arity=(1, 1))
def _abspath(_evaluator: Evaluator, context: Context, args: list[Any]) -> Any:
    # The folder Terraform runs in is taken to be the scanned root module's.
    return clean(written_path(context.module, as_string(args[0])).as_posix())


@register("pathexpand", arity=(1, 1))
def _pathexpand(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    path = as_string(args[0])
    return home(path) or path


simple("basename", lambda path: _basename(as_string(path)))
simple("dirname", lambda path: _dirname(as_string(path)))
