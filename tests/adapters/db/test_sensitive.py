"""Which columns count as card, cardholder or personal data."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.base import AdapterError
from adapters.db.catalog import Column, Relation
from adapters.db.sensitive import heuristic_class, load_data_map


@pytest.mark.parametrize(
    ("name", "data_type", "expected"),
    [
        ("pan", "text", "pan"),
        ("card_number", "varchar(19)", "pan"),
        ("CardNumber", "text", "pan"),
        ("cvv", "char(3)", "cardholder"),
        ("cardholder_name", "text", "cardholder"),
        ("email", "citext", "personal"),
        ("billing_address", "text", "personal"),
        ("date_of_birth", "date", "personal"),
        ("iban", "text", "personal"),
        ("pan_token", "text", None),
        ("card_number_hash", "bytea", None),
        ("last4", "char(4)", None),
        ("email_verified", "boolean", None),
        ("company", "text", None),
        ("span", "text", None),
        ("customer_id", "bigint", None),
        # `id` is part of these names, not a sign of a stand-in.
        ("national_id", "text", "personal"),
        ("tax_id", "varchar(20)", "personal"),
        ("customer_national_id", "text", "personal"),
        ("TaxId", "text", "personal"),
        ("nationalId", "text", "personal"),
        ("billingAddress", "text", "personal"),
        ("IPAddress", "inet", "personal"),
        ("panToken", "text", None),
        ("national_id_hash", "bytea", None),
        ("tax_id_type", "text", None),
        ("address_id", "bigint", None),
    ],
)
def test_column_names(name: str, data_type: str, expected: str | None) -> None:
    assert heuristic_class(Column(name, data_type)) == expected


def test_the_data_map_wins_over_the_heuristic(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        "tables: {payments.vault: cardholder}\n"
        "columns: {crm.people.handle: personal}\n"
        "ignore: [crm.people.email]\n",
        encoding="utf-8",
    )
    data_map = load_data_map(path)
    people = Relation("crm", "people", "table", "app")
    vault = Relation("payments", "vault", "table", "app")
    assert data_map.classify(people, Column("handle", "text")) == ("personal", "data map")
    assert data_map.classify(people, Column("email", "text")) == (None, "data map")
    assert data_map.classify(vault, Column("blob", "bytea")) == ("cardholder", "data map")
    assert data_map.classify(people, Column("phone", "text")) == ("personal", "column name")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("columns: {a.b.c: secret}\n", "'secret' is not a data class"),
        ("tables: [a.b]\n", "tables: expected a mapping"),
        ("colums: {}\n", "unknown key(s) colums"),
        ("ignore: a.b.c\n", "ignore: expected a list"),
    ],
)
def test_a_bad_data_map_is_refused_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AdapterError) as raised:
        load_data_map(path)
    assert str(path) in str(raised.value)
    assert message in str(raised.value)
