"""Signing the manifest: a DSSE envelope over an in-toto Statement v1.

The key is an Ed25519 key in a PEM file (`assaymark keygen`), or an asymmetric AWS KMS key
(`kms:arn:aws:kms:...`, ECC_NIST_P256 or RSA) whose private half never leaves KMS: KMS signs,
and the bundle is verified offline with the public key exported once (`keygen --kms-key`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

from checker.errors import OutputError, UsageError

#: The public keys a bundle can be verified with.
PublicKey = Ed25519PublicKey | ec.EllipticCurvePublicKey | RSAPublicKey
KMS_PREFIX = "kms:"
# The signing algorithm for each KMS key spec that signs: ECDSA over P-256, or RSA-PSS.
_KMS_ALGORITHMS = {
    "ECC_NIST_P256": "ECDSA_SHA_256",
    "RSA_2048": "RSASSA_PSS_SHA_256",
    "RSA_3072": "RSASSA_PSS_SHA_256",
    "RSA_4096": "RSASSA_PSS_SHA_256",
}

PAYLOAD_TYPE = "application/vnd.in-toto+json"
STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
PREDICATE_TYPE = "https://assaymark.dev/evidence-bundle/v1"


def pae(payload_type: str, payload: bytes) -> bytes:
    """DSSE's pre-authentication encoding: what is actually signed."""
    kind = payload_type.encode()
    return b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(payload), payload)


def key_id(public_key: PublicKey) -> str:
    """A key's id: the sha256 of an Ed25519 key's raw public bytes, or of another key's
    DER-encoded SubjectPublicKeyInfo."""
    if isinstance(public_key, Ed25519PublicKey):
        raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    else:
        raw = public_key.public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    return hashlib.sha256(raw).hexdigest()


def public_pem(public_key: PublicKey) -> bytes:
    """A public key as the PEM file `--key` reads."""
    return public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


class Signer(Protocol):
    """What signs a manifest: a local key or a key held in KMS."""

    @property
    def public_key(self) -> PublicKey:
        """The public half, which verifies the signatures."""

    def sign(self, message: bytes) -> bytes:
        """The signature over `message`."""


@dataclass(frozen=True)
class LocalSigner:
    """An Ed25519 private key read from a file."""

    key: Ed25519PrivateKey

    @property
    def public_key(self) -> PublicKey:
        """The public half of the key."""
        return self.key.public_key()

    def sign(self, message: bytes) -> bytes:
        """Ed25519's signature over the message."""
        return self.key.sign(message)


class KmsSigner:
    """An asymmetric KMS key (ECC_NIST_P256 or RSA, key usage SIGN_VERIFY): KMS signs, and the
    private key never leaves it. AWS credentials and the endpoint come from the environment,
    as for any AWS tool (`AWS_PROFILE`, `AWS_ENDPOINT_URL_KMS`); the region from the ARN."""

    def __init__(self, arn: str) -> None:
        import boto3  # only when a KMS key signs
        from botocore.exceptions import BotoCoreError, ClientError

        self.arn = arn
        parts = arn.split(":")
        if len(parts) < 6 or parts[2] != "kms" or not parts[5].startswith(("key/", "alias/")):
            raise UsageError(f"--sign-key {KMS_PREFIX}{arn}: not the ARN of a KMS key")
        self._errors = (BotoCoreError, ClientError)
        try:
            self._client = boto3.session.Session().client("kms", region_name=parts[3])
            answer = self._client.get_public_key(KeyId=arn)
        except self._errors as exc:
            raise UsageError(
                f"--sign-key {KMS_PREFIX}{arn}: cannot read its public key: {exc}"
            ) from exc
        # KeySpec, or the older name for it that some endpoints still answer with alone.
        spec = str(answer.get("KeySpec") or answer.get("CustomerMasterKeySpec"))
        if answer.get("KeyUsage") != "SIGN_VERIFY" or spec not in _KMS_ALGORITHMS:
            raise UsageError(
                f"--sign-key {KMS_PREFIX}{arn}: a {spec} key for {answer.get('KeyUsage')}; "
                "signing needs an ECC_NIST_P256 or RSA key for SIGN_VERIFY"
            )
        self.algorithm = _KMS_ALGORITHMS[spec]
        public = serialization.load_der_public_key(answer["PublicKey"])
        if not isinstance(public, ec.EllipticCurvePublicKey | RSAPublicKey):
            raise UsageError(f"--sign-key {KMS_PREFIX}{arn}: KMS returned no usable public key")
        self._public = public

    @property
    def public_key(self) -> PublicKey:
        """The public half, as KMS exports it."""
        return self._public

    def sign(self, message: bytes) -> bytes:
        """KMS's signature over the message (sent whole: a DSSE envelope is small)."""
        try:
            answer = self._client.sign(
                KeyId=self.arn, Message=message, MessageType="RAW", SigningAlgorithm=self.algorithm
            )
        except self._errors as exc:
            raise OutputError(
                f"--sign-key {KMS_PREFIX}{self.arn}: KMS did not sign: {exc}"
            ) from exc
        signature: bytes = answer["Signature"]
        return signature


