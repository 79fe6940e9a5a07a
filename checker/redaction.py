"""Masking secrets and card numbers where values are collected, so that none reaches a report.

Adapters pass every collected value through `redact` before it enters a snapshot, and the HTML
report and the evidence bundle pass what they show through it again. A secret is known by its
name (an attribute `password`, an environment variable `DB_PASS`), by its shape (a private key,
a JWT, a provider's token, an AWS secret key, a connection string's password, a card number)
or by its origin: what a source declares sensitive (a Terraform variable or output with
`sensitive = true`, a value a plan lists in `sensitive_values`) arrives as a `SensitiveText`.
Masks keep the shape a check looks for (a masked password is still present and still looks
assigned; a masked access key still looks like an access key), but never the secret itself.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from checker.models import Unresolved

MASK = "****"
_JWT_MASK = "eyJ****.****.****"
# A secret shorter than this inside a longer string masks the whole string: replacing every
# `ab` in it would mangle the rest and hide nothing.
_SHORTEST_PARTIAL_SECRET = 4
# A secret masked wherever it recurs in the other values of a resource (user data decoded from
# a sensitive base64 argument) is at least this long, so that common words are left alone.
_SHORTEST_SHARED_SECRET = 8


class SensitiveText(str):
    """A string its source declares secret, whatever its name and shape.

    `secrets` are the secret strings it was made from: its own text when it is secret as a
    whole, or the secret values it holds verbatim when one was interpolated into it, so that
    only those are masked and the rest stays readable (`DB_PASSWORD=****` in a script still
    fails the check for credentials in user data). They are masked in the other values
    redacted with it too.
    """

    secrets: frozenset[str]

    def __new__(cls, text: str, secrets: Iterable[str] | None = None) -> SensitiveText:
        made = super().__new__(cls, text)
        made.secrets = frozenset(secrets if secrets is not None else (str(text),)) - {""}
        return made


def mark_sensitive(value: Any) -> Any:
    """`value` with every string in it (through lists and maps) marked secret as a whole."""
    if isinstance(value, str):
        if not value:
            return value
        earlier = value.secrets if isinstance(value, SensitiveText) else frozenset()
        return SensitiveText(value, {str(value), *earlier})
    if isinstance(value, list):
        return [mark_sensitive(item) for item in value]
    if isinstance(value, Mapping):
        return {key: mark_sensitive(item) for key, item in value.items()}
    return value


# Names of attributes whose values are secrets. Identifiers of secrets (secret_id, kms_key_id,
# a secret's ARN or name) are not secrets and stay readable, as links depend on them.
_SECRET_NAME = re.compile(
    r"(?i)(passw(or)?d|passphrase|secret|token|api[_-]?key|private[_-]?key|access[_-]?key"
    r"|credential)"
)
# Settings named after secrets hold none: `http_tokens = "required"` is the IMDSv2 switch.
_IDENTIFIER_SUFFIXES = ("_id", "_ids", "_arn", "_arns", "_name", "valuefrom", "_version", "_tokens")
#: Arguments a Terraform provider holds secret though their names do not say so: an SSM
#: parameter's value, unless the parameter is declared a plain `String` or `StringList` (a
#: setting other resources read, such as a bucket's name).
PROVIDER_SECRET_ARGUMENTS = {"aws_ssm_parameter": "value"}
PLAIN_PARAMETER_TYPES = ("String", "StringList")
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
# Settings and facts about a secret rather than the secret: the credential report's
# `password_enabled`, `access_key_1_active`, `access_key_1_last_used_date`.
_ABOUT_A_SECRET = re.compile(
    r"(?i)(?:_enabled|_active|_last_used(?:_date|_region|_service)?|_last_rotated|_last_changed"
    r"|_next_rotation|_age_days|_unused_days|_present)$"
)
# Environment variables carry secrets under shorter names (DB_PASS, STRIPE_KEY, SENTRY_DSN), so
# they are judged by a wider rule; these suffixes name settings about a secret, not the secret.
_ENVIRONMENT_SECRET_NAME = re.compile(
    r"(?i)(pass|pwd|secret|token|key|credential|auth|dsn|salt|cookie|signature)"
)
_SETTING_SUFFIXES = (
    *_IDENTIFIER_SUFFIXES,
    *("_url", "_uri", "_endpoint", "_host", "_port", "_region", "_path", "_file", "_dir"),
    *("_ttl", "_timeout", "_length", "_size", "_algorithm", "_type", "_header", "_user"),
    *("_username", "_enabled", "_mode", "_days", "_seconds"),
)
# Values that say how something is set up rather than hold a secret, readable under any name:
# flags, small numbers, ARNs, regions, URLs without credentials, paths, access key ids.
_PLAIN_VALUE = re.compile(
    r"(?i)true|false|yes|no|on|off|enabled|disabled|none|null|\d{1,6}|arn:aws[\w-]*:\S*"
    r"|[a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d|https?://[^\s:/@]+(?::\d+)?(?:[/?#]\S*)?"
    r"|/[\w./-]*|A[KS]IA[0-9A-Z]{16}|A[KS]IA[0-9A-Z]{4}X{8}[0-9A-Z]{4}"
)
# A long random-looking value (an AWS secret access key, an opaque token): a secret whatever
# the environment variable holding it is called.
_OPAQUE_VALUE = re.compile(r"(?=\S*[a-z])(?=\S*[A-Z])(?=\S*\d)[A-Za-z0-9+/=_-]{32,}")
_KEYWORD = r"(?=[\w.-]*?(?i:pass|pwd|secret|token|key|credential|auth|dsn|salt|cookie|signature))"
# `password=...`, `DB_PASS: ...`, `"api_key": "..."` inside free text such as user data, but
# not the `secretsmanager:` or `secret:` inside an ARN.
_ASSIGNMENT = re.compile(
    rf"(?<![\w.:/-]){_KEYWORD}([A-Za-z_][\w.-]*)(['\"]?[ \t]*[=:][ \t]*)"
    r"(?:(['\"])([^'\"\n]*)\3|([^\s'\"]{4,}))"
)
# `--password 'x'`, `--db-pass=x` on a command line.
_FLAG = re.compile(
    rf"(?<![\w-])(--?){_KEYWORD}([A-Za-z][\w-]*)(=|[ \t]+)"
    r"(?:(['\"])([^'\"\n]*)\4|((?!-)[^\s'\"]{4,}))"
)
# An environment entry written on one line: `{ name = "DB_PASS", value = "..." }`.
_ENTRY = re.compile(
    r"(?i)(['\"]?name['\"]?\s*[=:]\s*['\"])([^'\"\n]+)(['\"]\s*,\s*['\"]?value['\"]?\s*[=:]\s*['\"])"
    r"([^'\"\n]*)(['\"])"
)
# The password of a connection string: postgresql://app:PASSWORD@db/ledger
_URL_PASSWORD = re.compile(r"\b([a-z][a-z0-9+.-]*://[^/@:\s]*:)([^/@\s]+)(@)", re.IGNORECASE)
# Without its END (the text was cut), a key is masked to the end; one masked already is left.
_PRIVATE_KEY = re.compile(
    r"-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY((?: BLOCK)?)-----(?! \*{4})"
    r"(?:.*?-----END \1PRIVATE KEY\2-----|.*)",
    re.DOTALL,
)
_PRIVATE_KEY_BEGIN = re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----")
_PRIVATE_KEY_END = re.compile(r"-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----")
# An IAM action (`secretsmanager:GetSecretValue`, `secretsmanager:*`) names a permission.
_IAM_ACTION = re.compile(r"[a-z][a-z0-9-]*:(?:[A-Z][A-Za-z]*\*?|\*)")
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")
# Tokens whose prefix names their provider: GitHub, GitLab, Slack, Stripe, npm, Google.
_PROVIDER_TOKEN = re.compile(
    r"\b(gh[pousr]_|github_pat_|glpat-|xox[abprse]-|xapp-|[sr]k_(?:live|test)_|whsec_|npm_|AIza"
    r"|hooks\.slack\.com/services/)[A-Za-z0-9_/-]{16,}"
)
_AUTH_SCHEME = r"(?:basic|bearer|token|digest|negotiate)"
_AUTHORIZATION = re.compile(
    rf"(?i)(\b(?:proxy-)?authorization['\"]?\s*[:=]\s*['\"]?(?:{_AUTH_SCHEME}\s+)?)"
    rf"(?!{_AUTH_SCHEME}\b)([^\s'\",;]{{6,}})"
)
_BEARER = re.compile(r"(?i)(\bbearer\s+)([A-Za-z0-9._~+/-]{8,}=*)")
# An AWS secret access key after its name, assigned or as a command's argument.
_AWS_SECRET_KEY = re.compile(
    r"(?i)(secret_?access_?key['\"]?(?:\s*[=:]\s*|\s+)['\"]?)([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"
)
_AWS_ACCESS_KEY = re.compile(r"\b((?:AKIA|ASIA)[0-9A-Z]{4})([0-9A-Z]{8})([0-9A-Z]{4})\b")
_CARD_NUMBER = re.compile(r"(?<!\d)(\d[ -]?){12,18}\d(?!\d)")
# What the patterns above need at the least, looked for in the lower-cased text first: most
# collected text (names, identifiers, ARNs) holds none of it, and one search of literals is
# much cheaper than a dozen substitutions (case-insensitive patterns are slow to search).
_TRIGGER = re.compile(
    r"(?P<private_key>-----begin)|(?P<jwt>eyj)|(?P<authorization>authorization)|(?P<bearer>bearer)"
    r"|(?P<provider>gh[pousr]_|github_pat_|glpat-|xox[abprse]-|xapp-|[sr]k_(?:live|test)_|whsec_"
    r"|npm_|aiza|hooks\.slack)|(?P<url>://)|(?P<access_key_id>a[ks]ia)"
    r"|(?P<name>pass|pwd|secret|token|key|cred|auth|dsn|salt|cookie|signature)"
)
# The same without its names, which make a search several times slower.
_ANY_TRIGGER = re.compile(re.sub(r"\(\?P<\w+>", "(?:", _TRIGGER.pattern))
_DIGIT_RUN = re.compile(r"\d(?:[ -]?\d){12}")
# Keys under which values are environment variables, secret-bearing by nature.
_ENVIRONMENT_KEYS = frozenset({"environment", "variables", "env"})
_ENVIRONMENT_KEY_SUFFIXES = (
    "environment_variables",
    "environmentvariables",
    "environment_variable",
)


def looks_opaque(value: str) -> bool:
    """Whether a value is long and random-looking, as an AWS secret access key or an opaque
    token is: a secret whatever it is assigned to."""
    return _OPAQUE_VALUE.fullmatch(value) is not None


@functools.lru_cache(maxsize=4096)
def is_secret_name(name: str) -> bool:
    """Whether an attribute or variable with this name holds a secret."""
    if ":" in name:  # a policy's condition key (`secretsmanager:SecretId`), not a secret
        return False
    # AWS's own field names are camel case: `HttpTokens` reads as `http_tokens`.
    lowered = _CAMEL_BOUNDARY.sub("_", name).lower().replace("-", "_")
    return (
        bool(_SECRET_NAME.search(name))
        and not lowered.endswith(_IDENTIFIER_SUFFIXES)
        and not _ABOUT_A_SECRET.search(lowered)
    )


@functools.lru_cache(maxsize=4096)
def is_environment_secret_name(name: str) -> bool:
    """Whether an environment variable with this name holds a secret (`DB_PASS`, `STRIPE_KEY`)."""
    lowered = name.lower().replace("-", "_")
    return bool(_ENVIRONMENT_SECRET_NAME.search(lowered)) and not lowered.endswith(
        _SETTING_SUFFIXES
    )


@functools.lru_cache(maxsize=1024)
def _is_environment_key(key: str) -> bool:
    lowered = key.lower()
    return lowered in _ENVIRONMENT_KEYS or lowered.endswith(_ENVIRONMENT_KEY_SUFFIXES)


def _names_a_secret(name: str, value: str, *, environment: bool) -> bool:
    """Whether `name = value` assigns a secret; environment variables by the wider rule."""
    if is_secret_name(name):
        return True
    return (
        environment
        and is_environment_secret_name(name)
        and _PLAIN_VALUE.fullmatch(value.strip()) is None
    )


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


def _mask_assignment(match: re.Match[str]) -> str:
    name, separator, quote = match.group(1), match.group(2), match.group(3) or ""
    value = match.group(4) if match.group(3) else match.group(5)
    if not value or value.startswith("$") or value == MASK:
        return match.group(0)
    if separator == ":" and _IAM_ACTION.fullmatch(f"{name}:{value}"):
        return match.group(0)
    # Upper-case names are environment variables (`export DB_PASS=...`), judged by the wider rule.
    if not _names_a_secret(name, value, environment=name.isupper()):
        return match.group(0)
    return f"{name}{separator}{quote}{MASK}{quote}"


def _mask_flag(match: re.Match[str]) -> str:
    dashes, name, separator, quote = match.groups()[:4]
    value = match.group(5) if quote else match.group(6)
    if not value or value.startswith("$") or not _names_a_secret(name, value, environment=True):
        return match.group(0)
    quote = quote or ""
    return f"{dashes}{name}{separator}{quote}{MASK}{quote}"


def _mask_entry(match: re.Match[str]) -> str:
    name, value = match.group(2), match.group(4)
    if not value or value.startswith("$") or value == MASK:
        return match.group(0)
    if not _names_a_secret(name, value, environment=True) and not _OPAQUE_VALUE.fullmatch(value):
        return match.group(0)
    return f"{match.group(1)}{name}{match.group(3)}{MASK}{match.group(5)}"


def _mask_private_key(match: re.Match[str]) -> str:
    return f"-----BEGIN {match.group(1)}PRIVATE KEY{match.group(2)}----- {MASK}"


def _triggers(text: str) -> set[str]:
    """Which kinds of secret `text` may hold (the groups of `_TRIGGER`, and `card`)."""
    lowered = text.lower()
    found = set()
    if _ANY_TRIGGER.search(lowered):
        found = {match.lastgroup or "" for match in _TRIGGER.finditer(lowered)}
    if _DIGIT_RUN.search(text):
        found.add("card")
    return found


def redact_text(text: str) -> str:
    """Mask the secrets inside free text: private keys, JWTs, provider tokens, authorization
    headers, connection-string passwords, AWS keys, assigned secrets and card numbers."""
    # Findings repeat their messages (the same check on the same settings in many roots).
    return _redacted(text) if len(text) <= _CACHED_LENGTH else _redact_text(text)


_CACHED_LENGTH = 2_000


@functools.lru_cache(maxsize=65_536)
def _redacted(text: str) -> str:
    return _redact_text(text)


def _redact_text(text: str) -> str:
    found = _triggers(text)
    if not found:
        return text
    if "private_key" in found:
        text = _PRIVATE_KEY.sub(_mask_private_key, text)
    if "jwt" in found:
        text = _JWT.sub(_JWT_MASK, text)
    if "provider" in found:
        text = _PROVIDER_TOKEN.sub(lambda m: m.group(1) + MASK, text)
    if "authorization" in found:
        text = _AUTHORIZATION.sub(lambda m: m.group(1) + MASK, text)
    if "bearer" in found:
        text = _BEARER.sub(lambda m: m.group(1) + MASK, text)
    if "url" in found:
        text = _URL_PASSWORD.sub(lambda m: m.group(1) + MASK + m.group(3), text)
    if "name" in found:
        text = _AWS_SECRET_KEY.sub(lambda m: m.group(1) + MASK, text)
        text = _ENTRY.sub(_mask_entry, text)
        text = _ASSIGNMENT.sub(_mask_assignment, text)
        text = _FLAG.sub(_mask_flag, text)
    if "access_key_id" in found:
        text = _AWS_ACCESS_KEY.sub(lambda m: m.group(1) + "X" * 8 + m.group(3), text)
    if "card" in found:
        text = _CARD_NUMBER.sub(_mask_card, text)
    return text


def redact_lines(lines: Sequence[str]) -> list[str]:
    """Lines of a file with their secrets masked as `redact_text` masks them, key bodies too.

    A private key spans lines: looked at one line at a time, only its BEGIN line would look
    like one, so the lines up to its END line are masked whole (keeping their indentation).
    """
    masked: list[str] = []
    inside_key = False
    for line in lines:
        indentation = line[: len(line) - len(line.lstrip())]
        if inside_key:
            end = _PRIVATE_KEY_END.search(line)
            if end is None:
                masked.append(indentation + MASK if line.strip() else line)
                continue
            inside_key = False
            line = indentation + line[end.start() :]
        else:
            begin = _PRIVATE_KEY_BEGIN.search(line)
            inside_key = begin is not None and not _PRIVATE_KEY_END.search(line, begin.end())
        masked.append(redact_text(line))
    return masked


def redact_variable(name: str, value: Any, sensitive: Any) -> Any:
    """A variable's value, masked whole when the variable is sensitive or named like a secret."""
    if sensitive is True or is_secret_name(name):
        return redact(mark_sensitive(value), "secret")
    return redact(value)


