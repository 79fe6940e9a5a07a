"""A focused scan: the resources of changed files, judged with their modules' whole context.

The pre-commit hook passes the files a commit changes. Each root module that contains one, or
calls a module that does, is evaluated; but of its resources only these are evaluated:

- the resources declared in the changed files (the ones reported),
- the resources that checks on them look for (a bucket's encryption configuration, an
  account-wide setting): every resource of a type their checks relate to, except one whose text
  points at resources of the subject's type only by references to others,
- and the resources any of those refer to, as the values they read come from them.

Everything else of the module (variables, locals, outputs, module calls, providers) is read, and
a resource or data source that an expression reads is parsed when it is read. Which blocks a
file holds comes from its outline, cached by content (outline.py), so an unchanged file is not
parsed again unless something reads one of its blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from adapters.terraform.hcl import Block, HclSyntaxError, SourceFile, parse_block_at
from adapters.terraform.module import (
    SOURCE,
    ModuleDefinition,
    add_blocks,
    configuration_files,
    parse_source,
    read_source,
    shown_path,
)
from adapters.terraform.outline import BlockOutline, LazyBlocks, OutlineCache
from adapters.terraform.roots import file_key
from checker.models import Location, SourceError

_TRAVERSAL = re.compile(r"\b([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)")
# Parsed when the module is read: what every evaluation of it may need.
_LAZY_TYPES = frozenset({"resource", "data"})


@dataclass(frozen=True)
class Focus:
    """What a focused scan judges.

    `files` are the changed configuration files (resolved); `linked_types` maps a resource
    type to the types its checks look for besides the resource (`related`, `alongside`).
    """

    files: frozenset[Path]
    linked_types: Mapping[str, frozenset[str]] = field(default_factory=dict)


@dataclass
class _Entry:
    file: SourceFile
    outline: BlockOutline
    block: Block | None = None
    changed: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.outline.labels[0], self.outline.labels[1])

    @property
    def is_resource(self) -> bool:
        return self.outline.type == "resource" and len(self.outline.labels) == 2

    def text(self) -> str:
        return self.outline.text(self.file)

    def parsed(self) -> Block:
        if self.block is None:
            self.block = parse_block_at(self.file, self.outline.start, self.outline.end)
        return self.block


class FocusedDefinitions:
    """Builds module definitions that hold only the resources a focused scan evaluates."""

    def __init__(
        self, focus: Focus, outlines: OutlineCache, texts: dict[str, str] | None = None
    ) -> None:
        self.focus = focus
        self.outlines = outlines
        # Files already read (to find the root modules), by absolute path: not read again.
        self.texts = texts if texts is not None else {}
        self._subjects: list[tuple[str, str]] | None = None
        # The changed files' outlines and blocks, parsed once for `subjects` and `load` both.
        self._changed: dict[str, tuple[tuple[BlockOutline, ...], Block | None]] = {}
        self._changed_names = {path.name for path in focus.files}

    def subjects(self) -> list[tuple[str, str]]:
        """The resources (type, name) declared in the changed files."""
        if self._subjects is None:
            found = []
            for path in sorted(self.focus.files):
                file, _ = self._read(path)
                if file is None or file.path.name.endswith(".json"):
                    continue
                try:
                    outline, _ = self._outline(file, changed=True)
                except HclSyntaxError:
                    continue  # reported when its folder is read
                found += [
                    (b.labels[0], b.labels[1])
                    for b in outline
                    if b.type == "resource" and len(b.labels) == 2
                ]
            self._subjects = found
        return self._subjects

    def load(self, directory: Path) -> ModuleDefinition:
        """The definition of a module folder with only the resources to evaluate."""
        definition = ModuleDefinition(directory)
        entries: list[_Entry] = []
        eager: list[Block] = []
        for path in configuration_files(directory):
            definition.file_count += 1
            file, error = self._read(path)
            if file is None:
                definition.errors += [error] if error is not None else []
                continue
            if file.path.name.endswith(".json"):
                # JSON syntax is parsed whole: every block of it is read and evaluated.
                top, error = parse_source(file)
                if error is not None:
                    definition.errors.append(error)
                if top is not None:
                    eager += top.blocks
                continue
            changed = self._is_changed(path)
            try:
                outline, top = self._outline(file, changed)
            except HclSyntaxError as exc:
                location = Location(file=file.shown, line=exc.line)
                definition.errors.append(SourceError(SOURCE, str(exc), location))
                continue
            blocks = top.blocks if top is not None else (None,) * len(outline)
            entries += [_Entry(file, o, b, changed) for o, b in zip(outline, blocks, strict=True)]
        wanted = self._wanted(entries)
        for entry in entries:
            if entry.outline.type not in _LAZY_TYPES or id(entry) in wanted:
                eager.append(entry.parsed())
        add_blocks(definition, Block("file", (), {}, tuple(eager), _empty(directory), 1, 1))
        definition.resource_blocks = _lazy(definition.resource_blocks, entries, "resource")
        definition.data = _lazy(definition.data, entries, "data")
        return definition

    def _read(self, path: Path) -> tuple[SourceFile | None, SourceError | None]:
        text = self.texts.get(file_key(path))
        if text is None:
            return read_source(path)
        return SourceFile(path, shown_path(path), text), None

    def _is_changed(self, path: Path) -> bool:
        # Resolving every file of a large module costs more than the rest of its reading.
        return path.name in self._changed_names and path.resolve() in self.focus.files

    def _outline(
        self, file: SourceFile, changed: bool
    ) -> tuple[tuple[BlockOutline, ...], Block | None]:
        """A file's outline (and blocks, when parsed for it); a changed file's is kept, so
        that it is parsed once whether `subjects` or `load` reads it first."""
        if not changed:
            return self.outlines.outline(file)
        key = file_key(file.path)
        if key not in self._changed:
            self._changed[key] = self.outlines.outline(file)
        return self._changed[key]

    def _wanted(self, entries: list[_Entry]) -> set[int]:
        """The resource entries of a folder to evaluate (by id)."""
        resources = [entry for entry in entries if entry.is_resource]
        wanted = {id(entry) for entry in resources if entry.changed or self._looked_for(entry)}
        by_key = {entry.key: entry for entry in resources}
        pending = [entry for entry in resources if id(entry) in wanted]
        while pending:
            entry = pending.pop()
            for referred in _referred(entry.text(), by_key):
                if id(referred) not in wanted:
                    wanted.add(id(referred))
                    pending.append(referred)
        return wanted

    def _looked_for(self, entry: _Entry) -> bool:
        """Whether a check on a changed resource may look for this one."""
        kind = entry.key[0]
        text = entry.text()
        for subject_type, subject_name in self.subjects():
            if kind not in self.focus.linked_types.get(subject_type, ()):
                continue
            if f"{subject_type}." not in text:
                return True  # linked, if at all, by a literal, a variable or a module output
            if re.search(rf"\b{re.escape(subject_type)}\.{re.escape(subject_name)}\b", text):
                return True
        return False


def _referred(text: str, by_key: Mapping[tuple[str, str], _Entry]) -> Iterable[_Entry]:
    for match in _TRAVERSAL.finditer(text):
        entry = by_key.get((match.group(1), match.group(2)))
        if entry is not None:
            yield entry


def _lazy(parsed: Mapping[tuple[str, str], Block], entries: list[_Entry], kind: str) -> LazyBlocks:
    """Blocks of a kind by (type, name): those parsed already, the rest parsed when read."""
    lazy = LazyBlocks()
    for entry in entries:
        if entry.outline.type != kind or len(entry.outline.labels) != 2:
            continue
        if entry.block is not None:
            lazy[entry.key] = entry.block
        else:
            lazy.place(entry.key, entry.file, entry.outline)
    for key, block in parsed.items():
        lazy[key] = block
    return lazy


def _empty(directory: Path) -> SourceFile:
    return SourceFile(directory, str(directory), "")
