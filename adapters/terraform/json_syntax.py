"""Terraform's JSON configuration syntax (`*.tf.json`), read into the blocks of hcl.py.

Python's json module keeps no positions and every finding needs a line, so a small strict
parser here keeps the line of each value. Which properties of a body are arguments and which
are nested blocks is, in JSON syntax, up to the schema: Terraform's own block types are known
here, but provider schemas are not, so in resource, data source and provider bodies an object
(or an array of objects) is read as nested blocks, except for the map arguments in
`MAP_ARGUMENTS`.

Argument values are `JsonExpr`s: strings are templates, as Terraform reads them. Where
Terraform reads an expression written as a string instead (a variable's `type`, `depends_on`,
`provider = "aws.replica"`, a module's `providers`), the argument becomes an HCL `Expr`, so
that the rest of the adapter reads its text and syntax tree as for a `.tf` file.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lark import Tree
from lark.exceptions import LarkError

from adapters.terraform.hcl import (
    Block,
    Expr,
    Expression,
    HclSyntaxError,
    SourceFile,
    parse_text,
    subtree,
)
from adapters.terraform.limits import MAX_DIGITS, MAX_ELEMENTS, MAX_STRING
from adapters.terraform.values import EvalFailure, as_unresolved, is_unknown, to_string

if TYPE_CHECKING:
    # expressions.py imports this module to dispatch JsonExpr: only the types come from there.
    from adapters.terraform.expressions import Context, Evaluator

#: How deeply arrays and objects may nest: far beyond real configurations (a dozen levels),
#: and far enough below Python's recursion limit that reading and evaluating never reach it.
MAX_NESTING = 100

#: Arguments of map type in the AWS provider (and Terraform's built-in terraform_data) whose
#: JSON value is an object: without a provider schema, an object would otherwise be taken for
#: a nested block. Lambda's `environment` is a block holding the `variables` map; a policy is a
#: JSON document string, so an object there is a value to report, never a block.
MAP_ARGUMENTS = frozenset(
    {
        "tags",
        "tags_all",
        "variables",  # aws_lambda_function.environment, aws_api_gateway_deployment
        "parameters",  # aws_cloudformation_stack, aws_ssm_association, aws_glue_catalog_table
        "triggers",  # null_resource, aws_api_gateway_deployment
        "labels",  # aws_eks_node_group
        "dimensions",  # aws_cloudwatch_metric_alarm
        "policy",
        "triggers_replace",  # terraform_data
        "input",  # terraform_data
    }
)

_COMMENT = "//"


# -- JSON with positions ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class JsonString:
    """A JSON string, decoded."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class JsonNumber:
    """A JSON number as written (converted when evaluated, where its size is checked)."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class JsonConstant:
    """`true`, `false` or `null`."""

    value: bool | None
    line: int


@dataclass(frozen=True, slots=True)
class JsonMember:
    """One property of a JSON object; `line` is where its name is written."""

    name: str
    line: int
    value: JsonNode


@dataclass(frozen=True, slots=True)
class JsonObject:
    """A JSON object, its properties in order and duplicates kept (Terraform merges some)."""

    members: tuple[JsonMember, ...]
    line: int
    end_line: int


@dataclass(frozen=True, slots=True)
class JsonArray:
    """A JSON array."""

    items: tuple[JsonNode, ...]
    line: int
    end_line: int


#: A parsed JSON value and the line it starts on.
JsonNode = JsonString | JsonNumber | JsonConstant | JsonObject | JsonArray

_SPACE = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"[^"\\\x00-\x1f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*)*"')
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class _Parser:
    """A recursive-descent parser of strict JSON (RFC 8259) that records lines."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0
        self.line_starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def line(self, position: int) -> int:
        return bisect_right(self.line_starts, position)

    def error(self, message: str, position: int) -> HclSyntaxError:
        line = self.line(position)
        column = position - self.line_starts[line - 1] + 1
        return HclSyntaxError(f"not valid JSON: {message} (column {column})", line)

    def found(self, position: int) -> str:
        if position >= len(self.text):
            return "the end of the file"
        return repr(self.text[position])

    def skip_space(self) -> None:
        match = _SPACE.match(self.text, self.position)
        self.position = match.end() if match else self.position

    def peek(self) -> str:
        return self.text[self.position : self.position + 1]

    def document(self) -> JsonNode:
        if self.text.startswith("\ufeff"):
            raise self.error("the file starts with a byte order mark, which JSON does not allow", 0)
        self.skip_space()
        value = self.value(0)
        self.skip_space()
        if self.position < len(self.text):
            raise self.error(
                f"unexpected {self.found(self.position)} after the end of the document",
                self.position,
            )
        return value

    def value(self, depth: int) -> JsonNode:
        start = self.position
        character = self.peek()
        if character == "{":
            return self.object(depth + 1)
        if character == "[":
            return self.array(depth + 1)
        if character == '"':
            return JsonString(self.string(), self.line(start))
        if character and character in "-0123456789":
            return self.number()
        for word, constant in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, start):
                self.position += len(word)
                return JsonConstant(constant, self.line(start))
        raise self.error(f"expected a value, found {self.found(start)}", start)

    def enter(self, depth: int) -> int:
        if depth > MAX_NESTING:
            raise self.error(
                f"arrays and objects nest more than {MAX_NESTING} levels deep, "
                "more than assaymark reads",
                self.position,
            )
        start = self.position
        self.position += 1
        self.skip_space()
        return start

    def object(self, depth: int) -> JsonObject:
        start = self.enter(depth)
        members: list[JsonMember] = []
        if self.peek() == "}":
            self.position += 1
            return JsonObject((), self.line(start), self.line(self.position - 1))
        while True:
            self.skip_space()
            name_at = self.position
            if self.peek() != '"':
                if self.peek() == "}":
                    raise self.error("a comma before '}': JSON allows no trailing comma", name_at)
                raise self.error(
                    f"expected a property name in double quotes, found {self.found(name_at)}",
                    name_at,
                )
            name = self.string()
            self.skip_space()
            if self.peek() != ":":
                raise self.error(
                    f"expected ':' after the property name, found {self.found(self.position)}",
                    self.position,
                )
            self.position += 1
            self.skip_space()
            members.append(JsonMember(name, self.line(name_at), self.value(depth)))
            if len(members) > MAX_ELEMENTS:
                raise self.error(
                    f"an object with more than the {MAX_ELEMENTS:,} properties assaymark reads",
                    name_at,
                )
            self.skip_space()
            if self.peek() == ",":
                self.position += 1
                continue
            if self.peek() == "}":
                self.position += 1
                return JsonObject(tuple(members), self.line(start), self.line(self.position - 1))
            raise self.error(
                f"expected ',' or '}}' after a property, found {self.found(self.position)}",
                self.position,
            )

    def array(self, depth: int) -> JsonArray:
        start = self.enter(depth)
        items: list[JsonNode] = []
        if self.peek() == "]":
            self.position += 1
            return JsonArray((), self.line(start), self.line(self.position - 1))
        while True:
            self.skip_space()
            if self.peek() == "]":
                raise self.error("a comma before ']': JSON allows no trailing comma", self.position)
            items.append(self.value(depth))
            if len(items) > MAX_ELEMENTS:
                raise self.error(
                    f"an array with more than the {MAX_ELEMENTS:,} elements assaymark reads",
                    self.position,
                )
            self.skip_space()
            if self.peek() == ",":
                self.position += 1
                continue
            if self.peek() == "]":
                self.position += 1
                return JsonArray(tuple(items), self.line(start), self.line(self.position - 1))
            raise self.error(
                f"expected ',' or ']' after an element, found {self.found(self.position)}",
                self.position,
            )

    def string(self) -> str:
        start = self.position
        match = _STRING.match(self.text, start)
        if match is None:
            raise self.string_error(start)
        token = match.group()
        text: str = json.loads(token) if "\\" in token else token[1:-1]
        if len(text) > MAX_STRING:
            raise self.error(
                f"a string of {len(text):,} characters: more than the {MAX_STRING:,} "
                "characters assaymark reads",
                start,
            )
        if _SURROGATE.search(text):
            # An escaped half of a surrogate pair: replaced, as Terraform does, so that no
            # output later fails to encode it.
            text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        self.position = match.end()
        return text

    def string_error(self, start: int) -> HclSyntaxError:
        position = start + 1
        while position < len(self.text):
            character = self.text[position]
            if character == "\\":
                escape = self.text[position + 1 : position + 2]
                if escape == "u":
                    if not _HEX4.fullmatch(self.text, position + 2, position + 6):
                        return self.error("\\u must be followed by four hex digits", position)
                    position += 6
                    continue
                if not escape or escape not in '"\\/bfnrt':
                    return self.error(f"invalid escape '\\{escape}' in a string", position)
                position += 2
                continue
            if character == "\n":
                return self.error("a string is not closed at the end of the line", position)
            if ord(character) < 0x20:
                return self.error(
                    f"control character {character!r} in a string: write it escaped", position
                )
            position += 1
        return self.error("a string is not closed before the end of the file", start)

    def number(self) -> JsonNumber:
        start = self.position
        match = _NUMBER.match(self.text, start)
        end = match.end() if match else start
        following = self.text[end : end + 1]
        if match is None or (following and following in "0123456789.eE+-"):
            raise self.error("invalid number", start)
        self.position = end
        return JsonNumber(match.group(), self.line(start))