def redact(value: Any, name: str | None = None) -> Any:
    """`value` with secrets masked; `name` is the attribute it was found under, if any."""
    secrets: set[str] = set()
    redacted = _redact(value, name, _is_environment_key(name or ""), secrets)
    if not secrets:
        return redacted
    return _mask_known(redacted, sorted(secrets, key=len, reverse=True))


def _redact(value: Any, name: str | None, environment: bool, secrets: set[str]) -> Any:
    if isinstance(value, str):
        if isinstance(value, SensitiveText):
            secrets.update(s for s in value.secrets if len(s) >= _SHORTEST_SHARED_SECRET)
            value = _mask_sensitive(value)
        if not value or value == MASK:
            return value
        if name is not None and (
            is_secret_name(name) or (environment and _names_a_secret(name, value, environment=True))
        ):
            return MASK
        return _redact_string(value, environment, secrets)
    if isinstance(value, list):
        return [_redact(item, name, environment, secrets) for item in value]
    if isinstance(value, Unresolved) and value.known_parts:
        # The known text of a partly known string is as secret as the whole string would be.
        parts = tuple(
            None if part is None else _redact(part, name, environment, secrets)
            for part in value.known_parts
        )
        return replace(value, known_parts=parts)
    if isinstance(value, Mapping):
        # An environment entry {name = "DB_PASSWORD", value = "..."} names its own secret.
        entry_name = value.get("name")
        return {
            key: _redact(
                item,
                entry_name if key == "value" and isinstance(entry_name, str) else str(key),
                environment or _is_environment_key(str(key)),
                secrets,
            )
            for key, item in value.items()
        }
    return value


