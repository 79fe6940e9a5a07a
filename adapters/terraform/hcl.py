"""Parsing HCL files into blocks and attributes whose expressions keep their syntax trees.

python-hcl2's own dictionary form turns expressions back into lossy strings, so the adapter
walks the parser's syntax tree instead and evaluates expressions itself (expressions.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from lark import Token, Tree
from lark.exceptions import LarkError, UnexpectedInput

from adapters.terraform.hcl_parser import parser

if TYPE_CHECKING:
    from adapters.terraform.json_syntax import JsonExpr

#: A node of the HCL syntax tree.
Syntax = Tree[Token]


def subtree(node: Syntax, position: int) -> Syntax:
    """A child that the grammar guarantees to be a subtree (not a token)."""
    found = node.children[position]
    if not isinstance(found, Tree):
        raise TypeError(f"expected a subtree in {node.data}, found {found!r}")
    return found


@dataclass(frozen=True)
class SourceFile:
    """A parsed file: its path as shown in reports, and its text (for expression excerpts)."""

    path: Path
    shown: str
    text: str

    @property
    def lines(self) -> list[str]:
        """The file's lines."""
        return self.text.splitlines()


@dataclass(frozen=True)
class Expr:
    """An unevaluated expression and the file it was written in."""

    tree: Syntax
    file: SourceFile

    @property
    def line(self) -> int:
        """The line the expression starts on."""
        return int(getattr(self.tree.meta, "line", 0) or 0)

    @property
    def text(self) -> str:
        """The expression as written."""
        return source_text(self.tree, self.file)


#: An argument's expression, in HCL's native syntax or in Terraform's JSON syntax.
Expression: TypeAlias = "Expr | JsonExpr"


@dataclass(frozen=True)
class Block:
    """A block such as `resource "aws_s3_bucket" "data" { ... }`."""

    type: str
    labels: tuple[str, ...]
    attributes: dict[str, Expression]
    blocks: tuple[Block, ...]
    file: SourceFile
    start_line: int
    end_line: int
    attribute_lines: dict[str, int] = field(default_factory=dict)

    def blocks_of(self, block_type: str) -> list[Block]:
        """The nested blocks of one type."""
        return [block for block in self.blocks if block.type == block_type]


class HclSyntaxError(Exception):
    """A file is not valid HCL; `line` is where the parser stopped."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


def source_text(tree: Syntax, file: SourceFile) -> str:
    """The text a syntax tree was parsed from."""
    meta = tree.meta
    if getattr(meta, "empty", True):
        return "<expression>"
    return " ".join(file.text[meta.start_pos : meta.end_pos].split())


def _identifier(tree: Syntax) -> str:
    return str(tree.children[0])


def _label(node: Syntax | Token) -> str:
    if isinstance(node, Tree) and node.data == "identifier":
        return _identifier(node)
    if isinstance(node, Tree) and node.data == "string":
        return "".join(str(part.children[0]) for part in node.children if isinstance(part, Tree))
    return str(node)


def _body(
    tree: Syntax, file: SourceFile
) -> tuple[dict[str, Expression], dict[str, int], list[Block]]:
    attributes: dict[str, Expression] = {}
    lines: dict[str, int] = {}
    blocks: list[Block] = []
    for child in tree.children:
        if not isinstance(child, Tree):
            continue
        if child.data == "attribute":
            name = _identifier(subtree(child, 0))
            attributes[name] = Expr(subtree(child, -1), file)
            lines[name] = child.meta.line
        elif child.data == "block":
            blocks.append(_block(child, file))
    return attributes, lines, blocks


def _block(tree: Syntax, file: SourceFile) -> Block:
    labels = tuple(
        _label(child)
        for child in tree.children[1:]
        if isinstance(child, Tree) and child.data in ("identifier", "string")
    )
    body = next(
        child for child in tree.children if isinstance(child, Tree) and child.data == "body"
    )
    attributes, lines, blocks = _body(body, file)
    return Block(
        type=_identifier(subtree(tree, 0)),
        labels=labels,
        attributes=attributes,
        blocks=tuple(blocks),
        file=file,
        start_line=tree.meta.line,
        end_line=tree.meta.end_line,
        attribute_lines=lines,
    )


def parse_text(text: str) -> Syntax:
    """The syntax tree of HCL text (a body of attributes and blocks)."""
    # The grammar needs a final newline.
    return parser().parse(text if text.endswith("\n") else text + "\n")


def _parse(text: str) -> Syntax:
    """The syntax tree of a file's text, or HclSyntaxError naming the line."""
    try:
        return parse_text(text)
    except UnexpectedInput as exc:
        line = getattr(exc, "line", None)
        line = line if isinstance(line, int) and line > 0 else None
        raise HclSyntaxError(_syntax_message(exc), line) from exc
    except LarkError as exc:
        raise HclSyntaxError(f"not valid HCL: {exc}", None) from exc