def parse_json(text: str) -> JsonNode:
    """Parse strict JSON, keeping the line of every value; raises HclSyntaxError with the line."""
    return _Parser(text).document()


# -- expressions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class JsonExpr:
    """An argument's value written in JSON syntax, unevaluated.

    Strings are templates (`"${var.env}-logs"`; a lone `"${expr}"` keeps the type of `expr`),
    numbers, bools and null are literals, arrays and objects are evaluated element by element,
    object keys being templates too. `literal` is for the arguments Terraform reads without
    evaluating templates (a variable's default, a module's source).
    """

    value: JsonNode
    file: SourceFile
    line: int
    literal: bool = False

    @property
    def text(self) -> str:
        """The value as compact JSON, for messages."""
        return _render(self.value)

    def evaluate(self, evaluator: Evaluator, context: Context) -> Any:
        """The value, with the templates in its strings rendered by `evaluator`."""
        try:
            return self._evaluate(self.value, evaluator, context)
        except RecursionError:
            return EvalFailure(_abridged(self.text), "nested more deeply than assaymark evaluates")

    def as_expression(self) -> Expr:
        """The value read as Terraform reads `depends_on` or `provider`: strings hold HCL
        expressions (not templates), arrays are tuples of them and objects map them.

        Raises HclSyntaxError, with the line, where a string is not a valid expression.
        """
        if isinstance(self.value, JsonString):
            return _hcl_expression(self.value.text, self.file, self.line)
        return _hcl_expression(_expression_text(self.value, self.file), self.file, self.line)

    def _evaluate(self, node: JsonNode, evaluator: Evaluator, context: Context) -> Any:
        if isinstance(node, JsonString):
            if self.literal:
                return node.text
            lone = _lone_interpolation(node, self.file)
            if lone is not None:
                return evaluator.evaluate(lone, context)
            return evaluator.template(node.text, self.file, context)
        if isinstance(node, JsonNumber):
            return _number(node.text)
        if isinstance(node, JsonConstant):
            return node.value
        if isinstance(node, JsonArray):
            return [self._evaluate(item, evaluator, context) for item in node.items]
        result: dict[str, Any] = {}
        for member in node.members:
            key = (
                member.name if self.literal else evaluator.template(member.name, self.file, context)
            )
            if is_unknown(key):
                return as_unresolved(key)
            name = to_string(key)
            if name is None:
                return EvalFailure(json.dumps(member.name), "an object key must be a string")
            if name in result:
                return EvalFailure(json.dumps(member.name), f"the key {name!r} is repeated")
            result[name] = self._evaluate(member.value, evaluator, context)
        return result


