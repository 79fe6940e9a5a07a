"""Secrets and card numbers are masked where they are collected."""

from __future__ import annotations

from checker.redaction import MASK, redact, redact_text, redact_variable


def test_values_under_secret_names_are_masked_but_identifiers_are_kept() -> None:
    redacted = redact(
        {
            "password": "hunter2-for-tests",
            "secret_key": "fake-secret",
            "secret_id": "arn:aws:secretsmanager:eu-west-1:1:secret:db",
            "kms_key_id": "alias/data",
            "name": "ledger",
        }
    )
    assert redacted == {
        "password": MASK,
        "secret_key": MASK,
        "secret_id": "arn:aws:secretsmanager:eu-west-1:1:secret:db",
        "kms_key_id": "alias/data",
        "name": "ledger",
    }


def test_environment_entries_that_name_a_secret_are_masked() -> None:
    entries = [{"name": "DB_PASSWORD", "value": "fake"}, {"name": "LOG_LEVEL", "value": "info"}]
    assert redact({"environment": entries})["environment"] == [
        {"name": "DB_PASSWORD", "value": MASK},
        {"name": "LOG_LEVEL", "value": "info"},
    ]


def test_free_text_keeps_its_shape_without_the_secret() -> None:
    text = "export DB_PASSWORD=fake-value-1\nKEY=AKIAABCDEFGHIJKL1234\ncard 4111 1111 1111 1111"
    assert redact_text(text) == (
        f"export DB_PASSWORD={MASK}\nKEY=AKIAABCDXXXXXXXX1234\ncard 411111******1111"
    )


def test_numbers_that_fail_the_luhn_check_are_not_card_numbers() -> None:
    assert redact_text("order 4111111111111112") == "order 4111111111111112"


def test_sensitive_or_secret_named_variables_are_masked_whole() -> None:
    assert redact_variable("db_password", "fake", None) == MASK
    assert redact_variable("greeting", "hello", True) == MASK
    assert redact_variable("db_password", "", None) == ""
    assert redact_variable("environment", "prod", False) == "prod"


def test_arns_of_secrets_are_not_mistaken_for_assigned_secrets() -> None:
    arn = "--secret-id arn:aws:secretsmanager:eu-west-1:111122223333:secret:ledger-db"
    assert redact_text(arn) == arn


def test_connection_string_passwords_and_private_keys_are_masked() -> None:
    assert redact_text("postgresql://app:s3cr3t-value@db.internal:5432/ledger") == (
        f"postgresql://app:{MASK}@db.internal:5432/ledger"
    )
    pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEfake\n-----END RSA PRIVATE KEY-----"
    assert redact_text(pem) == f"-----BEGIN RSA PRIVATE KEY----- {MASK}"


def test_settings_named_like_secrets_stay_readable() -> None:
    assert redact({"metadata_options": [{"http_tokens": "required"}]}) == {
        "metadata_options": [{"http_tokens": "required"}]
    }


def test_credential_report_columns_about_a_secret_stay_readable() -> None:
    row = {
        "password_enabled": "true",
        "password_last_used": "2026-11-02T10:00:00+00:00",
        "password_next_rotation": "N/A",
        "access_key_1_active": "false",
        "access_key_1_last_rotated": "N/A",
        "access_key_2_last_used_service": "s3",
        "password": "Hunter2-real-secret",
        "access_key": "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY00",
    }
    redacted = redact(row)
    assert {k: v for k, v in redacted.items() if v != MASK} == {
        k: v for k, v in row.items() if k not in ("password", "access_key")
    }
    assert redacted["password"] == MASK and redacted["access_key"] == MASK


def test_action_names_in_error_messages_stay_readable() -> None:
    message = "not authorized to perform: secretsmanager:ListSecrets on resource: *"
    assert redact_text(message) == message
    assert redact_text("Allow secretsmanager:* on *") == "Allow secretsmanager:* on *"
    assert redact_text("secret:Hunter2Password") == f"secret:{MASK}"


def test_camel_case_settings_are_judged_like_snake_case_ones() -> None:
    options = {"HttpTokens": "required", "KmsKeyId": "alias/ledger", "SecretString": "hunter2-x"}
    assert redact(options) == {**options, "SecretString": MASK}
