"""Hashes and cryptography."""

from __future__ import annotations

import base64
import hashlib
import uuid
from typing import Any

from adapters.terraform.functions.registry import as_string, quoted, simple


def hash_digest(algorithm: str, data: bytes, encoding: str) -> str:
    digest = hashlib.new(algorithm, data).digest()
    return digest.hex() if encoding == "hex" else base64.b64encode(digest).decode("ascii")


HASHES = {
    "md5": ("md5", "hex"),
    "sha1": ("sha1", "hex"),
    "sha256": ("sha256", "hex"),
    "sha512": ("sha512", "hex"),
    "base64sha256": ("sha256", "base64"),
    "base64sha512": ("sha512", "base64"),
}


def _string_hash(name: str, algorithm: str, encoding: str) -> None:
    def hashed(text: Any) -> str:
        return hash_digest(algorithm, as_string(text).encode("utf-8", "surrogatepass"), encoding)

    simple(name, hashed)


for _name, (_algorithm, _encoding) in HASHES.items():
    _string_hash(_name, _algorithm, _encoding)

_UUID_NAMESPACES = {
    "dns": uuid.NAMESPACE_DNS,
    "url": uuid.NAMESPACE_URL,
    "oid": uuid.NAMESPACE_OID,
    "x500": uuid.NAMESPACE_X500,
}


def _uuidv5(namespace: str, name: str) -> str:
    space = _UUID_NAMESPACES.get(namespace)
    if space is None:
        try:
            space = uuid.UUID(namespace)
        except ValueError:
            raise ValueError(f"uuidv5() doesn't support namespace {quoted(namespace)}") from None
    return str(uuid.uuid5(space, name))


simple("uuidv5", lambda namespace, name: _uuidv5(as_string(namespace), as_string(name)))
