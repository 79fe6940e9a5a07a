"""Terraform's JSON syntax: `.tf.json` files read into the blocks and expressions of `.tf` files."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.terraform.expressions import Context, Evaluator
from adapters.terraform.functions import FUNCTIONS
from adapters.terraform.hcl import Block, Expr, HclSyntaxError, SourceFile, object_items_text
from adapters.terraform.json_syntax import (
    MAX_NESTING,
    JsonArray,
    JsonConstant,
    JsonExpr,
    JsonNode,
    JsonNumber,
    JsonObject,
    JsonString,
    parse_json,
    parse_json_file,
)
from adapters.terraform.values import EvalFailure
from checker.models import Reference, Unresolved
from tests.conftest import DATA

FIXTURES = DATA / "terraform" / "json-syntax"
EVALUATOR = Evaluator(FUNCTIONS)


class Scope:
    """A module scope with given variable and local values; other names are unknown."""

    namespace = "json-syntax"
    prefix = ""
    directory = Path("json-syntax")
    root_directory = Path("json-syntax")

    def __init__(self, variables: dict[str, Any], locals_: dict[str, Any] | None = None) -> None:
        self.variables = variables
        self.locals = locals_ or {}

    def variable(self, name: str) -> Any:
        return self.variables.get(name, Unresolved(f"var.{name}", "no value given"))

    def local(self, name: str) -> Any:
        return self.locals.get(name, EvalFailure(f"local.{name}", "no such local value"))

    def module_output(self, name: str, key: Any, output: str) -> Any:
        return Unresolved(f"module.{name}.{output}", "modules are not followed here")

    def data_source(self, data_type: str, name: str, key: Any) -> Any:
        return Reference(f"data.{data_type}.{name}", "", self.namespace)

    def module_object(self, name: str) -> Any:
        return Unresolved(f"module.{name}", "modules are not followed here")

    def resource(self, resource_type: str, name: str) -> Any:
        return Reference(f"{resource_type}.{name}", "", self.namespace)


def context(**variables: Any) -> Context:
    return Context(Scope(variables))


def fixture(name: str) -> Block:
    path = FIXTURES / name
    return parse_json_file(SourceFile(path, f"json-syntax/{name}", path.read_text("utf-8")))


def parse(text: str) -> Block:
    return parse_json_file(SourceFile(Path("main.tf.json"), "main.tf.json", text))


def syntax_error(text: str) -> HclSyntaxError:
    with pytest.raises(HclSyntaxError) as caught:
        parse(text)
    return caught.value


def block(top: Block, block_type: str, *labels: str) -> Block:
    found = [b for b in top.blocks if b.type == block_type and b.labels == labels]
    assert len(found) == 1, [(b.type, b.labels) for b in top.blocks]
    return found[0]


def json_expr(expr: Expr | JsonExpr) -> JsonExpr:
    assert isinstance(expr, JsonExpr), expr
    return expr


def value(expr: Expr | JsonExpr, scope: Context | None = None) -> Any:
    return json_expr(expr).evaluate(EVALUATOR, scope or context())


# -- blocks, attributes and their lines --------------------------------------------------------


def test_a_database_block_keeps_the_lines_of_the_block_and_its_arguments() -> None:
    top = fixture("db.tf.json")
    assert (top.type, top.start_line, top.end_line) == ("file", 1, 22)
    database = block(top, "resource", "aws_db_instance", "customers")
    assert (database.start_line, database.end_line) == (5, 19)
    assert database.attribute_lines["publicly_accessible"] == 10
    assert database.attribute_lines["storage_encrypted"] == 11
    assert database.attribute_lines["tags"] == 15
    assert json_expr(database.attributes["storage_encrypted"]).line == 11
    assert database.blocks == ()  # tags is a map argument, not a nested block


def test_the_database_is_public_and_unencrypted_once_evaluated() -> None:
    database = block(fixture("db.tf.json"), "resource", "aws_db_instance", "customers")
    scope = context(
        environment="prod",
        database_password="hunter2",
        settings={"retention_days": 7, "owners": ["payments"]},
    )
    values = {name: value(expr, scope) for name, expr in database.attributes.items()}
    assert values["publicly_accessible"] is True
    assert values["storage_encrypted"] is False
    assert values["allocated_storage"] == 20
    assert values["identifier"] == "customers-prod"
    assert values["backup_retention_period"] == 7  # a lone interpolation keeps its type
    assert values["tags"] == {"Name": "customers-prod", "Owner": "payments"}


def test_a_comment_property_is_ignored_in_block_bodies() -> None:
    top = fixture("db.tf.json")
    assert [b.type for b in top.blocks] == ["resource"]
    settings = block(fixture("variables.tf.json"), "variable", "settings")
    assert "//" not in settings.attributes
    lambda_function = block(fixture("network.tf.json"), "resource", "aws_lambda_function", "rotate")
    assert "//" not in lambda_function.attributes


def test_a_comment_property_inside_a_value_is_a_key_like_any_other() -> None:
    top = parse('{"resource": {"aws_s3_bucket": {"b": {"tags": {"//": "kept", "a": "b"}}}}}')
    tags = block(top, "resource", "aws_s3_bucket", "b").attributes["tags"]
    assert value(tags) == {"//": "kept", "a": "b"}


def test_text_is_a_compact_rendering_for_messages() -> None:
    database = block(fixture("db.tf.json"), "resource", "aws_db_instance", "customers")
    assert database.attributes["publicly_accessible"].text == "true"
    assert database.attributes["identifier"].text == '"customers-${var.environment}"'
    assert database.attributes["tags"].text == (
        '{"Name": "customers-${var.environment}", "Owner": "${var.settings.owners[0]}"}'
    )


# -- templates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ('"plain"', "plain"),
        ('""', ""),
        ('"${var.environment}-logs"', "prod-logs"),
        ('"${length(var.owners)}"', 2),
        ('"${var.owners}"', ["payments", "audit"]),
        ('"${upper(var.environment)}-${1 + 2}"', "PROD-3"),
        ('"$${not.interpolated}"', "${not.interpolated}"),
        ("3", 3),
        ("2.5", 2.5),
        ("-1e2", -100.0),
        ("null", None),
        ('[1, "${var.environment}", [true]]', [1, "prod", [True]]),
        ('{"${var.environment}-key": "${var.owners[1]}"}', {"prod-key": "audit"}),
    ],
)
def test_values_are_templates_and_literals(written: str, expected: Any) -> None:
    top = parse(f'{{"locals": {{"x": {written}}}}}')
    scope = context(environment="prod", owners=["payments", "audit"])
    assert value(block(top, "locals").attributes["x"], scope) == expected


def test_an_interpolated_reference_is_unresolved_and_an_unknown_key_unresolves_the_object() -> None:
    top = parse(
        '{"locals": {"arn": "${aws_s3_bucket.b.arn}/*", "map": {"${aws_s3_bucket.b.id}": 1},'
        ' "ref": "${aws_kms_key.k.arn}"}}'
    )
    values = block(top, "locals").attributes
    arn = value(values["arn"])
    assert isinstance(arn, Unresolved)
    assert arn.not_null
    assert isinstance(value(values["map"]), Unresolved)
    assert value(values["ref"]) == Reference("aws_kms_key.k", "arn", "json-syntax")


def test_keys_that_evaluate_alike_are_an_evaluation_failure() -> None:
    top = parse('{"locals": {"x": {"a": 1, "${\\"a\\"}": 2}}}')
    failure = value(block(top, "locals").attributes["x"])
    assert isinstance(failure, EvalFailure)
    assert "repeated" in failure.reason


def test_a_number_too_long_to_evaluate_is_a_failure_not_a_crash() -> None:
    top = parse('{"locals": {"x": ' + "9" * 5000 + ', "y": 1e400}}')
    values = block(top, "locals").attributes
    assert "more than 100 digits" in value(values["x"]).reason
    assert "a number this large" in value(values["y"]).reason


# -- variables, locals, outputs ----------------------------------------------------------------


def test_a_variable_type_is_an_expression_and_its_object_default_a_map() -> None:
    top = fixture("variables.tf.json")
    settings = block(top, "variable", "settings")
    assert (settings.start_line, settings.end_line) == (11, 22)
    declared = settings.attributes["type"]
    assert isinstance(declared, Expr)
    assert declared.text == "object({ retention_days = number, owners = list(string) })"
    assert declared.line == 13
    assert value(settings.attributes["default"]) == {"retention_days": 7, "owners": ["payments"]}
    assert settings.attribute_lines["default"] == 14
    [validation] = settings.blocks_of("validation")
    assert (validation.start_line, validation.end_line) == (18, 21)
    condition = validation.attributes["condition"]
    assert value(condition, context(settings={"retention_days": 3})) is False


def test_a_variable_default_is_read_literally_as_terraform_does() -> None:
    top = parse('{"variable": {"pattern": {"default": "${not_a_template}"}}}')
    default = block(top, "variable", "pattern").attributes["default"]
    assert value(default) == "${not_a_template}"


def test_a_sensitive_variable_says_so_as_the_adapter_reads_it() -> None:
    password = block(fixture("variables.tf.json"), "variable", "database_password")
    assert password.attributes["sensitive"].text.strip() == "true"


def test_locals_and_outputs() -> None:
    top = fixture("variables.tf.json")
    locals_ = block(top, "locals")
    assert locals_.attribute_lines == {"bucket_prefix": 25, "retention": 26, "literal_dollars": 27}
    scope = context(environment="prod", settings={"retention_days": 7})
    assert value(locals_.attributes["bucket_prefix"], scope) == "prod-logs"
    assert value(locals_.attributes["retention"], scope) == 7
    assert value(locals_.attributes["literal_dollars"], scope) == "${not.interpolated}"
    output = block(top, "output", "database_endpoint")
    endpoint = value(output.attributes["value"])
    assert endpoint == Reference("aws_db_instance.customers", "endpoint", "json-syntax")
    assert output.attributes["depends_on"].text == "[aws_db_instance.customers]"


# -- providers and modules ---------------------------------------------------------------------


def test_a_provider_array_gives_one_block_per_configuration() -> None:
    top = fixture("providers.tf.json")
    default, replica = (b for b in top.blocks if b.type == "provider")
    assert default.labels == replica.labels == ("aws",)
    assert (default.start_line, default.end_line) == (4, 11)
    assert (replica.start_line, replica.end_line) == (12, 15)
    assert "alias" not in default.attributes
    assert value(replica.attributes["alias"]) == "replica"
    [default_tags] = default.blocks_of("default_tags")
    assert default_tags.start_line == 6
    tags = value(default_tags.attributes["tags"], context(environment="prod"))
    assert tags == {"Environment": "prod"}


def test_a_module_call_passes_providers_and_inputs() -> None:
    call = block(fixture("providers.tf.json"), "module", "replica")
    assert (call.start_line, call.end_line) == (19, 28)
    providers = call.attributes["providers"]
    assert isinstance(providers, Expr)
    assert object_items_text(providers) == {"aws": "aws.replica"}
    assert providers.line == 21
    assert value(call.attributes["source"]) == "./modules/replica"
    assert call.attributes["source"].text.strip('"') == "./modules/replica"
    # A module's arguments are its inputs: an object is a value, never a nested block.
    assert call.blocks == ()
    assert value(call.attributes["tags"]) == {"Name": "replica"}
    scope = Context(Scope({}, {"bucket_prefix": "prod-logs"}))
    assert value(call.attributes["bucket_name"], scope) == "prod-logs-replica"


def test_provider_keys_with_an_alias_and_a_resource_provider_reference() -> None:
    top = parse(
        '{"module": {"m": {"source": "./m", "providers": {"aws.east": "aws.replica"}}},'
        ' "resource": {"aws_s3_bucket": {"b": {"provider": "aws.replica"}}}}'
    )
    assert object_items_text(block(top, "module", "m").attributes["providers"]) == {
        "aws.east": "aws.replica"
    }
    bucket = block(fixture("providers.tf.json"), "resource", "aws_s3_bucket", "logs")
    assert bucket.attributes["provider"].text == "aws.replica"
    assert bucket.attributes["provider"].line == 33
    assert bucket.attributes["depends_on"].text == "[module.replica]"


def test_a_child_module_in_json_syntax() -> None:
    top = fixture("modules/replica/main.tf.json")
    bucket = block(top, "resource", "aws_s3_bucket", "replica")
    assert value(bucket.attributes["tags"], context(tags={"a": "b"})) == {"a": "b"}
    assert value(block(top, "variable", "tags").attributes["default"]) == {}


# -- nested and dynamic blocks -----------------------------------------------------------------


def test_dynamic_blocks_take_their_label_and_content() -> None:
    group = block(fixture("network.tf.json"), "resource", "aws_security_group", "database")
    [dynamic] = group.blocks_of("dynamic")
    assert dynamic.labels == ("ingress",)
    assert (dynamic.start_line, dynamic.end_line) == (7, 16)
    iterator = dynamic.attributes["iterator"]
    assert isinstance(iterator, Expr)
    assert iterator.text == "cidr"
    cidrs = ["10.1.0.0/16"]
    assert value(dynamic.attributes["for_each"], context(allowed_cidrs=cidrs)) == cidrs
    [content] = dynamic.blocks_of("content")
    assert (content.start_line, content.end_line) == (10, 15)
    scope = context().with_names(cidr={"key": 0, "value": "10.1.0.0/16"})
    assert value(content.attributes["cidr_blocks"], scope) == ["10.1.0.0/16"]


def test_an_array_of_objects_is_one_nested_block_per_object() -> None:
    group = block(fixture("network.tf.json"), "resource", "aws_security_group", "database")
    first, second = group.blocks_of("egress")
    assert (first.start_line, first.end_line) == (19, 24)
    assert (second.start_line, second.end_line) == (25, 30)
    assert value(second.attributes["cidr_blocks"]) == ["0.0.0.0/0"]
    assert second.attribute_lines["protocol"] == 28


def test_lifecycle_is_a_block_whose_ignore_changes_are_expressions() -> None:
    group = block(fixture("network.tf.json"), "resource", "aws_security_group", "database")
    [lifecycle] = group.blocks_of("lifecycle")
    assert lifecycle.start_line == 32
    ignored = lifecycle.attributes["ignore_changes"]
    assert isinstance(ignored, Expr)
    assert ignored.text == "[tags, description]"
    assert value(lifecycle.attributes["create_before_destroy"]) is True


def test_map_arguments_stay_attributes_inside_nested_blocks() -> None:
    function = block(fixture("network.tf.json"), "resource", "aws_lambda_function", "rotate")
    [environment] = function.blocks_of("environment")
    assert (environment.start_line, environment.end_line) == (43, 47)
    assert value(environment.attributes["variables"], context(environment="prod")) == {
        "STAGE": "prod"
    }
    [vpc_config] = function.blocks_of("vpc_config")
    assert value(vpc_config.attributes["subnet_ids"]) == []  # an empty array is a value
    role = value(function.attributes["role"])
    assert role == Reference("aws_iam_role.rotate", "arn", "json-syntax")


def test_escaped_quotes_inside_an_interpolation() -> None:
    role = block(fixture("network.tf.json"), "resource", "aws_iam_role", "rotate")
    policy = value(role.attributes["assume_role_policy"])
    assert json.loads(policy) == {"Version": "2012-10-17", "Statement": []}


def test_a_for_each_map_is_a_value_not_a_block() -> None:
    top = parse('{"resource": {"aws_s3_bucket": {"b": {"for_each": {"a": "x"}, "bucket": "y"}}}}')
    bucket = block(top, "resource", "aws_s3_bucket", "b")
    assert bucket.blocks == ()
    assert value(bucket.attributes["for_each"]) == {"a": "x"}


def test_labels_and_bodies_may_be_arrays() -> None:
    top = parse(
        """{
  "resource": [
    {"aws_s3_bucket": {"a": {"bucket": "a"}}},
    {"aws_s3_bucket": [{"b": {"bucket": "b"}}, {"c": {"bucket": "c"}}]}
  ],
  "resource": {"aws_iam_user": {"u": {"provisioner": [
    {"local-exec": {"command": "echo", "environment": {"A": "b"}, "when": "destroy"}}
  ]}}}
}"""
    )
    names = [b.labels for b in top.blocks]
    assert names == [
        ("aws_s3_bucket", "a"),
        ("aws_s3_bucket", "b"),
        ("aws_s3_bucket", "c"),
        ("aws_iam_user", "u"),
    ]
    assert [b.start_line for b in top.blocks] == [3, 4, 4, 6]
    [provisioner] = top.blocks[3].blocks_of("provisioner")
    assert provisioner.labels == ("local-exec",)
    assert value(provisioner.attributes["environment"]) == {"A": "b"}
    assert provisioner.attributes["when"].text == "destroy"


def test_moved_import_and_check_blocks_are_kept() -> None:
    top = parse(
        """{
  "moved": {"from": "aws_s3_bucket.old", "to": "aws_s3_bucket.new"},
  "import": [{"to": "aws_s3_bucket.new", "id": "bucket-name"}],
  "check": {"health": {
    "data": {"http": {"site": {"url": "https://example.com"}}},
    "assert": {"condition": "${data.http.site.status_code == 200}", "error_message": "down"}
  }},
  "terraform": {"required_providers": {"aws": {"source": "hashicorp/aws"}},
                "backend": {"s3": {"bucket": "state"}}}
}"""
    )
    moved = block(top, "moved")
    assert moved.attributes["to"].text == "aws_s3_bucket.new"
    assert block(top, "import").attributes["to"].text == "aws_s3_bucket.new"
    check = block(top, "check", "health")
    assert [b.type for b in check.blocks] == ["data", "assert"]
    assert check.blocks[0].labels == ("http", "site")
    settings = block(top, "terraform")
    [required] = settings.blocks_of("required_providers")
    assert value(required.attributes["aws"]) == {"source": "hashicorp/aws"}
    assert settings.blocks_of("backend")[0].labels == ("s3",)


# -- what Terraform rejects --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "expected a value, found the end of the file"),
        ('{\n  "resource": {\n    "a": 1,\n  }\n}', 4, "no trailing comma"),
        ('{\n  "locals": {"x": [1, 2,]}\n}', 2, "no trailing comma"),
        ('{\n  "locals": {\n    "x" 1\n  }\n}', 3, "expected ':'"),
        ('{\n  "locals": {\n    x: 1\n  }\n}', 3, "property name in double quotes"),
        ('{\n  "locals": {"x": "unterminated\n"}\n}', 2, "not closed at the end of the line"),
        ('{"locals": {"x": "bad \\q escape"}}', 1, "invalid escape"),
        ('{"locals": {"x": 012}}', 1, "invalid number"),
        ('{"locals": {"x": NaN}}', 1, "expected a value"),
        ('{"locals": {"x": 1}} // comment', 1, "after the end of the document"),
        ('{"locals": {"x": 1}}\n{}', 2, "after the end of the document"),
        ("\ufeff{}", 1, "byte order mark"),
        ("[]", 1, "must hold a JSON object"),
        ('{\n\n  "resources": {}\n}', 3, "unsupported top-level property 'resources'"),
        ('{"resource": {"aws_s3_bucket": "b"}}', 1, 'resource "aws_s3_bucket": expected an'),
        ('{"resource": {"aws_s3_bucket": {"b": [1]}}}', 1, "block body must be an object"),
        ('{"variable": {"x": {"type": "list(string"}}}', 1, "'list(string' is not a valid"),
        ('{"resource": {"a_b": {"c": {"depends_on": ["x", "y z"]}}}}', 1, "'y z' is not a"),
        ('{"resource": {"a_b": {"c": {"provider": "aws.x\\nfoo = 1"}}}}', 1, "not a valid"),
    ],
)
def test_invalid_input_is_an_error_with_its_line(text: str, line: int, message: str) -> None:
    error = syntax_error(text)
    assert message in str(error)
    assert error.line == line


def test_a_repeated_argument_is_an_error_naming_it() -> None:
    error = syntax_error(
        '{"resource": {"aws_db_instance": {"db": {\n'
        '  "publicly_accessible": false,\n'
        '  "publicly_accessible": true\n'
        "}}}}"
    )
    assert "duplicate argument 'publicly_accessible' (first on line 2)" in str(error)
    assert error.line == 3


def test_a_repeated_key_in_a_value_is_an_error() -> None:
    error = syntax_error('{"locals": {"tags": {\n"Name": "a",\n"Name": "b"}}}')
    assert "duplicate key 'Name' (first on line 2)" in str(error)
    assert error.line == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"resource": {"aws_s3_bucket": {"b": {}}},\n"resource": {"aws_s3_bucket": {"b": {}}}}',
            'duplicate resource "aws_s3_bucket" "b" (first on line 1)',
        ),
        ('{"variable": {"x": {}},\n"variable": {"x": {}}}', 'duplicate variable "x"'),
        ('{"locals": {"x": 1},\n"locals": {"x": 2}}', "duplicate local value 'x'"),
        ('{"module": [{"m": {"source": "./a"}}, {"m": {"source": "./b"}}]}', 'module call "m"'),
        (
            '{"provider": {"aws": [{"region": "a"}, {"region": "b"}]}}',
            'provider configuration "aws"',
        ),
        (
            '{"provider": {"aws": [{"alias": "x"}, {"alias": "x"}]}}',
            'duplicate provider configuration "aws" alias "x"',
        ),
    ],
)
def test_a_repeated_block_is_an_error(text: str, message: str) -> None:
    error = syntax_error(text)
    assert message in str(error)


def test_repeated_block_types_merge_as_terraform_merges_them() -> None:
    top = parse(
        '{"resource": {"aws_s3_bucket": {"a": {}}},\n'
        ' "resource": {"aws_s3_bucket": {"b": {"ingress": {}, "ingress": {}}}}}'
    )
    assert [b.labels[1] for b in top.blocks] == ["a", "b"]
    assert len(top.blocks[1].blocks_of("ingress")) == 2


def test_deep_nesting_is_an_error_not_a_recursion_error() -> None:
    started = time.process_time()
    deep = '{"locals": {"x": ' + "[" * 100_000 + "]" * 100_000 + "}}"
    error = syntax_error(deep)
    assert f"more than {MAX_NESTING} levels deep" in str(error)
    assert time.process_time() - started < 1.0
    within = "[" * (MAX_NESTING - 2) + "]" * (MAX_NESTING - 2)
    top = parse('{"locals": {"x": ' + within + "}}")
    assert isinstance(value(block(top, "locals").attributes["x"]), list)


def test_a_large_document_parses_quickly() -> None:
    buckets = ", ".join(
        f'"b{i}": {{"bucket": "b-{i}-${{var.env}}", "tags": {{"n": "{i}"}}}}' for i in range(5000)
    )
    started = time.process_time()
    top = parse('{"resource": {"aws_s3_bucket": {' + buckets + "}}}")
    assert len(top.blocks) == 5000
    assert time.process_time() - started < 2.0


def test_the_json_parser_keeps_lines_and_decodes_escapes() -> None:
    parsed = parse_json('{\n  "a\\u00e9": "x\\ny",\n  "b": "\\ud800"\n}')
    assert isinstance(parsed, JsonObject)
    assert (parsed.line, parsed.end_line) == (1, 4)
    first, second = parsed.members
    assert (first.name, first.line) == ("aé", 2)
    assert first.value == JsonString("x\ny", 2)
    assert second.value == JsonString("\ufffd", 3)  # a lone surrogate cannot be written out


# -- the parser against Python's json module ---------------------------------------------------

PROPERTIES = settings(max_examples=100, deadline=None, derandomize=bool(os.environ.get("CI")))
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


def plain(node: JsonNode) -> Any:
    if isinstance(node, JsonObject):
        return {member.name: plain(member.value) for member in node.members}
    if isinstance(node, JsonArray):
        return [plain(item) for item in node.items]
    if isinstance(node, JsonNumber):
        return json.loads(node.text)
    if isinstance(node, JsonConstant):
        return node.value
    return node.text


@PROPERTIES
@given(data=JSON_VALUES, indent=st.none() | st.integers(0, 3))
def test_what_json_writes_is_read_back_alike(data: Any, indent: int | None) -> None:
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    assert plain(parse_json(text)) == json.loads(text)


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


@PROPERTIES
@given(text=st.text(alphabet='{}[]:,"\\ \n\tabeEflnrstu0123456789.+-', max_size=40))
def test_the_parser_accepts_exactly_the_json_that_json_accepts(text: str) -> None:
    try:
        json.loads(text, parse_constant=_refuse_constant)
        expected = True
    except ValueError:
        expected = False
    try:
        parse_json(text)
        accepted = True
    except HclSyntaxError as error:
        assert error.line is not None and error.line >= 1
        accepted = False
    assert accepted == expected