def _lone_interpolation(node: JsonString, file: SourceFile) -> Expr | None:
    """The expression of a string that is one interpolation, `"${expr}"`, whose value keeps
    its type (Evaluator.template always makes a string)."""
    text = node.text
    if not (text.startswith("${") and text.endswith("}")):
        return None
    try:
        # `"${a}-${b}"` leaves `a}-${b` inside, which does not parse: a template, not one.
        return _hcl_expression(text[2:-1], file, node.line)
    except HclSyntaxError:
        return None


def _number(text: str) -> Any:
    if len(text) > MAX_DIGITS:
        return EvalFailure(
            _abridged(text), f"a number of more than {MAX_DIGITS} digits is not evaluated"
        )
    if not any(mark in text for mark in ".eE"):
        return int(text)
    number = float(text)
    if not math.isfinite(number):
        return EvalFailure(text, "a number this large is not evaluated")
    return number


def _render(node: JsonNode) -> str:
    if isinstance(node, JsonString):
        return json.dumps(node.text, ensure_ascii=False)
    if isinstance(node, JsonNumber):
        return node.text
    if isinstance(node, JsonConstant):
        return json.dumps(node.value)
    if isinstance(node, JsonArray):
        return "[" + ", ".join(_render(item) for item in node.items) + "]"
    members = (
        f"{json.dumps(m.name, ensure_ascii=False)}: {_render(m.value)}" for m in node.members
    )
    return "{" + ", ".join(members) + "}"


