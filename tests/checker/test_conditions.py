"""The condition language: operators, quantifiers, relations and three-valued logic."""

from __future__ import annotations

from typing import Any

import pytest

from checker.conditions import Scope, compile_condition
from checker.errors import PolicyError
from checker.index import ResourceIndex
from checker.models import Location, Reference, Resource, Unresolved
from checker.truth import Truth


def resource(address: str = "aws_x.a", resource_type: str = "aws_x", **attributes: Any) -> Resource:
    return Resource("terraform", resource_type, address, attributes, Location("main.tf", 1))


def truth(
    condition: dict[str, Any],
    subject: Resource,
    *others: Resource,
    parameters: dict[str, Any] | None = None,
) -> Truth:
    compiled = compile_condition(condition, parameters or {}, "assert")
    index = ResourceIndex([subject, *others])
    return compiled.evaluate(subject.attributes, Scope(index, subject, {})).truth


T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN


@pytest.mark.parametrize(
    ("condition", "attributes", "expected"),
    [
        ({"path": "a", "op": "equals", "value": True}, {"a": True}, T),
        ({"path": "a", "op": "equals", "value": True}, {"a": "true"}, T),
        ({"path": "a", "op": "equals", "value": 5}, {"a": "5"}, T),
        ({"path": "a", "op": "not_equals", "value": "x"}, {"a": "y"}, T),
        ({"path": "a", "op": "in", "value": ["x", "y"]}, {"a": "y"}, T),
        ({"path": "a", "op": "not_in", "value": ["x", "y"]}, {"a": "y"}, F),
        ({"path": "a", "op": "present"}, {"a": 0}, T),
        ({"path": "a", "op": "present"}, {"a": None}, F),
        ({"path": "a", "op": "present"}, {"a": ""}, F),
        ({"path": "a", "op": "present"}, {"a": "  "}, F),
        ({"path": "a", "op": "absent"}, {"a": ""}, T),
        ({"path": "a", "op": "present"}, {"a": "alias/payments"}, T),
        ({"path": "a", "op": "absent"}, {}, T),
        ({"path": "a", "op": "is_true"}, {"a": False}, F),
        ({"path": "a", "op": "is_false"}, {"a": False}, T),
        ({"path": "a", "op": "gte", "value": 365}, {"a": 400}, T),
        ({"path": "a", "op": "gte", "value": 365}, {"a": 30}, F),
        ({"path": "a", "op": "lt", "value": 91}, {"a": "90"}, T),
        ({"path": "a", "op": "gt", "value": 1}, {"a": "many"}, F),
        ({"path": "a", "op": "regex", "value": "^TLS-1-2"}, {"a": "TLS-1-2-2017"}, T),
        ({"path": "a", "op": "not_regex", "value": "(?i)password="}, {"a": "PASSWORD=x"}, F),
        ({"path": "a", "op": "contains", "value": "s3:*"}, {"a": ["s3:*"]}, T),
        ({"path": "a", "op": "contains", "value": "k"}, {"a": {"k": 1}}, T),
        ({"path": "a", "op": "not_contains", "value": "*"}, {"a": "s3:Get*"}, F),
        ({"path": "a", "op": "open_to_internet"}, {"a": ["10.0.0.0/8", "0.0.0.0/0"]}, T),
        ({"path": "a", "op": "open_to_internet"}, {"a": "::/0"}, T),
        ({"path": "a", "op": "open_to_internet"}, {"a": ["10.0.0.0/8"]}, F),
        ({"path": "a", "op": "matches_action", "value": "guardduty:DeleteDetector"}, {"a": "*"}, T),
        (
            {"path": "a", "op": "matches_action", "value": "guardduty:DeleteDetector"},
            {"a": "GuardDuty:Delete*"},
            T,
        ),
        (
            {"path": "a", "op": "matches_action", "value": "guardduty:DeleteDetector"},
            {"a": "guardduty:Del?teDetector"},
            T,
        ),
        (
            {"path": "a", "op": "matches_action", "value": "guardduty:DeleteDetector"},
            {"a": "guardduty:Update*"},
            F,
        ),
        (
            {"path": "a", "op": "matches_action", "value": "guardduty:DeleteDetectors"},
            {"a": "guardduty:DeleteDetector"},
            F,
        ),
        ({"path": "a", "op": "matches_action", "value": "s3:GetObject"}, {"a": ["s3:*"]}, F),
        ({"path": "a.b", "op": "equals", "value": 1}, {"a": [{"b": 1}, {"b": 1}]}, T),
        ({"path": "a.b", "op": "equals", "value": 1}, {"a": [{"b": 1}, {"b": 2}]}, F),
        ({"path": "a.b", "op": "equals", "value": 1}, {"a": '{"b": 1}'}, T),
        ({"path": "a", "op": "is_false", "default": False}, {}, T),
        ({"path": "a", "op": "is_true"}, {}, F),
        ({"ports": {"from": "f", "to": "t"}, "includes": [22]}, {"f": 0, "t": 65535}, T),
        ({"ports": {"from": "f", "to": "t"}, "includes": [22, 3389]}, {"f": 443, "t": 443}, F),
    ],
)
def test_operators(condition: dict[str, Any], attributes: dict[str, Any], expected: Truth) -> None:
    assert truth(condition, resource(**attributes)) is expected


