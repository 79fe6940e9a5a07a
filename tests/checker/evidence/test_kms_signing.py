"""Bundles signed with an AWS KMS key (moto's server on loopback): the private key stays in
KMS, the public key exported once verifies the bundle offline."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import boto3
import pytest

from tests.adapters.aws.conftest import moto_server
from tests.conftest import REPO, Run

RunCli = Callable[..., Run]
COMPLIANT = REPO / "examples" / "terraform" / "compliant"


@pytest.fixture(scope="module")
def kms_endpoint() -> Iterator[str]:
    with moto_server() as url:
        yield url


@pytest.fixture
def kms(kms_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> object:
    """A KMS client of the emulator, with the environment every AWS tool reads pointed at it."""
    for name, value in (
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
        ("AWS_ENDPOINT_URL_KMS", kms_endpoint),
    ):
        monkeypatch.setenv(name, value)
    return boto3.client("kms", region_name="eu-west-1", endpoint_url=kms_endpoint)


def _key(kms: object, spec: str, usage: str = "SIGN_VERIFY") -> str:
    created = kms.create_key(KeySpec=spec, KeyUsage=usage)  # type: ignore[attr-defined]
    arn: str = created["KeyMetadata"]["Arn"]
    return arn


@pytest.mark.parametrize("spec", ["ECC_NIST_P256", "RSA_2048"])
def test_a_bundle_signed_in_kms_verifies_offline_with_the_exported_key(
    run: RunCli, tmp_path: Path, kms: object, spec: str
) -> None:
    arn = _key(kms, spec)
    exported = run("keygen", "--kms-key", arn, "--out", tmp_path / "team")
    assert exported.code == 0, exported.err
    public = tmp_path / "team.pub"
    assert public.read_text().startswith("-----BEGIN PUBLIC KEY-----")
    assert not (tmp_path / "team.key").exists()
    bundle = tmp_path / "bundle"
    signed = run("scan", "terraform", COMPLIANT, "--evidence", bundle, "--sign-key", f"kms:{arn}")
    assert signed.code == 0, signed.err
    verified = run("evidence", "verify", bundle, "--key", public)
    assert verified.code == 0, verified.out
    assert f"signed by the trusted key {public}" in verified.out
    assert run("evidence", "replay", bundle, "--key", public).code == 0
    # Verification needs no AWS at all.
    (bundle / "report.json").write_text("{}")
    assert "changed: report.json" in run("evidence", "verify", bundle, "--key", public).out


def test_a_key_that_cannot_sign_is_refused_before_the_run(
    run: RunCli, tmp_path: Path, kms: object
) -> None:
    arn = _key(kms, "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT")
    bundle = tmp_path / "bundle"
    result = run("scan", "terraform", COMPLIANT, "--evidence", bundle, "--sign-key", f"kms:{arn}")
    assert result.code == 2
    assert "signing needs an ECC_NIST_P256 or RSA key for SIGN_VERIFY" in result.err
    assert not bundle.exists()
    missing = "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000"
    result = run(
        "scan", "terraform", COMPLIANT, "--evidence", bundle, "--sign-key", f"kms:{missing}"
    )
    assert result.code == 2
    assert "cannot read its public key" in result.err
