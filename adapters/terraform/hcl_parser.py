"""python-hcl2's parser, recording only the positions the adapter reads.

Lark's `propagate_positions` stores ten attributes on every node of the syntax tree (lines,
columns and offsets, each also for the node's container) and costs a third of parsing. The
adapter reads a node's first and last line and its start and end offsets: this parser
records those, with the same values Lark computes, on a smaller object.

The parser is python-hcl2's own: its grammar and Lark options, loaded from python-hcl2's
cached parse tables, with only the tree builder's position step replaced. If the Lark in use
builds trees differently from what this module expects, its own check fails and python-hcl2's
parser is used as it is.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import hcl2.parser
from lark import Lark, Token, Tree
from lark.parse_tree_builder import PropagatePositions

#: What the tree builder calls to build one node from the symbols a rule matched.
NodeBuilder = Callable[[list[Any]], Any]


class Positions:
    """Where a syntax tree node is written: the attributes of Lark's `Meta` that the adapter
    reads, and the same four for the node's container (the rule it was inlined from)."""

    __slots__ = (
        "container_end_line",
        "container_end_pos",
        "container_line",
        "container_start_pos",
        "empty",
        "end_line",
        "end_pos",
        "line",
        "start_pos",
    )

    def __init__(self) -> None:
        self.empty = True


def positioned(build: NodeBuilder) -> NodeBuilder:
    """`build`, recording where each node it makes is written, as Lark's
    `PropagatePositions` does: a node starts where its first symbol's container starts and
    ends where its last one's ends; a node inlined from another rule keeps its own span and
    takes the other rule's as its container."""

    def build_positioned(symbols: list[Any]) -> Any:
        node: Any = build(symbols)
        if node.__class__ is not Tree:
            return node
        positions: Any = node._meta
        if positions is None:
            positions = Positions()
            setattr(node, "_meta", positions)  # noqa: B010 (Tree types it as Lark's own Meta)
        elif len(symbols) == 1:
            return node  # inlined from a rule of one symbol: its container is its own
        # A node starts where its first positioned symbol's container starts; the loops are
        # written out here, as this runs for every node of every file.
        symbol: Any
        for symbol in symbols:
            if symbol.__class__ is Tree:
                inner: Any = symbol._meta
                if inner is not None and not inner.empty:
                    line, start = inner.container_line, inner.container_start_pos
                    break
            elif isinstance(symbol, Token):
                line, start = symbol.line, symbol.start_pos
                break
        else:
            return node
        for symbol in reversed(symbols):
            if symbol.__class__ is Tree:
                inner = symbol._meta
                if inner is not None and not inner.empty:
                    end_line, end = inner.container_end_line, inner.container_end_pos
                    break
            elif isinstance(symbol, Token):
                end_line, end = symbol.end_line, symbol.end_pos
                break
        if positions.empty:
            positions.line = line
            positions.start_pos = start
            positions.end_line = end_line
            positions.end_pos = end
            positions.empty = False
        positions.container_line = line
        positions.container_start_pos = start
        positions.container_end_line = end_line
        positions.container_end_pos = end
        return node

    return build_positioned


# Text whose spans the lean parser must record as python-hcl2's does: brackets and
# parentheses that the tree leaves out, a nested block, a template, an empty body.
_PROBE = 'a = [1]\nb "x" {\n  c = (2)\n  d = "${var.e}-f"\n  g {}\n}\n'


def _spans(tree: Tree[Token]) -> list[tuple[str, tuple[int, int, int, int] | None]]:
    """Each node of a tree with the span the adapter reads."""
    spans: list[tuple[str, tuple[int, int, int, int] | None]] = []
    for node in tree.iter_subtrees():
        meta: Any = node._meta
        span = (
            None
            if meta is None or meta.empty
            else (meta.line, meta.start_pos, meta.end_line, meta.end_pos)
        )
        spans.append((node.data, span))
    return spans


@functools.cache
def parser() -> Lark:
    """python-hcl2's parser with the cheaper position step, or python-hcl2's own when the
    Lark in use would not build the same positions with it."""
    own = hcl2.parser.parser()
    try:
        lean = Lark.open(
            "hcl2.lark",
            parser="lalr",
            cache=str(hcl2.parser.PARSER_FILE),
            rel_to=hcl2.parser.__file__,
            propagate_positions=True,
        )
        builders: dict[Any, Any] = lean._callbacks
        for rule, build in list(builders.items()):
            if isinstance(build, PropagatePositions):
                builders[rule] = positioned(build.node_builder)
        if _spans(lean.parse(_PROBE)) == _spans(own.parse(_PROBE)):
            return lean
    except Exception:  # any failure means: use python-hcl2's parser unchanged
        pass
    return own
