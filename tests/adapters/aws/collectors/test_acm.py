"""The ACM collector against moto's server (and a recorded answer for an expired certificate,
which moto refuses to import), and the control that judges certificates in use by status,
days until expiry and key algorithm."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from adapters.aws.collectors.acm import AcmCollector
from checker.models import Status
from tests.adapters.aws.conftest import (
    client_for,
    recorded_responses,
    reset,
    scan_with,
    verdicts_of,
)

COLLECTORS = [AcmCollector()]
CONTROL = "pci-4.2.1-acm-certificate-validity"


def _self_signed(domain: str, days: int, key: Any) -> tuple[bytes, bytes]:
    """A certificate for `domain` valid from yesterday for `days` more days, and its key."""
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(domain)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    return certificate.public_bytes(serialization.Encoding.PEM), private


def _rsa(bits: int) -> Any:
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def seed(client: Callable[[str], Any]) -> dict[str, str]:
    """Certificates by name: four in use by a classic load balancer's HTTPS listeners, and a
    weak one that nothing uses."""
    acm, elb = client("acm"), client("elb")
    made = {
        "good": ("pay.example.com", 200, _rsa(2048)),
        "ec-good": ("api.example.com", 200, ec.generate_private_key(ec.SECP384R1())),
        "weak-bad": ("legacy.example.com", 200, _rsa(1024)),
        "expiring-bad": ("soon.example.com", 10, _rsa(2048)),
        "unused-weak": ("spare.example.com", 200, _rsa(1024)),
    }
    arns = {}
    for name, (domain, days, key) in made.items():
        body, private = _self_signed(domain, days, key)
        arns[name] = acm.import_certificate(Certificate=body, PrivateKey=private)["CertificateArn"]
    listeners = [
        {
            "Protocol": "HTTPS",
            "LoadBalancerPort": 443 + number,
            "InstanceProtocol": "HTTP",
            "InstancePort": 8080,
            "SSLCertificateId": arns[name],
        }
        for number, name in enumerate(("good", "ec-good", "weak-bad", "expiring-bad"))
    ]
    elb.create_load_balancer(
        LoadBalancerName="checkout", Listeners=listeners, AvailabilityZones=["eu-west-1a"]
    )
    return arns


def test_certificates_in_use_are_judged_by_status_expiry_and_key(endpoint: str) -> None:
    reset(endpoint)
    arns = seed(client_for(endpoint))
    listed: list[Any] = []

    def capture(params: dict[str, Any], **_: Any) -> None:
        listed.append(params.get("Includes"))

    snapshot, report = scan_with(
        endpoint, COLLECTORS, **{"before-parameter-build.acm.ListCertificates": capture}
    )
    assert snapshot.errors == ()
    # The unused weak certificate is collected but not judged.
    assert verdicts_of(report, CONTROL) == {
        arns["good"]: Status.PASS,
        arns["ec-good"]: Status.PASS,
        arns["weak-bad"]: Status.FAIL,
        arns["expiring-bad"]: Status.FAIL,
    }
    # Without every key type ListCertificates lists RSA_2048 certificates only.
    assert listed and "RSA_1024" in listed[0]["keyTypes"]
    by_arn = {r.address: r for r in snapshot.resources if r.type == "acm.certificate"}
    assert set(by_arn) == set(arns.values())
    assert 8 <= by_arn[arns["expiring-bad"]].attributes["DaysUntilExpiry"] <= 10
    assert by_arn[arns["weak-bad"]].attributes["KeyAlgorithm"] == "RSA_1024"


def test_an_expired_certificate_in_use_fails(endpoint: str) -> None:
    hooks = recorded_responses("acm", "acm-expired")
    snapshot, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert snapshot.errors == ()
    arn = "arn:aws:acm:eu-west-1:123456789012:certificate/5f1c0f3e-8e0a-4c61-9b0e-2d6a4c1f7a10"
    assert verdicts_of(report, CONTROL) == {arn: Status.FAIL}
    (result,) = [r for r in report.results if r.control.id == CONTROL]
    assert "Status is 'EXPIRED'" in result.findings[0].message


def _denied_for(arn: str) -> Callable[..., None]:
    def deny(params: dict[str, Any], **_: Any) -> None:
        from botocore.exceptions import ClientError

        if params.get("CertificateArn") == arn:
            response: Any = {
                "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
                "ResponseMetadata": {"HTTPStatusCode": 400},
            }
            raise ClientError(response, "DescribeCertificate")

    return deny


def test_an_undescribed_certificate_is_an_error_and_only_it(endpoint: str) -> None:
    reset(endpoint)
    arns = seed(client_for(endpoint))
    hook = {"before-parameter-build.acm.DescribeCertificate": _denied_for(arns["good"])}
    _, report = scan_with(endpoint, COLLECTORS, **hook)
    statuses = verdicts_of(report, CONTROL)
    # Whether it is in use is unknown too, so the undescribed certificate cannot pass.
    assert statuses[arns["good"]] == Status.ERROR
    assert statuses[arns["ec-good"]] == Status.PASS
    assert statuses[arns["weak-bad"]] == Status.FAIL
    (result,) = [r for r in report.results if r.control.id == CONTROL]
    (finding,) = [f for f in result.findings if f.resource == arns["good"]]
    assert "acm:DescribeCertificate" in finding.message