def test_unknown_values_are_never_decided() -> None:
    unknown = Unresolved("var.x", "no value given")
    for op in ("equals", "not_equals", "is_true", "regex", "present"):
        condition: dict[str, Any] = {"path": "a", "op": op}
        if op in ("equals", "not_equals", "regex"):
            condition["value"] = "x"
        assert truth(condition, resource(a=unknown)) is U, op


def test_a_reference_is_present_but_cannot_be_compared() -> None:
    subject = resource(a=Reference("aws_kms_key.k", "arn"))
    assert truth({"path": "a", "op": "present"}, subject) is T
    assert truth({"path": "a", "op": "equals", "value": "arn:..."}, subject) is U


def test_any_and_all_decide_despite_unknown_branches() -> None:
    subject = resource(known=True, unknown=Unresolved("var.x", "no value"))
    known = {"path": "known", "op": "is_true"}
    unknown = {"path": "unknown", "op": "is_true"}
    assert truth({"any": [known, unknown]}, subject) is T
    assert truth({"all": [{"not": known}, unknown]}, subject) is F
    assert truth({"all": [known, unknown]}, subject) is U
    assert truth({"not": unknown}, subject) is U


def test_each_quantifiers() -> None:
    subject = resource(rules=[{"port": 22}, {"port": 443}])
    is_ssh = {"path": "port", "op": "equals", "value": 22}
    assert truth({"path": "rules", "some": is_ssh}, subject) is T
    assert truth({"path": "rules", "every": is_ssh}, subject) is F
    assert truth({"path": "rules", "none": is_ssh}, subject) is F
    assert truth({"path": "missing", "some": is_ssh}, subject) is F
    assert truth({"path": "missing", "none": is_ssh}, subject) is T


def test_related_resources_by_reference_or_by_name() -> None:
    bucket = resource("aws_s3_bucket.data", "aws_s3_bucket", bucket="statements")
    by_reference = resource(
        "aws_v.a", "aws_v", bucket=Reference("aws_s3_bucket.data", "id"), status="Enabled"
    )
    by_name = resource("aws_v.b", "aws_v", bucket="statements", status="Suspended")
    other = resource("aws_v.c", "aws_v", bucket="other", status="Suspended")
    enabled = {"path": "status", "op": "equals", "value": "Enabled"}
    related = {"resource": "aws_v", "by": "bucket"}
    assert truth({"related": related, "some": enabled}, bucket, by_reference, other) is T
    assert truth({"related": related, "every": enabled}, bucket, by_reference, by_name) is F
    assert truth({"related": related, "some": enabled}, bucket, other) is F


def test_a_related_resource_whose_link_is_unknown_makes_the_check_undecided() -> None:
    bucket = resource("aws_s3_bucket.data", "aws_s3_bucket", bucket="statements")
    unknown = resource("aws_v.a", "aws_v", bucket=Unresolved("var.name", "no value"))
    condition = {
        "related": {"resource": "aws_v", "by": "bucket"},
        "some": {"path": "status", "op": "present"},
    }
    assert truth(condition, bucket, unknown) is U


def test_follow_reads_the_resources_pointed_at() -> None:
    replication = resource("aws_r.r", "aws_r", destination=Reference("aws_s3_bucket.copy", "arn"))
    target = Resource(
        "terraform", "aws_s3_bucket", "aws_s3_bucket.copy", {}, Location(), region="us-east-1"
    )
    in_eu = {"path": "$region", "op": "in", "value": {"param": "regions"}}
    condition = {"follow": "destination", "every": in_eu}
    params = {"regions": ["eu-west-1"]}
    assert truth(condition, replication, target, parameters=params) is F
    assert truth(condition, replication, parameters=params) is U