def load_signer(spec: Path) -> Signer:
    """The signer `--sign-key` names: `kms:ARN`, or an Ed25519 key file."""
    text = str(spec)
    if text.startswith(KMS_PREFIX):
        return KmsSigner(text[len(KMS_PREFIX) :])
    return LocalSigner(load_private_key(spec))


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


def load_public_key(path: Path) -> PublicKey:
    """A public key from a PEM file: Ed25519, or a KMS key's P-256 or RSA key."""
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except OSError as exc:
        raise UsageError(f"--key {path}: {exc.strerror}") from exc
    except ValueError as exc:
        raise UsageError(f"--key {path}: not a PEM public key") from exc
    if isinstance(key, ec.EllipticCurvePublicKey) and not isinstance(key.curve, ec.SECP256R1):
        raise UsageError(f"--key {path}: an elliptic-curve key not on P-256")
    if not isinstance(key, Ed25519PublicKey | ec.EllipticCurvePublicKey | RSAPublicKey):
        raise UsageError(f"--key {path}: not an Ed25519, P-256 or RSA public key")
    return key


def _verify(key: PublicKey, signature: bytes, message: bytes) -> None:
    """Raise InvalidSignature unless `signature` is the key's over `message`."""
    if isinstance(key, Ed25519PublicKey):
        key.verify(signature, message)
    elif isinstance(key, ec.EllipticCurvePublicKey):
        key.verify(signature, message, ec.ECDSA(hashes.SHA256()))
    else:
        pss = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.AUTO)
        key.verify(signature, message, pss, hashes.SHA256())


def statement(manifest_sha256: str, predicate: dict[str, Any]) -> dict[str, Any]:
    """The in-toto Statement whose subject is the manifest."""
    return {
        "_type": STATEMENT_TYPE,
        "subject": [{"name": "manifest.json", "digest": {"sha256": manifest_sha256}}],
        "predicateType": PREDICATE_TYPE,
        "predicate": predicate,
    }


def sign(manifest_sha256: str, predicate: dict[str, Any], signer: Signer) -> dict[str, Any]:
    """A DSSE envelope signing the statement about the manifest."""
    payload = json.dumps(statement(manifest_sha256, predicate), sort_keys=True).encode()
    signature = signer.sign(pae(PAYLOAD_TYPE, payload))
    return {
        "payloadType": PAYLOAD_TYPE,
        "payload": base64.b64encode(payload).decode(),
        "signatures": [
            {"keyid": key_id(signer.public_key), "sig": base64.b64encode(signature).decode()}
        ],
    }


def verify_envelope(envelope: Any, manifest_sha256: str, key: PublicKey) -> list[str]:
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
        _verify(key, base64.b64decode(matching[0]["sig"]), pae(payload_type, payload))
    except (InvalidSignature, ValueError, KeyError, TypeError):
        return ["manifest.sig: the signature does not verify with the given key"]
    try:
        subject = json.loads(payload)["subject"][0]
    except (ValueError, KeyError, IndexError, TypeError):
        return ["manifest.sig: the signed statement is malformed"]
    if subject.get("digest", {}).get("sha256") != manifest_sha256:
        return ["manifest.sig: the signed statement is about another manifest"]
    return []
