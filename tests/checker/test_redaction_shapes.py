"""Secrets are known by their shape and their origin as well as by their name.

Every secret here is fake, made up for the tests.
"""

from __future__ import annotations

import json

import pytest

from checker.redaction import (
    MASK,
    SensitiveText,
    is_environment_secret_name,
    mark_sensitive,
    redact,
    redact_lines,
    redact_text,
)

PEM_BODY = (
    "MIIEowIBAAKCAQEAfakeFAKEfakeFAKEfakeFAKEfakeFAKEfakeFAKEfakeFAKE0",
    "ZmFrZS1wZW0tYm9keS1saW5lLXR3by1mb3ItdGVzdHMtb25seS1mYWtlLWZha2U=",
)
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYWtlLXRlc3QifQ.ZmFrZVNpZ25hdHVyZUZvclRlc3Rz"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"SESSION={JWT}", "SESSION=eyJ****.****.****"),
        ("clone with ghp_FakeFakeFake0123456789abcdefABCDEF012", "clone with ghp_****"),
        ("github_pat_11FAKEFAKE0123456789_abcdefghijklmnopqrstuv", "github_pat_****"),
        ("slack xoxb-0000000000-FakeSlackTokenValue", "slack xoxb-****"),
        ("charge with sk_live_FakeStripeKey0123456789", "charge with sk_live_****"),
        (
            'curl -H "Authorization: Bearer fakeBearer0123456789"',
            'curl -H "Authorization: Bearer ****"',
        ),
        ("Authorization: Basic ZmFrZTpmYWtl", "Authorization: Basic ****"),
        (
            "aws configure set aws_secret_access_key FakeFakeFakeSecretAccessKey0123456789/+a",
            "aws configure set aws_secret_access_key ****",
        ),
        ("mysql://root:fake-pass@db:3306/app", "mysql://root:****@db:3306/app"),
        ("export DB_PASS=fake-db-pass STRIPE_KEY=fake-key", "export DB_PASS=**** STRIPE_KEY=****"),
        ("mysql --user=root --password 'fake pass' app", "mysql --user=root --password '****' app"),
        ('{"api_key": "fake value with spaces"}', '{"api_key": "****"}'),
        ('{ name = "DB_PASS", value = "fake-db-pass" }', '{ name = "DB_PASS", value = "****" }'),
        (
            "cards 4012-8888-8888-1881, 5555 5555 5555 4444",
            "cards 401288******1881, 555555******4444",
        ),
    ],
)
def test_secrets_are_masked_by_shape_keeping_what_names_them(text: str, expected: str) -> None:
    assert redact_text(text) == expected
    # Reports redact what collection redacted once more: a mask must come through unchanged.
    assert redact_text(expected) == expected


@pytest.mark.parametrize(
    "text",
    [
        'http_tokens = "optional"',
        "LOG_LEVEL=info",
        "KMS_KEY_ARN=arn:aws:kms:eu-west-1:111122223333:key/abc",
        "AUTH_URL=https://auth.example.com/login",
        "DB_PASSWORD=$DB_PASSWORD",
        '{ name = "LOG_LEVEL", value = "info" }',
        "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ledger-db",
        "the bearer of a card",
    ],
)
def test_settings_and_references_stay_readable(text: str) -> None:
    assert redact_text(text) == text


def test_a_private_key_is_masked_whole_in_text_and_line_by_line() -> None:
    key = ["-----BEGIN RSA PRIVATE KEY-----", *PEM_BODY, "-----END RSA PRIVATE KEY-----"]
    masked = redact_text("\n".join(["before", *key, "after"]))
    assert masked == f"before\n-----BEGIN RSA PRIVATE KEY----- {MASK}\nafter"
    assert redact_text(masked) == masked
    lines = ["  user_data = <<-EOT", *(f"    {line}" for line in key), "  EOT"]
    assert redact_lines(lines) == [
        "  user_data = <<-EOT",
        f"    -----BEGIN RSA PRIVATE KEY----- {MASK}",
        f"    {MASK}",
        f"    {MASK}",
        "    -----END RSA PRIVATE KEY-----",
        "  EOT",
    ]