def _abridged(text: str, keep: int = 200) -> str:
    return text if len(text) <= keep else text[:keep] + "..."


_TRAVERSAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)*")


def _expression_text(node: JsonNode, file: SourceFile) -> str:
    """HCL text for a value whose strings are expressions; each string is checked alone, so
    that one holding a comma or a bracket cannot change the shape around it (a plain name
    such as `aws_s3_bucket.logs`, the usual case, needs no check)."""
    if isinstance(node, JsonString):
        if _TRAVERSAL.fullmatch(node.text):
            return node.text
        return _exact_text(_hcl_expression(node.text, file, node.line))
    if isinstance(node, (JsonNumber, JsonConstant)):
        return _render(node)
    if isinstance(node, JsonArray):
        return "[" + ", ".join(_expression_text(item, file) for item in node.items) + "]"
    pairs = []
    for member in node.members:
        key = member.name
        if not _TRAVERSAL.fullmatch(key):
            key = "(" + _exact_text(_hcl_expression(key, file, member.line)) + ")"
        pairs.append(f"{key} = {_expression_text(member.value, file)}")
    return "{ " + ", ".join(pairs) + " }"


def _exact_text(expr: Expr) -> str:
    """An expression's text as written, without a comment after it that would swallow what
    follows it once composed (Expr.text also folds spaces, inside quotes too)."""
    meta = expr.tree.meta
    if getattr(meta, "empty", True):
        return expr.text
    return expr.file.text[meta.start_pos : meta.end_pos]


def _hcl_expression(text: str, file: SourceFile, line: int) -> Expr:
    """An HCL expression parsed from a JSON string, its lines those of the JSON file."""
    source = f"__expression__ = {text}\n"
    problem = f"{_abridged(text)!r} is not a valid expression"
    try:
        tree = parse_text(source)
    except RecursionError as exc:
        raise HclSyntaxError(f"{problem}: nested too deeply", line) from exc
    except LarkError as exc:
        raise HclSyntaxError(problem, line) from exc
    parts = [
        child
        for child in subtree(tree, 0).children
        if isinstance(child, Tree) and child.data != "new_line_or_comment"
    ]
    if len(parts) != 1 or parts[0].data != "attribute":
        raise HclSyntaxError(problem, line)
    value = subtree(parts[0], -1)
    # The expression was parsed on line 1 of its own text; findings point into the JSON file.
    for node in value.iter_subtrees():
        meta = node.meta
        if not getattr(meta, "empty", True):
            meta.line += line - 1
            meta.end_line += line - 1
    return Expr(value, SourceFile(file.path, file.shown, source))


# -- blocks ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Schema:
    """How one kind of block body is read.

    `blocks` maps nested block types to their number of labels and the kind of their bodies;
    `expressions` are arguments written as strings holding expressions; `literal` ones are read
    without templates; in a `provider_schema` body, objects are nested blocks (see the module
    docstring) but for the `values` arguments; the root body (`attributes=False`) holds blocks
    only.
    """

    blocks: dict[str, tuple[int, str]] = field(default_factory=dict)
    expressions: frozenset[str] = frozenset()
    values: frozenset[str] = frozenset()
    literal: frozenset[str] = frozenset()
    all_literal: bool = False
    provider_schema: bool = False
    attributes: bool = True


_RESOURCE_BLOCKS = {
    "lifecycle": (0, "lifecycle"),
    "connection": (0, "connection"),
    "provisioner": (1, "provisioner"),
    "dynamic": (1, "dynamic"),
}

