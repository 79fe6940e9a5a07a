"""python-hcl2's parser, recording only the positions the adapter reads.

Lark's `propagate_positions` stores ten attributes on every node of the syntax tree (lines,
columns and offsets, each also for the node's container) and costs a third of parsing. The
adapter reads a node's first and last line and its start and end offsets: this parser
records those, with the same values Lark computes, on a smaller object.

The parser is python-hcl2's own: its grammar and Lark options, loaded from python-hcl2's
cached parse tables, with only the tree builder's position step replaced. Where lark-cython
is installed (the `fast` extra), its compiled lexer and LALR parser run those tables. Each
variant must build, on probe texts, the very trees, tokens, positions and syntax errors
python-hcl2's parser does; one that does not is passed over, and python-hcl2's parser is
used as it is when none does.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import hcl2.parser
from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput
from lark.parse_tree_builder import PropagatePositions

try:
    import lark_cython
except ImportError:  # no wheel for this platform: Lark's own lexer and parser
    lark_cython = None

#: The classes of the tokens in a syntax tree (lark-cython's tokens are not Lark's, nor
#: strings: the adapter reads a token as `str(token)`).
TOKEN_TYPES: tuple[type[Any], ...] = (Token,) if lark_cython is None else (Token, lark_cython.Token)

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
            elif symbol is not None:  # a token (a rule that matched nothing gives None)
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
            elif symbol is not None:  # a token (a rule that matched nothing gives None)
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


# Text whose trees each variant must build as python-hcl2's parser does: brackets and
# parentheses that the tree leaves out, a nested block, a template, a heredoc, an empty body;
# and texts that are not HCL, whose errors must say the same.
_PROBE = (
    'a = [1]\nb "x" {\n  c = (2)\n  d = "${var.e}-f"\n  g {}\n}\n'
    "h = <<-EOT\n  ${i}\n  EOT\nj = k.l[0].m[*].n ? -1 : !o\n"
)
_BROKEN = ("a = \n", "b {\n", 'c = "d\n', "e = 1 +\n", "f = [1,\n", "g = \x00\n")


def _shape(node: Any) -> Any:
    """A tree's rules, tokens and the positions the adapter reads, comparable with ==."""
    if node.__class__ is Tree:
        meta = node._meta
        span = None
        if meta is not None and not meta.empty:
            span = (meta.line, meta.start_pos, meta.end_line, meta.end_pos)
        return (node.data, span, [_shape(child) for child in node.children])
    if isinstance(node, TOKEN_TYPES):
        return (node.type, str(node), node.line, node.start_pos, node.end_line, node.end_pos)
    return node


def _outcome(parser: Lark, text: str) -> Any:
    """What parsing a text gives: its tree's shape, or where and how the parser stopped."""
    try:
        return _shape(parser.parse(text))
    except UnexpectedInput as exc:
        token = getattr(exc, "token", None)
        return (exc.__class__, exc.line, exc.column, getattr(exc, "char", None), str(token))


def _same_as(candidate: Lark, own: Lark) -> bool:
    """Whether a parser gives what python-hcl2's gives on the probe texts."""
    return all(_outcome(candidate, text) == _outcome(own, text) for text in (_PROBE, *_BROKEN))


def _lean(plugins: dict[str, Any]) -> Lark:
    """python-hcl2's parser from its cached tables, with the cheaper position step."""
    lean = Lark.open(
        "hcl2.lark",
        parser="lalr",
        cache=str(hcl2.parser.PARSER_FILE),
        rel_to=hcl2.parser.__file__,
        propagate_positions=True,
        _plugins=plugins,
    )
    builders: dict[Any, Any] = lean._callbacks
    for rule, build in list(builders.items()):
        if isinstance(build, PropagatePositions):
            builders[rule] = positioned(build.node_builder)
    return lean


#: Each variant `parser()` passed over, and why (the benchmarks print it): parsing goes on
#: with the next, python-hcl2's own parser last, which is slower but never wrong.
PASSED_OVER: list[str] = []


@functools.cache
def parser() -> Lark:
    """The fastest variant that parses as python-hcl2's parser does, or python-hcl2's own."""
    own = hcl2.parser.parser()
    PASSED_OVER.clear()
    variants = [{}] if lark_cython is None else [lark_cython.plugins, {}]
    for plugins in variants:
        name = "lark-cython" if plugins else "Lark with lean positions"
        try:
            lean = _lean(plugins)
            same = _same_as(lean, own)
        except Exception as exc:  # a Lark whose internals differ: the next variant parses
            PASSED_OVER.append(f"{name}: {type(exc).__name__}: {exc}")
            continue
        if same:
            return lean
        PASSED_OVER.append(f"{name}: parses the probe texts otherwise than python-hcl2")
    return own