def test_compile_errors_name_the_field() -> None:
    with pytest.raises(PolicyError, match=r"assert: operator 'equals' needs a value"):
        compile_condition({"path": "a", "op": "equals"}, {}, "assert")
    with pytest.raises(PolicyError, match=r"assert.value: parameter 'nope' is not defined"):
        compile_condition({"path": "a", "op": "in", "value": {"param": "nope"}}, {}, "assert")
    with pytest.raises(PolicyError, match=r"invalid regular expression"):
        compile_condition({"path": "a", "op": "regex", "value": "("}, {}, "assert")


def test_an_interpolated_unknown_string_is_present_but_not_comparable() -> None:
    subject = resource(a=Unresolved('"${aws_x.y.arn}:*"', "known only after apply", not_null=True))
    assert truth({"path": "a", "op": "present"}, subject) is T
    assert truth({"path": "a", "op": "equals", "value": "arn"}, subject) is U


def test_a_related_resource_that_could_not_be_expanded_makes_the_check_undecided() -> None:
    bucket = resource("aws_s3_bucket.data", "aws_s3_bucket", bucket="statements")
    unexpanded = Resource(
        "terraform",
        "aws_v",
        "aws_v.a",
        {},
        Location("main.tf", 3),
        unresolved=Unresolved("aws_s3_bucket.logs.id", "known only after apply"),
    )
    condition = {
        "related": {"resource": "aws_v", "by": "bucket"},
        "some": {"path": "status", "op": "present"},
    }
    assert truth(condition, bucket, unexpanded) is U


def test_alongside_reads_resources_of_the_same_configuration_only() -> None:
    instance = Resource("terraform", "aws_i", "aws_i.a", {}, Location(), namespace="prod")
    here = Resource(
        "terraform", "aws_d", "aws_d.on", {"enabled": True}, Location(), namespace="prod"
    )
    elsewhere = Resource(
        "terraform", "aws_d", "aws_d.on", {"enabled": True}, Location(), namespace="staging"
    )
    switched_off = Resource(
        "terraform", "aws_d", "aws_d.off", {"enabled": False}, Location(), namespace="prod"
    )
    unexpanded = Resource(
        "terraform",
        "aws_d",
        "aws_d.maybe",
        {},
        Location(),
        namespace="prod",
        unresolved=Unresolved("var.regions", "no value given"),
    )
    enabled = {"alongside": {"resource": "aws_d"}, "some": {"path": "enabled", "op": "is_true"}}
    assert truth(enabled, instance, here) is T
    assert truth(enabled, instance, elsewhere) is F
    assert truth(enabled, instance, switched_off) is F
    assert truth(enabled, instance, switched_off, unexpanded) is U
    is_on = {"path": "enabled", "op": "is_true"}
    assert truth({"alongside": {"resource": "aws_d"}, "none": is_on}, instance, switched_off) is T


def test_a_list_attribute_relates_to_each_resource_it_names() -> None:
    volume = resource("aws_ebs_volume.batch", "aws_ebs_volume", arn="arn:aws:ec2:vol-1")
    other = resource("aws_ebs_volume.scratch", "aws_ebs_volume")
    selection = resource(
        "aws_backup_selection.daily",
        "aws_backup_selection",
        resources=[Reference("aws_ebs_volume.batch", "arn"), "arn:aws:rds:db-1"],
    )
    related = {"resource": "aws_backup_selection", "by": "resources"}
    chosen = {"path": "$address", "op": "present"}
    assert truth({"related": related, "some": chosen}, volume, selection, other) is T
    assert truth({"related": related, "some": chosen}, other, selection, volume) is F


def test_entries_let_a_quantifier_judge_the_keys_of_a_map() -> None:
    function = resource(variables={"DB_PASSWORD": "x", "LOG_LEVEL": "info"})
    secret_named = {"path": "key", "op": "regex", "value": "PASSWORD"}
    assert truth({"path": "variables.$entries", "some": secret_named}, function) is T
    assert truth({"path": "variables.$entries", "none": secret_named}, function) is F
    quiet = resource(variables={"LOG_LEVEL": "info"})
    assert truth({"path": "variables.$entries", "none": secret_named}, quiet) is T
    assert truth({"path": "absent.$entries", "none": secret_named}, quiet) is T


def test_is_reference_tells_a_reference_from_a_written_value() -> None:
    condition = {"path": "policy_arn", "op": "is_reference"}
    assert truth(condition, resource(policy_arn=Reference("aws_iam_policy.app", "arn"))) is T
    admin = "arn:aws:iam::aws:policy/AdministratorAccess"
    assert truth(condition, resource(policy_arn=admin)) is F
    assert truth(condition, resource(policy_arn=Unresolved("var.policy", "no value"))) is U
    assert truth(condition, resource()) is F
    partly = Unresolved("arn:${local.partition}:iam::aws:policy/X", "unknown", True, ("arn:", None))
    assert truth(condition, resource(policy_arn=partly)) is F
    judged = {
        "any": [condition, {"path": "policy_arn", "op": "not_regex", "value": "Administrator"}]
    }
    assert truth(judged, resource(policy_arn=Reference("aws_iam_policy.app", "arn"))) is T
    assert truth(judged, resource(policy_arn=admin)) is F