_SCHEMAS: dict[str, _Schema] = {
    "file": _Schema(
        blocks={
            "resource": (2, "resource"),
            "data": (2, "resource"),
            "ephemeral": (2, "resource"),
            "module": (1, "module"),
            "variable": (1, "variable"),
            "output": (1, "output"),
            "provider": (1, "provider"),
            "locals": (0, "locals"),
            "terraform": (0, "terraform"),
            "moved": (0, "moved"),
            "import": (0, "import"),
            "removed": (0, "removed"),
            "check": (1, "check"),
        },
        attributes=False,
    ),
    "resource": _Schema(
        blocks=_RESOURCE_BLOCKS,
        expressions=frozenset({"provider", "depends_on"}),
        values=frozenset({"count", "for_each"}),  # `"for_each": {"a": ...}` is a map
        provider_schema=True,
    ),
    "nested": _Schema(blocks={"dynamic": (1, "dynamic")}, provider_schema=True),
    "provider": _Schema(
        blocks={"dynamic": (1, "dynamic")}, literal=frozenset({"alias"}), provider_schema=True
    ),
    "dynamic": _Schema(blocks={"content": (0, "nested")}, expressions=frozenset({"iterator"})),
    "lifecycle": _Schema(
        blocks={"precondition": (0, "condition"), "postcondition": (0, "condition")},
        expressions=frozenset({"ignore_changes", "replace_triggered_by"}),
    ),
    "condition": _Schema(),
    "connection": _Schema(),
    "provisioner": _Schema(
        blocks={"connection": (0, "connection")}, expressions=frozenset({"when", "on_failure"})
    ),
    # A module's arguments are its input variables: values, however they are shaped.
    "module": _Schema(
        expressions=frozenset({"providers", "depends_on"}),
        literal=frozenset({"source", "version"}),
    ),
    "variable": _Schema(
        blocks={"validation": (0, "condition")},
        expressions=frozenset({"type"}),
        literal=frozenset({"default", "description", "sensitive", "nullable", "ephemeral"}),
    ),
    "output": _Schema(
        blocks={"precondition": (0, "condition")},
        expressions=frozenset({"depends_on"}),
        literal=frozenset({"description", "sensitive", "ephemeral"}),
    ),
    "locals": _Schema(),
    "terraform": _Schema(
        blocks={
            "required_providers": (0, "settings"),
            "backend": (1, "settings"),
            "cloud": (0, "cloud"),
            "provider_meta": (1, "settings"),
        },
        expressions=frozenset({"experiments"}),
        all_literal=True,
    ),
    "cloud": _Schema(blocks={"workspaces": (0, "settings")}, all_literal=True),
    "settings": _Schema(all_literal=True),
    "moved": _Schema(expressions=frozenset({"from", "to"})),
    "import": _Schema(expressions=frozenset({"to", "provider"})),
    "removed": _Schema(
        blocks={key: _RESOURCE_BLOCKS[key] for key in ("lifecycle", "connection", "provisioner")},
        expressions=frozenset({"from"}),
    ),
    "check": _Schema(blocks={"data": (2, "resource"), "assert": (0, "condition")}),
}

# Blocks that Terraform allows once per module for one set of labels.
_UNIQUE = {
    "resource": "resource",
    "data": "data source",
    "ephemeral": "ephemeral resource",
    "module": "module call",
    "variable": "variable",
    "output": "output",
    "check": "check",
}


def parse_json_file(file: SourceFile) -> Block:
    """Parse a `.tf.json` file into the same top-level pseudo-block as `hcl.parse_file`.

    Raises HclSyntaxError, with the line, for invalid JSON and for what Terraform would reject:
    a body that is not an object, a repeated argument, key or block, an expression string that
    does not parse.
    """
    root = parse_json(file.text)
    if not isinstance(root, JsonObject):
        raise HclSyntaxError("a .tf.json file must hold a JSON object of block types", root.line)
    _, _, blocks = _body(root, "file", file)
    _check_unique(blocks)
    end = max(1, len(file.lines))
    return Block("file", (), {}, tuple(blocks), file, 1, end, {})


def _body(
    body: JsonObject, kind: str, file: SourceFile
) -> tuple[dict[str, Expression], dict[str, int], list[Block]]:
    schema = _SCHEMAS[kind]
    attributes: dict[str, Expression] = {}
    lines: dict[str, int] = {}
    blocks: list[Block] = []
    for member in body.members:
        name, value = member.name, member.value
        if name == _COMMENT:
            continue
        if name in schema.blocks:
            labels, child = schema.blocks[name]
            blocks.extend(_blocks(name, member, labels, child, file))
            continue
        if (
            schema.provider_schema
            and name not in MAP_ARGUMENTS
            and name not in schema.values
            and name not in schema.expressions
            and _holds_blocks(value)
        ):
            blocks.extend(_blocks(name, member, 0, "nested", file))
            continue
        if not schema.attributes:
            raise HclSyntaxError(
                f"unsupported top-level property {name!r}: a .tf.json file holds block types "
                "such as resource, data, module, variable, output, provider and locals",
                member.line,
            )
        if name in attributes:
            raise HclSyntaxError(
                f"duplicate argument {name!r} (first on line {lines[name]})", member.line
            )
        _check_keys(value)
        expr = JsonExpr(value, file, member.line, schema.all_literal or name in schema.literal)
        attributes[name] = expr.as_expression() if name in schema.expressions else expr
        lines[name] = member.line
    # Block.attributes is typed for HCL expressions; Evaluator.evaluate dispatches a JsonExpr to
    # JsonExpr.evaluate, and a JsonExpr has the `text`, `file` and `line` the adapter reads.
    return attributes, lines, blocks