def test_a_key_without_its_end_masks_the_rest() -> None:
    assert redact_text(f"-----BEGIN PRIVATE KEY-----\n{PEM_BODY[0]}") == (
        f"-----BEGIN PRIVATE KEY----- {MASK}"
    )


def test_environment_values_are_masked_by_a_wider_rule_and_by_shape() -> None:
    variables = {
        "LOG_LEVEL": "info",
        "AWS_REGION": "eu-west-1",
        "QUEUE_ARN": "arn:aws:sqs:eu-west-1:111122223333:jobs",
        "DB_PASS": "fake-db-pass",
        "STRIPE_KEY": "fake-stripe-key",
        "SENTRY_DSN": "https://fakekey@o1.ingest.example/2",
        "OBJECTS": "FakeFakeFakeSecretAccessKey0123456789/+a",
        "UPSTREAM": "ghp_FakeFakeFake0123456789abcdefABCDEF012",
        "DEBUG": "true",
    }
    lambda_function = redact({"environment": [{"variables": variables}]})
    assert lambda_function["environment"][0]["variables"] == {
        "LOG_LEVEL": "info",
        "AWS_REGION": "eu-west-1",
        "QUEUE_ARN": "arn:aws:sqs:eu-west-1:111122223333:jobs",
        "DB_PASS": MASK,
        "STRIPE_KEY": MASK,
        "SENTRY_DSN": MASK,
        "OBJECTS": MASK,
        "UPSTREAM": "ghp_****",
        "DEBUG": "true",
    }
    entries = [{"name": name, "value": value} for name, value in variables.items()]
    masked = redact({"containerDefinitions": [{"environment": entries}]})
    shown = {e["name"]: e["value"] for e in masked["containerDefinitions"][0]["environment"]}
    assert shown == lambda_function["environment"][0]["variables"]


def test_outside_an_environment_short_names_are_not_secrets() -> None:
    assert redact({"tags": {"Pass": "through", "KeyPair": "ops"}}) == {
        "tags": {"Pass": "through", "KeyPair": "ops"}
    }
    assert not is_environment_secret_name("DB_PASS_FILE")
    assert is_environment_secret_name("db-pass")


def test_a_json_document_in_a_string_is_redacted_as_a_structure() -> None:
    containers = json.dumps(
        [{"name": "api", "environment": [{"name": "DB_PASS", "value": "fake-db-pass"}]}]
    )
    redacted = json.loads(redact({"container_definitions": containers})["container_definitions"])
    assert redacted == [{"name": "api", "environment": [{"name": "DB_PASS", "value": MASK}]}]
    policy = json.dumps(
        {
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": "kms:GenerateDataKey",
                    "Resource": "arn:aws:secretsmanager:*",
                    "Condition": {"StringEquals": {"secretsmanager:SecretId": "ledger-db"}},
                }
            ]
        }
    )
    assert redact({"policy": policy}) == {"policy": policy}


def test_a_sensitive_string_masks_only_its_secrets_and_them_everywhere() -> None:
    token = "fake-sensitive-token"
    script = SensitiveText(f"export DEPLOY={token}\nrun", {token})
    decoded = f"echo {token}"  # user data decoded from a sensitive base64 argument
    assert redact({"user_data": script, "decoded": decoded, "name": "web"}) == {
        "user_data": f"export DEPLOY={MASK}\nrun",
        "decoded": f"echo {MASK}",
        "name": "web",
    }
    assert redact(mark_sensitive({"a": ["fake-1"], "n": 3})) == {"a": [MASK], "n": 3}
    assert redact(SensitiveText("AB12", {"fake-secret-transformed"})) == MASK
    assert redact(mark_sensitive("")) == ""


def test_a_sensitive_map_default_is_masked_in_every_value() -> None:
    from checker.redaction import redact_variable

    assert redact_variable("settings", {"user": "app", "pin": "fake-1"}, True) == {
        "user": MASK,
        "pin": MASK,
    }