def reason(condition: dict[str, Any], subject: Resource, *others: Resource) -> tuple[Truth, str]:
    compiled = compile_condition(condition, {}, "assert")
    index = ResourceIndex([subject, *others])
    outcome = compiled.evaluate(subject.attributes, Scope(index, subject, {}))
    return outcome.truth, outcome.reason


OPEN = {"path": "cidr_blocks", "op": "open_to_internet"}


@pytest.mark.parametrize(
    ("condition", "attributes", "expected"),
    [
        # What a pass says holds, what a fail says was found against what was required.
        ({"path": "a", "op": "is_true"}, {"a": True}, (T, "a is true")),
        ({"path": "a", "op": "is_true"}, {"a": False}, (F, "a is false (expected to be true)")),
        (
            {"path": "a", "op": "gte", "value": 7},
            {},
            (F, "a is absent (expected to be at least 7)"),
        ),
        # Under `not`, the clause reads as a negation, never as what was expected.
        ({"not": OPEN}, {}, (T, "cidr_blocks is absent (not open to the internet)")),
        (
            {"not": OPEN},
            {"cidr_blocks": ["10.0.0.0/8"]},
            (T, "cidr_blocks is ['10.0.0.0/8'] (not open to the internet)"),
        ),
        (
            {"not": OPEN},
            {"cidr_blocks": ["0.0.0.0/0"]},
            (F, "cidr_blocks is ['0.0.0.0/0'] (open to the internet)"),
        ),
        (
            {"not": {"path": "e", "op": "equals", "value": "Allow"}},
            {"e": "Deny"},
            (T, "e is 'Deny' (not 'Allow')"),
        ),
        (
            {"not": {"path": "e", "op": "equals", "value": "Allow"}},
            {"e": "Allow"},
            (F, "e is 'Allow'"),
        ),
        (
            {"not": {"path": "p", "op": "in", "value": ["-1", "all"]}},
            {"p": "tcp"},
            (T, "p is 'tcp' (not one of ['-1', 'all'])"),
        ),
        (
            {"not": {"not": OPEN}},
            {},
            (F, "cidr_blocks is absent (expected to be open to the internet)"),
        ),
        # Values written in the control are shown as written: patterns unquoted, maps in full.
        ({"path": "a", "op": "regex", "value": r"\S"}, {"a": "x"}, (T, r"a matches /\S/")),
        (
            {"path": "a", "op": "in", "value": [{"AWS": "*"}]},
            {"a": "x"},
            (F, "a is 'x' (expected to be one of [{AWS: '*'}])"),
        ),
    ],
)
def test_reasons_read_the_right_way_round(
    condition: dict[str, Any], attributes: dict[str, Any], expected: tuple[Truth, str]
) -> None:
    assert reason(condition, resource(**attributes)) == expected


def test_a_fact_found_by_several_branches_is_said_once() -> None:
    retention = {
        "any": [
            {"path": "days", "op": "absent"},
            {"path": "days", "op": "equals", "value": 0},
            {"path": "days", "op": "gte", "value": 365},
        ]
    }
    assert reason(retention, resource(days=30)) == (
        F,
        "days is 30 (expected to equal 0 or be at least 365)",
    )
    max_age = {
        "all": [
            {"path": "age", "op": "lte", "value": 90},
            {"path": "age", "op": "gt", "value": 0},
        ]
    }
    assert reason(max_age, resource()) == (
        F,
        "age is absent (expected to be at most 90 and greater than 0)",
    )
    between = {
        "all": [
            {"path": "days", "op": "gte", "value": 1},
            {"path": "days", "op": "lte", "value": 90},
        ]
    }
    assert reason(between, resource()) == (
        F,
        "days is absent (expected to be at least 1 and at most 90)",
    )
    # Beside what was required, how a forbidden value reads is left out.
    forced = {
        "any": [
            {"path": "value", "op": "equals", "value": 1},
            {"not": {"path": "value", "op": "not_equals", "value": 1}},
        ]
    }
    assert reason(forced, resource(value="0")) == (F, "value is '0' (expected to equal 1)")
    # A fact that fails an `all` on its own says enough; "no resource at" it adds nothing.
    key = {
        "all": [
            {"path": "key", "op": "present"},
            {"follow": "key", "some": {"path": "$type", "op": "equals", "value": "aws_kms_key"}},
            {"path": "key", "op": "not_regex", "value": "alias/aws/"},
        ]
    }
    assert reason(key, resource()) == (F, "key is absent")
    entries = {"path": "default.$entries", "none": {"path": "key", "op": "present"}}
    assert reason({"all": [{"path": "default", "op": "absent"}, entries]}, resource()) == (
        T,
        "default is absent",
    )
    reference = {"all": [{"path": "key", "op": "present"}, {"path": "key", "op": "is_reference"}]}
    assert reason(reference, resource(key=Reference("aws_kms_key.k", "arn"))) == (
        T,
        "key is `aws_kms_key.k.arn`, a reference",
    )


