"""Masking secrets and card numbers where values are collected, so that none reaches a report.

Adapters pass every collected value through `redact` before it enters a snapshot. Masks keep
the shape a check looks for (a masked password is still present and still looks assigned;
a masked access key still looks like an access key), but never the secret itself.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

MASK = "****"

# Names of attributes whose values are secrets. Identifiers of secrets (secret_id, kms_key_id,
# a secret's ARN or name) are not secrets and stay readable, as links depend on them.
_SECRET_NAME = re.compile(
    r"(?i)(passw(or)?d|passphrase|secret|token|api_?key|private_?key|access_?key|credential)"
)
# Settings named after secrets hold none: `http_tokens = "required"` is the IMDSv2 switch.
_IDENTIFIER_SUFFIXES = ("_id", "_ids", "_arn", "_arns", "_name", "valuefrom", "_version", "_tokens")
# `password=...`, `SECRET: ...` and the like inside free text such as user data, but not the
# `secretsmanager:` or `secret:` inside an ARN.
_ASSIGNMENT = re.compile(
    r"(?i)((?<![:/])(?:passw(?:or)?d|secret|token|api_?key)[A-Za-z_]*\s*[=:]\s*['\"]?)"
    r"([^\s'\"$]{4,})"
)
# The password of a connection string: postgresql://app:PASSWORD@db/ledger
_URL_PASSWORD = re.compile(r"\b([a-z][a-z0-9+.-]*://[^/@:\s]*:)([^/@\s]+)(@)", re.IGNORECASE)
_PRIVATE_KEY = re.compile(
    r"-----BEGIN ([A-Z ]*)PRIVATE KEY-----.*?-----END \1PRIVATE KEY-----", re.DOTALL
)
_AWS_ACCESS_KEY = re.compile(r"\b((?:AKIA|ASIA)[0-9A-Z]{4})([0-9A-Z]{8})([0-9A-Z]{4})\b")
_CARD_NUMBER = re.compile(r"(?<!\d)(\d[ -]?){12,18}\d(?!\d)")
# What every pattern above needs at the least: most collected text (names, identifiers) has
# none of it, and one search is much cheaper than five substitutions.
_MAYBE_SECRET = re.compile(r"[=:]|-----BEGIN|A[KS]IA[0-9A-Z]{16}|(?:\d[ -]?){12}\d")


@functools.lru_cache(maxsize=4096)
def is_secret_name(name: str) -> bool:
    """Whether an attribute or variable with this name holds a secret."""
    lowered = name.lower()
    return bool(_SECRET_NAME.search(name)) and not lowered.endswith(_IDENTIFIER_SUFFIXES)


def _luhn_valid(digits: str) -> bool:
    total = 0
    for position, character in enumerate(reversed(digits)):
        digit = int(character)
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def _mask_card(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    if not 13 <= len(digits) <= 19 or not _luhn_valid(digits):
        return match.group(0)
    return digits[:6] + "*" * (len(digits) - 10) + digits[-4:]


def masked_card_numbers(text: str) -> list[str]:
    """The Luhn-valid card numbers in `text`, each masked to its first six and last four digits."""
    found = []
    for match in _CARD_NUMBER.finditer(text):
        masked = _mask_card(match)
        if masked != match.group(0):
            found.append(masked)
    return found


def redact_text(text: str) -> str:
    """Mask assigned secrets, connection-string passwords, private keys, AWS access key ids and
    card numbers inside free text."""
    if not _MAYBE_SECRET.search(text):
        return text
    text = _PRIVATE_KEY.sub(lambda m: f"-----BEGIN {m.group(1)}PRIVATE KEY----- {MASK}", text)
    text = _URL_PASSWORD.sub(lambda m: m.group(1) + MASK + m.group(3), text)
    text = _ASSIGNMENT.sub(lambda m: m.group(1) + MASK, text)
    text = _AWS_ACCESS_KEY.sub(lambda m: m.group(1) + "X" * 8 + m.group(3), text)
    return _CARD_NUMBER.sub(_mask_card, text)


def redact_variable(name: str, value: Any, sensitive: Any) -> Any:
    """A variable's value, masked whole when the variable is sensitive or named like a secret."""
    if sensitive is True or is_secret_name(name):
        return redact(value, "secret")
    return redact(value)


def redact(value: Any, name: str | None = None) -> Any:
    """`value` with secrets masked; `name` is the attribute it was found under, if any."""
    if isinstance(value, str):
        if name is not None and value and is_secret_name(name):
            return MASK
        return redact_text(value)
    if isinstance(value, list):
        return [redact(item, name) for item in value]
    if isinstance(value, Mapping):
        # An environment entry {name = "DB_PASSWORD", value = "..."} names its own secret.
        entry_name = value.get("name")
        secret_entry = isinstance(entry_name, str) and is_secret_name(entry_name)
        return {
            key: MASK
            if secret_entry and key == "value" and isinstance(item, str)
            else redact(item, str(key))
            for key, item in value.items()
        }
    return value