def parse_file(file: SourceFile) -> Block:
    """Parse a file into a top-level pseudo-block holding its attributes and blocks."""
    return parse_file_outlined(file)[0]


def parse_file_outlined(file: SourceFile) -> tuple[Block, list[tuple[int, int]]]:
    """Parse a file as `parse_file` does; also where in the text each of its blocks is."""
    body = subtree(_parse(file.text), 0)
    attributes, lines, blocks = _body(body, file)
    spans = [
        (child.meta.start_pos, child.meta.end_pos)
        for child in body.children
        if isinstance(child, Tree) and child.data == "block"
    ]
    end = max(1, len(file.lines))
    return Block("file", (), attributes, tuple(blocks), file, 1, end, lines), spans


_NOT_A_NEWLINE = re.compile(r"[^\n]")


def parse_block_at(file: SourceFile, start: int, end: int) -> Block:
    """Parse the one block written at `start:end` of a file, with the lines and places it has
    in the file (the text before it is blanked, not dropped)."""
    text = _NOT_A_NEWLINE.sub(" ", file.text[:start]) + file.text[start:end]
    body = subtree(_parse(text), 0)
    _, _, blocks = _body(body, file)
    if len(blocks) != 1:
        raise HclSyntaxError(f"expected one block at offset {start}", None)
    return blocks[0]


def _syntax_message(exc: UnexpectedInput) -> str:
    token = getattr(exc, "token", None)
    if token is not None and str(token).strip():
        return f"not valid HCL: unexpected {str(token).strip()[:40]!r}"
    character = getattr(exc, "char", None)
    if character:
        return f"not valid HCL: unexpected character {character!r}"
    return "not valid HCL: unexpected end of input"


def parse_expression(text: str, file: SourceFile) -> Expr:
    """Parse one expression (used for the interpolations inside heredoc templates)."""
    tree = parse_text(f"__expression__ = {text}\n")
    attribute = subtree(subtree(tree, 0), 0)
    offset_file = SourceFile(file.path, file.shown, f"__expression__ = {text}\n")
    return Expr(subtree(attribute, -1), offset_file)


def native(expr: Expression) -> Expr:
    """An expression in HCL's native syntax: one in JSON syntax read as Terraform reads the
    arguments that hold expressions rather than templates (`providers`, a variable's `type`)."""
    return expr if isinstance(expr, Expr) else expr.as_expression()


def object_items_text(expression: Expression) -> dict[str, str] | None:
    """The keys and values of an object expression as written, for `providers = { aws = aws.x }`."""
    expr = native(expression)
    node = expr.tree
    while node.data == "expr_term" and len(node.children) == 1:
        node = subtree(node, 0)
    if node.data != "object":
        return None
    items: dict[str, str] = {}
    for element in node.children:
        if isinstance(element, Tree) and element.data == "object_elem":
            trees = [child for child in element.children if isinstance(child, Tree)]
            items[source_text(trees[0], expr.file)] = source_text(trees[-1], expr.file)
    return items