def test_subjects_in_the_same_state_share_one_clause_but_values_stay_apart() -> None:
    keys = {
        "all": [{"path": name, "op": "absent"} for name in ("access_key", "secret_key", "token")]
    }
    assert reason(keys, resource()) == (T, "access_key, secret_key and token are absent")
    both_open = {"any": [OPEN, {"path": "ipv6_cidr_blocks", "op": "open_to_internet"}]}
    assert reason({"not": both_open}, resource()) == (
        T,
        "cidr_blocks and ipv6_cidr_blocks are absent (not open to the internet)",
    )
    same = {"all": [{"path": name, "op": "equals", "value": "x"} for name in ("a", "b")]}
    assert reason(same, resource(a="x", b="x")) == (T, "a is 'x'; b is 'x'")


def test_another_resource_is_named_once_after_what_was_found_here() -> None:
    bucket = resource("aws_s3_bucket.data", "aws_s3_bucket", bucket="statements", acl="private")
    versioning = resource(
        "aws_v.a", "aws_v", bucket=Reference("aws_s3_bucket.data", "id"), status="Suspended"
    )
    condition = {
        "any": [
            {"path": "acl", "op": "equals", "value": "log-delivery-write"},
            {
                "related": {"resource": "aws_v", "by": "bucket"},
                "some": {
                    "all": [
                        {"path": "status", "op": "equals", "value": "Enabled"},
                        {"path": "mfa", "op": "is_true"},
                    ]
                },
            },
        ]
    }
    assert reason(condition, bucket, versioning) == (
        F,
        "acl is 'private' (expected to equal 'log-delivery-write'); "
        "aws_v.a: status is 'Suspended' (expected to equal 'Enabled'); "
        "mfa is absent (expected to be true)",
    )


def test_the_elements_a_quantifier_judges_are_named_by_its_path() -> None:
    closed = {"path": "ingress", "none": {"op": "present"}}
    assert reason(closed, resource(ingress=[{"from": 22}])) == (F, "ingress is present")
    assert reason(closed, resource()) == (T, "no element in ingress")
    wildcard = {"path": "Action", "some": {"op": "equals", "value": "*"}}
    assert reason(wildcard, resource(Action=["s3:Get", "*"])) == (T, "an element of Action is '*'")
    assert reason(wildcard, resource(Action=["*"])) == (T, "Action is '*'")


def test_one_comparison_tells_apart_values_that_print_alike() -> None:
    # Outcomes are kept per distinct plain value: true, 1 and "1" must not share one.
    compiled = compile_condition({"path": "a", "op": "equals", "value": 1}, {}, "assert")
    outcomes = []
    for value in (1, True, "1", 1, 1.0, None, True):
        subject = resource(a=value)
        index = ResourceIndex([subject])
        outcomes.append(compiled.evaluate(subject.attributes, Scope(index, subject, {})))
    truths = [outcome.truth for outcome in outcomes]
    assert truths == [T, F, T, T, T, F, F]
    reasons = [outcome.reason for outcome in outcomes]
    assert reasons[0] == reasons[3] and len({reasons[0], reasons[1], reasons[2]}) == 3
    assert "'1'" in reasons[2] and "true" in reasons[1]


def test_a_comparison_records_what_it_read_on_every_resource_it_judges() -> None:
    compiled = compile_condition({"path": "a", "op": "is_true"}, {}, "assert")
    for address in ("aws_x.a", "aws_x.b"):
        subject = resource(address, a=True)
        observed: dict[str, Any] = {}
        compiled.evaluate(subject.attributes, Scope(ResourceIndex([subject]), subject, observed))
        assert observed == {f"{address}:a": [True]}


def test_matching_an_action_pattern_is_linear_in_practice() -> None:
    pattern = "*a" * 40 + "b"
    condition = {"path": "a", "op": "matches_action", "value": "a" * 5000}
    assert truth(condition, resource(a=pattern)) is F
