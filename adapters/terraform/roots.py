"""Which folders are root modules, and evaluating many roots on every core.

A root module is a folder of configuration files that no other folder calls as a local module
(`source = "./..."` or `"../..."`). Knowing that exactly takes parsing every folder, which is
most of a scan's work; so the folders are first read as text for the local sources they may
call, the likely roots are evaluated in worker processes (each parses what it evaluates), and
the call graph that parsing gave is then used to correct the guess in either direction: a
folder the text scan took for called that nothing calls is evaluated too, and one it missed is
dropped. The result is what parsing everything first would give.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from adapters.terraform.module import CONFIGURATION_FILES, ModuleDefinition
from checker.models import Resource, SourceError
from checker.progress import advance
from checker.workers import can_fork, forked_map

if TYPE_CHECKING:
    from adapters.terraform.adapter import ModuleLoader

_IGNORED_FOLDERS = frozenset({".terraform", ".git", "node_modules"})
# Generous on purpose: whatever it wrongly takes for a call is corrected after parsing.
_LOCAL_SOURCE = re.compile(r"""["']?\bsource["']?\s*[=:]\s*"(\.\.?/[^"]*)\"""")


def module_folders(paths: Sequence[Path]) -> list[Path]:
    """Every folder under `paths` holding configuration files (a file given: its folder)."""
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


def local_calls(folder: Path, definition: ModuleDefinition) -> frozenset[Path]:
    """The folders a parsed module calls by a local source, resolved."""
    called = set()
    for call in definition.modules.values():
        source = call.attributes.get("source")
        text = source.text.strip('"') if source is not None else ""
        if text.startswith(("./", "../")):
            called.add((folder / text).resolve())
    return frozenset(called)


def find_roots(paths: Sequence[Path], loader: ModuleLoader) -> list[Path]:
    """The root modules under `paths`, parsing every folder to know which ones are called."""
    folders = module_folders(paths)
    called: set[Path] = set()
    for folder in folders:
        called |= local_calls(folder, loader.definition(folder))
    return [folder for folder in folders if folder.resolve() not in called]


def file_key(path: Path) -> str:
    """A file's absolute path as a key, the same for each way of naming it from here."""
    # Not resolved: thousands of files would each cost a lookup of every link on their path.
    return os.path.abspath(path)  # noqa: PTH100


def likely_calls(
    folders: Iterable[Path], texts: dict[str, str] | None = None
) -> dict[Path, set[Path]]:
    """For each folder (resolved), the folders its text seems to call, read without parsing;
    `texts` is given each file's text, by its absolute path, for what reads them next."""
    graph: dict[Path, set[Path]] = {}
    for folder in folders:
        called = graph.setdefault(folder.resolve(), set())
        for pattern in CONFIGURATION_FILES:
            for path in folder.glob(pattern):
                try:
                    text = path.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue  # reported when the folder is parsed
                if texts is not None:
                    texts[file_key(path)] = text
                if "source" not in text:
                    continue  # most files call no module: not worth a regular expression
                if path.name.endswith(".json"):
                    sources = _json_sources(text)
                else:
                    sources = _LOCAL_SOURCE.findall(text)
                called.update((folder / source).resolve() for source in sources)
    return graph


def likely_roots(
    folders: Sequence[Path], texts: dict[str, str] | None = None
) -> tuple[dict[Path, set[Path]], list[Path]]:
    """The call graph the text of `folders` suggests (see `likely_calls`), and the folders
    nothing in it calls: the likely root modules."""
    graph = likely_calls(folders, texts)
    called = set().union(*graph.values())
    return graph, [folder for folder in folders if folder.resolve() not in called]


def reaching(graph: Mapping[Path, set[Path]], roots: Iterable[Path], folder: Path) -> list[Path]:
    """The roots whose calls, followed through `graph`, reach `folder` (or are it)."""
    target = folder.resolve()
    found = []
    for root in roots:
        seen: set[Path] = set()
        pending = [root.resolve()]
        while pending:
            current = pending.pop()
            if current == target:
                found.append(root)
                break
            if current not in seen:
                seen.add(current)
                pending += graph.get(current, set())
    return found


def _json_sources(text: str) -> list[str]:
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return []
    modules = document.get("module") if isinstance(document, dict) else None
    blocks = modules if isinstance(modules, list) else [modules]
    sources = []
    for block in blocks:
        for call in block.values() if isinstance(block, dict) else ():
            for body in call if isinstance(call, list) else [call]:
                source = body.get("source") if isinstance(body, dict) else None
                if isinstance(source, str) and source.startswith(("./", "../")):
                    sources.append(source)
    return sources


@dataclass(frozen=True)
class RootResult:
    """What evaluating one root module gave."""

    root: Path
    resources: tuple[Resource, ...]
    errors: tuple[SourceError, ...]
    #: The module folders (resolved) it reads.
    folders: frozenset[Path] = frozenset()


@dataclass(frozen=True)
class BatchResult:
    """What one worker gave: each root's result, and every folder it parsed."""

    roots: tuple[RootResult, ...]
    parse_errors: tuple[SourceError, ...]
    #: For each folder parsed: its file count and the folders it calls.
    parsed: dict[Path, tuple[int, frozenset[Path]]] = field(default_factory=dict)


#: Evaluates a batch of roots in one process.
BatchEvaluator = Callable[[Sequence[Path]], BatchResult]


def evaluate_batches(
    roots: Sequence[Path], evaluate: BatchEvaluator, workers: int
) -> list[BatchResult]:
    """Evaluate roots in `workers` processes (in this one when there is one worker or one
    root, or when processes cannot be forked), in batches that keep the roots' order."""
    if workers <= 1 or len(roots) <= 1 or not can_fork():
        return [evaluate(roots)]
    # A few batches per worker even out uneven roots; each batch parses a shared module once.
    count = min(len(roots), workers * 4)
    batches = [list(roots[start::count]) for start in range(count)]
    results = []
    # A worker's counts stay in the worker: they are told here, batch by batch.
    for result in forked_map(evaluate, batches, workers):
        advance("root modules evaluated", len(result.roots))
        advance("files parsed", sum(files for files, _ in result.parsed.values()))
        results.append(result)
    return results


def unique_errors(errors: Iterable[SourceError]) -> list[SourceError]:
    """Errors in order, each once (a shared module's parse error is found by every worker)."""
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for error in errors:
        key = (error.source, error.message, json.dumps(error.location.to_dict(), sort_keys=True))
        if key not in seen:
            seen.add(key)
            kept.append(error)
    return kept


def source_errors(
    batches: Iterable[BatchResult], results: Iterable[RootResult], unparsed: Iterable[SourceError]
) -> list[SourceError]:
    """The errors of a scan, each once: files that do not parse first, in the order of their
    paths whichever worker found them, then each root's own."""
    parse_errors = sorted(
        [*(error for batch in batches for error in batch.parse_errors), *unparsed],
        key=lambda error: (error.location.file or "", error.location.line or 0),
    )
    return unique_errors([*parse_errors, *(error for result in results for error in result.errors)])


def ordered(results: Iterable[BatchResult], roots: Sequence[Path]) -> list[RootResult]:
    """Each root's result, in the order of `roots`."""
    by_root = {result.root: result for batch in results for result in batch.roots}
    return [by_root[root] for root in roots if root in by_root]


def parsed_folders(results: Iterable[BatchResult]) -> dict[Path, tuple[int, frozenset[Path]]]:
    """Every folder any worker parsed, with its file count and the folders it calls."""
    merged: dict[Path, tuple[int, frozenset[Path]]] = {}
    for batch in results:
        merged.update(batch.parsed)
    return merged


def exact_roots(
    folders: Sequence[Path],
    parsed: dict[Path, tuple[int, frozenset[Path]]],
    parse: Callable[[Path], tuple[int, frozenset[Path]]],
) -> list[Path]:
    """The root modules among `folders`, from the calls of every folder (those no worker
    parsed are parsed with `parse`)."""
    called: set[Path] = set()
    for folder in folders:
        key = folder.resolve()
        if key not in parsed:
            parsed[key] = parse(folder)
        called |= parsed[key][1]
    return [folder for folder in folders if folder.resolve() not in called]
