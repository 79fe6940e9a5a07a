"""Where each top-level block of a file is, kept on disk by the file's content.

A focused scan (the pre-commit hook's) evaluates a few resources with the context of their
whole module. It needs to know every block of the module, but parses only the ones it reads:
the outline of a file (each top-level block's type, labels and place) is cached by the
SHA-256 of the file's text, under a folder named for the versions of assaymark, python-hcl2
and lark, so that an outline written by another version is never read. Entries are written
whole (a temporary file renamed into place), so concurrent runs never read half an entry; an
entry that does not read back as an outline is ignored and written again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from adapters.terraform.hcl import Block, SourceFile, parse_block_at, parse_file_outlined
from checker import __version__
from checker.cache import Store, cache_home, caching_enabled
from checker.progress import advance

#: Bumped when what an outline holds changes.
_FORMAT = 1


@dataclass(frozen=True)
class BlockOutline:
    """One top-level block of a file: what it is and where its text is."""

    type: str
    labels: tuple[str, ...]
    start: int
    end: int
    line: int

    def text(self, file: SourceFile) -> str:
        """The block as written."""
        return file.text[self.start : self.end]


def _version_of(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version  # only when the cache is used

    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


def outline_folder() -> Path | None:
    """The folder of outlines written by this assaymark with this parser, if caching is on."""
    if not caching_enabled():
        return None
    versions = f"assaymark-{__version__}-hcl2-{_version_of('python-hcl2')}"
    return cache_home() / "outlines" / f"{versions}-lark-{_version_of('lark')}-v{_FORMAT}"


class OutlineCache:
    """Outlines of files by their content, on disk when given a folder."""

    def __init__(self, folder: Path | None) -> None:
        self._store = Store(folder, suffix=".json")
        self.parsed = 0
        self.reused = 0

    def outline(self, file: SourceFile) -> tuple[tuple[BlockOutline, ...], Block | None]:
        """A file's outline, and its parsed blocks when it had to be parsed for it.

        Raises HclSyntaxError, as parsing does, for a file that does not parse.
        """
        digest = hashlib.sha256(file.text.encode("utf-8")).hexdigest()
        stored = self._read(digest)
        if stored is not None:
            self.reused += 1
            return stored, None
        advance("files parsed")
        top, spans = parse_file_outlined(file)
        outline = tuple(
            BlockOutline(block.type, block.labels, start, end, block.start_line)
            for block, (start, end) in zip(top.blocks, spans, strict=True)
        )
        self.parsed += 1
        self._write(digest, outline)
        return outline, top

    def _read(self, digest: str) -> tuple[BlockOutline, ...] | None:
        stored = self._store.get(digest)
        try:
            data = json.loads(stored) if stored is not None else None
        except (ValueError, RecursionError):
            return None
        return _outline_from(data, digest)

    def _write(self, digest: str, outline: tuple[BlockOutline, ...]) -> None:
        blocks = [[b.type, list(b.labels), b.start, b.end, b.line] for b in outline]
        self._store.put(digest, json.dumps({"sha256": digest, "blocks": blocks}))


def _outline_from(data: Any, digest: str) -> tuple[BlockOutline, ...] | None:
    """An outline read back, or None if the entry is not one for this digest."""
    if not isinstance(data, dict) or data.get("sha256") != digest:
        return None
    blocks = data.get("blocks")
    if not isinstance(blocks, list):
        return None
    outline = []
    for entry in blocks:
        if not (isinstance(entry, list) and len(entry) == 5):
            return None
        kind, labels, start, end, line = entry
        numbers = (start, end, line)
        if not isinstance(kind, str) or not all(type(n) is int and n >= 0 for n in numbers):
            return None
        if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
            return None
        outline.append(BlockOutline(kind, tuple(labels), start, end, line))
    return tuple(outline)


class LazyBlocks(MutableMapping[tuple[str, str], Block]):
    """Blocks by (type, name), each parsed from its place in its file when first read."""

    def __init__(self) -> None:
        self._blocks: dict[tuple[str, str], Block] = {}
        self._places: dict[tuple[str, str], tuple[SourceFile, BlockOutline]] = {}

    def place(self, key: tuple[str, str], file: SourceFile, outline: BlockOutline) -> None:
        """Note where a block is, to parse it when it is read."""
        self._places[key] = (file, outline)

    def __getitem__(self, key: tuple[str, str]) -> Block:
        if key not in self._blocks:
            file, outline = self._places[key]
            self._blocks[key] = parse_block_at(file, outline.start, outline.end)
        return self._blocks[key]

    def __setitem__(self, key: tuple[str, str], block: Block) -> None:
        self._blocks[key] = block

    def __delitem__(self, key: tuple[str, str]) -> None:
        self._blocks.pop(key, None)
        self._places.pop(key, None)

    def __contains__(self, key: object) -> bool:
        return key in self._blocks or key in self._places

    def __iter__(self) -> Iterator[tuple[str, str]]:
        yield from self._blocks
        yield from (key for key in self._places if key not in self._blocks)

    def __len__(self) -> int:
        return len(self._blocks.keys() | self._places.keys())