def _holds_blocks(value: JsonNode) -> bool:
    """Whether a property of a provider-schema body is read as nested blocks."""
    if isinstance(value, JsonObject):
        return True
    return (
        isinstance(value, JsonArray)
        and bool(value.items)
        and all(isinstance(item, JsonObject) for item in value.items)
    )


def _blocks(
    block_type: str, member: JsonMember, label_count: int, kind: str, file: SourceFile
) -> list[Block]:
    blocks = []
    for labels, body, start in _labelled(block_type, member.value, label_count, (), member.line):
        attributes, lines, nested = _body(body, kind, file)
        blocks.append(
            Block(block_type, labels, attributes, tuple(nested), file, start, body.end_line, lines)
        )
    return blocks


def _labelled(
    block_type: str, value: JsonNode, remaining: int, labels: tuple[str, ...], line: int
) -> list[tuple[tuple[str, ...], JsonObject, int]]:
    """The bodies under a block type's property, with their labels and first lines.

    Each label level is an object (or an array of objects) whose keys are the labels; after
    them, a body is an object, or an array of objects for several blocks with the same labels.
    """
    where = " ".join([block_type, *(json.dumps(label) for label in labels)])
    if remaining == 0:
        if isinstance(value, JsonObject):
            return [(labels, value, line)]
        if isinstance(value, JsonArray) and all(isinstance(i, JsonObject) for i in value.items):
            return [(labels, i, i.line) for i in value.items if isinstance(i, JsonObject)]
        raise HclSyntaxError(
            f"{where}: a block body must be an object or an array of objects", value.line
        )
    levels = value.items if isinstance(value, JsonArray) else (value,)
    found: list[tuple[tuple[str, ...], JsonObject, int]] = []
    for level in levels:
        if not isinstance(level, JsonObject):
            raise HclSyntaxError(
                f"{where}: expected an object keyed by the block's labels", level.line
            )
        for labelled in level.members:
            if labelled.name != _COMMENT:
                found.extend(
                    _labelled(
                        block_type,
                        labelled.value,
                        remaining - 1,
                        (*labels, labelled.name),
                        labelled.line,
                    )
                )
    return found


def _check_keys(node: JsonNode) -> None:
    """Reject an object value that repeats a key, as Terraform does."""
    if isinstance(node, JsonArray):
        for item in node.items:
            _check_keys(item)
    elif isinstance(node, JsonObject):
        seen: dict[str, int] = {}
        for member in node.members:
            if member.name in seen:
                raise HclSyntaxError(
                    f"duplicate key {member.name!r} (first on line {seen[member.name]})",
                    member.line,
                )
            seen[member.name] = member.line
            _check_keys(member.value)


def _check_unique(blocks: list[Block]) -> None:
    """Reject two resources (modules, variables...) of one name, two configurations of one
    provider with one alias (or none), and two locals of one name."""
    seen: dict[tuple[str, ...], int] = {}
    local_lines: dict[str, int] = {}
    for block in blocks:
        if block.type == "locals":
            for name, line in block.attribute_lines.items():
                if name in local_lines:
                    raise HclSyntaxError(
                        f"duplicate local value {name!r} (first on line {local_lines[name]})",
                        line,
                    )
                local_lines[name] = line
        labels = " ".join(json.dumps(label) for label in block.labels)
        if block.type == "provider":
            alias = block.attributes.get("alias")
            key: tuple[str, ...] = ("provider", *block.labels, alias.text if alias else "")
            what = f"provider configuration {labels}" + (f" alias {alias.text}" if alias else "")
        elif block.type in _UNIQUE:
            key, what = (block.type, *block.labels), f"{_UNIQUE[block.type]} {labels}"
        else:
            continue
        if key in seen:
            raise HclSyntaxError(f"duplicate {what} (first on line {seen[key]})", block.start_line)
        seen[key] = block.start_line