def _redact_string(text: str, environment: bool, secrets: set[str]) -> str:
    # A JSON document inside a string (a task definition's containers, a policy) is redacted
    # as the structure it is, so that its names are seen; it is rewritten only if it changed.
    if text.lstrip()[:1] in ("{", "[") and _triggers(text):
        try:
            document = json.loads(text)
        except ValueError:
            document = None
        if isinstance(document, (dict, list)):
            redacted = _redact(document, None, environment, secrets)
            if redacted == document:
                return text
            return json.dumps(redacted, separators=(",", ":"), ensure_ascii=False)
    redacted = redact_text(text)
    if redacted == text and environment and _OPAQUE_VALUE.fullmatch(text):
        return MASK
    return redacted


def _mask_sensitive(value: SensitiveText) -> str:
    """The readable rest of a sensitive string: its secrets masked where they stand in it, or
    all of it when it holds them transformed (hashed, encoded) or is one itself."""
    text = str(value)
    found = [secret for secret in value.secrets if secret in text]
    if not found or any(len(s) < _SHORTEST_PARTIAL_SECRET or s == text for s in found):
        return MASK if text else text
    for secret in sorted(found, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


def _mask_known(value: Any, secrets: list[str]) -> Any:
    """`value` with every occurrence of the given secrets masked."""
    if isinstance(value, str):
        for secret in secrets:
            if secret in value:
                value = value.replace(secret, MASK)
        return value
    if isinstance(value, list):
        return [_mask_known(item, secrets) for item in value]
    if isinstance(value, Mapping):
        return {key: _mask_known(item, secrets) for key, item in value.items()}
    if isinstance(value, Unresolved) and value.known_parts:
        parts = tuple(None if p is None else _mask_known(p, secrets) for p in value.known_parts)
        return replace(value, known_parts=parts)
    return value
