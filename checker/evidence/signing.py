"""Signing the manifest: a DSSE envelope over an in-toto Statement v1, with Ed25519 keys."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from checker.errors import UsageError

PAYLOAD_TYPE = "application/vnd.in-toto+json"
STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
PREDICATE_TYPE = "https://assaymark.dev/evidence-bundle/v1"


def pae(payload_type: str, payload: bytes) -> bytes:
    """DSSE's pre-authentication encoding: what is actually signed."""
    kind = payload_type.encode()
    return b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(payload), payload)


def key_id(public_key: Ed25519PublicKey) -> str:
    """A key's id: the sha256 of its raw public bytes."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def generate_key_pair(prefix: Path) -> tuple[Path, Path]:
    """Write PREFIX.key (private, owner-only) and PREFIX.pub; never overwrite a key."""
    private_path, public_path = prefix.with_suffix(".key"), prefix.with_suffix(".pub")
    for path in (private_path, public_path):
        if path.exists():
            raise UsageError(f"{path} exists; choose another name or remove it first")
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    written: list[Path] = []
    try:
        descriptor = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        written.append(private_path)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(private)
        descriptor = os.open(public_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        written.append(public_path)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(public)
    except OSError as exc:
        for path in written:  # never leave an empty or half-written key behind
            path.unlink(missing_ok=True)
        raise UsageError(f"cannot write the key pair {prefix}: {exc.strerror}") from exc
    return private_path, public_path


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """An Ed25519 private key from a PEM file."""
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except OSError as exc:
        raise UsageError(f"--sign-key {path}: {exc.strerror}") from exc
    except (ValueError, TypeError) as exc:
        raise UsageError(f"--sign-key {path}: not an unencrypted PEM private key") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise UsageError(
            f"--sign-key {path}: not an Ed25519 key (make one with `assaymark keygen`)"
        )
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """An Ed25519 public key from a PEM file."""
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except OSError as exc:
        raise UsageError(f"--key {path}: {exc.strerror}") from exc
    except ValueError as exc:
        raise UsageError(f"--key {path}: not a PEM public key") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise UsageError(f"--key {path}: not an Ed25519 public key")
    return key


def statement(manifest_sha256: str, predicate: dict[str, Any]) -> dict[str, Any]:
    """The in-toto Statement whose subject is the manifest."""
    return {
        "_type": STATEMENT_TYPE,
        "subject": [{"name": "manifest.json", "digest": {"sha256": manifest_sha256}}],
        "predicateType": PREDICATE_TYPE,
        "predicate": predicate,
    }


def sign(manifest_sha256: str, predicate: dict[str, Any], key: Ed25519PrivateKey) -> dict[str, Any]:
    """A DSSE envelope signing the statement about the manifest."""
    payload = json.dumps(statement(manifest_sha256, predicate), sort_keys=True).encode()
    signature = key.sign(pae(PAYLOAD_TYPE, payload))
    return {
        "payloadType": PAYLOAD_TYPE,
        "payload": base64.b64encode(payload).decode(),
        "signatures": [
            {"keyid": key_id(key.public_key()), "sig": base64.b64encode(signature).decode()}
        ],
    }


def verify_envelope(envelope: Any, manifest_sha256: str, key: Ed25519PublicKey) -> list[str]:
    """Problems with an envelope: a bad signature, or a statement about another manifest."""
    try:
        payload = base64.b64decode(envelope["payload"], validate=True)
        signatures = envelope["signatures"]
        payload_type = envelope["payloadType"]
    except (KeyError, TypeError, ValueError):
        return ["manifest.sig is not a DSSE envelope"]
    wanted = key_id(key)
    matching = [s for s in signatures if isinstance(s, dict) and s.get("keyid") == wanted]
    if not matching:
        return ["manifest.sig is not signed by the given key"]
    try:
        key.verify(base64.b64decode(matching[0]["sig"]), pae(payload_type, payload))
    except (InvalidSignature, ValueError, KeyError, TypeError):
        return ["manifest.sig: the signature does not verify with the given key"]
    try:
        subject = json.loads(payload)["subject"][0]
    except (ValueError, KeyError, IndexError, TypeError):
        return ["manifest.sig: the signed statement is malformed"]
    if subject.get("digest", {}).get("sha256") != manifest_sha256:
        return ["manifest.sig: the signed statement is about another manifest"]
    return []
