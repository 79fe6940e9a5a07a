"""The lean-position parser builds python-hcl2's trees with python-hcl2's positions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import hcl2.parser
import pytest
from lark import Tree
from lark.exceptions import LarkError

from adapters.terraform import hcl_parser
from tests.conftest import DATA

REPOSITORY = Path(__file__).resolve().parents[3]


def shape(node: Any) -> Any:
    """A tree's rules, tokens and the positions the adapter reads, comparable with ==."""
    if isinstance(node, Tree):
        meta = node._meta
        where = None
        if meta is not None and not meta.empty:
            where = (meta.line, meta.start_pos, meta.end_line, meta.end_pos)
        return (node.data, where, [shape(child) for child in node.children])
    if node is None:
        return None
    return (node.type, str(node), node.line, node.start_pos, node.end_line, node.end_pos)


def parsed(parser: Any, text: str) -> Any:
    try:
        return shape(parser.parse(text if text.endswith("\n") else text + "\n"))
    except LarkError as exc:
        return type(exc).__name__


def terraform_files() -> list[Path]:
    found = [*(DATA / "terraform").rglob("*.tf"), *(REPOSITORY / "examples").rglob("*.tf")]
    return sorted(found)


def test_every_bundled_terraform_file_parses_as_python_hcl2_parses_it() -> None:
    lean, own = hcl_parser.parser(), hcl2.parser.parser()
    assert lean is not own
    files = terraform_files()
    assert len(files) > 50
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert parsed(lean, text) == parsed(own, text), path


@pytest.mark.parametrize(
    "text",
    [
        "a = [1, (2), {b = 3}]\n",
        'resource "x" "y" {\n  for_each = { for k, v in var.m : k => v if v != null }\n}\n',
        "v = <<-EOT\n  ${var.x}\n  EOT\n",
        "e {}\nf {\n}\n# only a comment\n",
        "g = a.b[0].c[*].d\nh = !x ? -1 : try(y, z...)\n",
    ],
)
def test_positions_match_in_the_shapes_that_inline_rules(text: str) -> None:
    assert parsed(hcl_parser.parser(), text) == parsed(hcl2.parser.parser(), text)


def test_lark_cython_parses_where_it_is_installed() -> None:
    plugins = hcl_parser.parser().options._plugins
    assert bool(plugins) == (hcl_parser.lark_cython is not None)


def test_a_compiled_parser_that_parses_otherwise_is_passed_over(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built = hcl_parser._lean

    def compiled_differs(plugins: dict[str, Any]) -> Any:
        if plugins:
            raise RuntimeError("lark-cython does not fit this Lark")
        return built(plugins)

    monkeypatch.setattr(hcl_parser, "_lean", compiled_differs)
    hcl_parser.parser.cache_clear()
    try:
        chosen = hcl_parser.parser()
        assert chosen is not hcl2.parser.parser()
        assert not chosen.options._plugins
        if hcl_parser.lark_cython is not None:
            assert hcl_parser.PASSED_OVER == [
                "lark-cython: RuntimeError: lark-cython does not fit this Lark"
            ]
    finally:
        hcl_parser.parser.cache_clear()


def test_syntax_errors_say_what_python_hcl2s_say() -> None:
    for text in ["a = \n", 'b "x" {\n  c = [1,\n}\n', "d = 1 +\n", "e = \x01\n"]:
        assert hcl_parser._outcome(hcl_parser.parser(), text) == hcl_parser._outcome(
            hcl2.parser.parser(), text
        )


def test_a_lark_that_builds_other_positions_gets_python_hcl2s_own_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def wrong(build: hcl_parser.NodeBuilder) -> hcl_parser.NodeBuilder:
        return build  # no positions at all

    monkeypatch.setattr(hcl_parser, "positioned", wrong)
    hcl_parser.parser.cache_clear()
    try:
        assert hcl_parser.parser() is hcl2.parser.parser()
    finally:
        hcl_parser.parser.cache_clear()
