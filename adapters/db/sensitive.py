"""Which tables and columns hold sensitive data: a data map, and a column-name heuristic.

The data map is the owner's statement (`--data-map FILE`); the heuristic catches what the map
forgets. Classes: `pan` (primary account numbers), `cardholder` (other account data: expiry,
cardholder name, security codes) and `personal` (GDPR personal data).

```yaml
tables:                      # every column of these tables
  payments.cards: cardholder
columns:
  payments.cards.pan: pan
  customers.customers.email: personal
ignore:                      # columns the heuristic flags wrongly
  - payments.card_brands.name
```
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from adapters.base import AdapterError
from adapters.db.catalog import Column, Relation
from checker.settings_file import read_settings

CLASSES = ("pan", "cardholder", "personal")

# Column-name words by class. A name is matched word by word (`billing_address` has the word
# `address`) or as a whole (`cardnumber`), so `company` never matches `pan`.
_NAME_HEURISTIC: dict[str, frozenset[str]] = {
    "pan": frozenset(
        {
            "pan",
            "card_number",
            "cardnumber",
            "card_no",
            "card_num",
            "cc_number",
            "ccnumber",
            "cc_num",
            "credit_card",
            "creditcard",
            "primary_account_number",
            "account_number_pan",
        }
    ),
    "cardholder": frozenset(
        {
            "cvv",
            "cvv2",
            "cvc",
            "cvc2",
            "cid",
            "card_expiry",
            "card_expiration",
            "expiry_date",
            "exp_month",
            "exp_year",
            "expiry",
            "cardholder",
            "cardholder_name",
            "card_holder",
            "track_data",
            "track1",
            "track2",
            "pin_block",
        }
    ),
    "personal": frozenset(
        {
            "email",
            "e_mail",
            "phone",
            "phone_number",
            "mobile",
            "msisdn",
            "date_of_birth",
            "dob",
            "birth_date",
            "birthdate",
            "birthday",
            "ssn",
            "social_security_number",
            "national_id",
            "tax_id",
            "passport",
            "passport_number",
            "address",
            "street",
            "postcode",
            "postal_code",
            "zip_code",
            "iban",
            "bank_account",
            "account_number",
            "first_name",
            "last_name",
            "full_name",
            "surname",
            "ip_address",
        }
    ),
}
# Words that say a column holds a stand-in, not the data: `pan_token`, `card_number_hash`,
# `last4`, `email_verified`.
_NOT_THE_DATA = frozenset(
    {
        "token",
        "tokenized",
        "hash",
        "hashed",
        "digest",
        "last4",
        "last_four",
        "masked",
        "encrypted",
        "enc",
        "fingerprint",
        "id",
        "brand",
        "type",
        "verified",
        "confirmed",
        "present",
        "count",
    }
)
_NOT_DATA_TYPES = ("bool", "boolean", "tinyint(1)")
_WORD = re.compile(r"[a-z0-9]+")
# Where a camelCase name (an ORM's default: `nationalId`, `IPAddress`) starts a new word.
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def heuristic_class(column: Column) -> str | None:
    """The class a column's name suggests, or None."""
    if column.data_type.lower().startswith(_NOT_DATA_TYPES):
        return None
    words = _WORD.findall(_CAMEL.sub("_", column.name).lower())
    for data_class in CLASSES:
        named = _named_words(words, _NAME_HEURISTIC[data_class])
        # The words left say whether it is a stand-in (`pan_token`, `national_id_hash`); the
        # name's own words do not (`id` in `national_id`).
        left = (word for i, word in enumerate(words) if i not in named)
        if named and not _NOT_THE_DATA.intersection(left):
            return data_class
    return None


def _named_words(words: list[str], names: frozenset[str]) -> set[int]:
    """The positions of the words that spell one of `names`: the whole name, one word, or two
    words in a row."""
    if "_".join(words) in names:
        return set(range(len(words)))
    found = {i for i, word in enumerate(words) if word in names}
    for i, (first, second) in enumerate(itertools.pairwise(words)):
        if f"{first}_{second}" in names:
            found.update((i, i + 1))
    return found


@dataclass(frozen=True)
class DataMap:
    """The owner's statement of which tables and columns hold which class of data."""

    tables: Mapping[str, str] = field(default_factory=dict)
    columns: Mapping[str, str] = field(default_factory=dict)
    ignore: frozenset[str] = frozenset()
    path: Path | None = None

    def classify(self, relation: Relation, column: Column) -> tuple[str | None, str]:
        """The column's class and where it came from (`data map`, `name`), or None."""
        address = f"{relation.address}.{column.name}"
        if address in self.columns:
            return self.columns[address], "data map"
        if address in self.ignore:
            return None, "data map"
        if relation.address in self.tables:
            return self.tables[relation.address], "data map"
        found = heuristic_class(column)
        return found, "column name" if found else ""


def _class_of(value: Any, where: str) -> str:
    if value not in CLASSES:
        raise AdapterError(f"{where}: {value!r} is not a data class ({', '.join(CLASSES)})")
    return str(value)


def _mapping(data: Mapping[str, Any], key: str, where: str) -> dict[str, str]:
    section = data.get(key) or {}
    if not isinstance(section, dict):
        raise AdapterError(f"{where}: {key}: expected a mapping of name to class")
    return {
        str(name): _class_of(value, f"{where}: {key}.{name}") for name, value in section.items()
    }


def load_data_map(path: Path) -> DataMap:
    """Read and check a data map file; every problem names the file and the key."""
    data = read_settings(path, "--data-map")
    where = str(path)
    if not isinstance(data, dict):
        raise AdapterError(f"{where}: expected a mapping with tables, columns and ignore")
    unknown = sorted(set(data) - {"tables", "columns", "ignore"})
    if unknown:
        raise AdapterError(f"{where}: unknown key(s) {', '.join(unknown)}")
    ignore = data.get("ignore") or []
    if not isinstance(ignore, list) or not all(isinstance(item, str) for item in ignore):
        raise AdapterError(f"{where}: ignore: expected a list of schema.table.column names")
    return DataMap(
        tables=_mapping(data, "tables", where),
        columns=_mapping(data, "columns", where),
        ignore=frozenset(ignore),
        path=path,
    )
