"""The Amazon MQ collector against moto's server, and the controls that judge a broker's public
accessibility (for brokers carrying cardholder or personal data) and its logs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.mq import MqCollector
from checker.models import Status
from tests.adapters.aws.conftest import client_for, reset, scan_with, verdicts_of

COLLECTORS = [MqCollector()]
PUBLIC = "pci-1.4.4-mq-broker-not-public"
LOGGING = "pci-10.2.1-mq-broker-logging"
CARDHOLDER = {"DataClassification": "cardholder"}


def _broker(mq: Any, name: str, engine: str, **settings: Any) -> str:
    arn: str = mq.create_broker(
        BrokerName=name,
        EngineType=engine,
        EngineVersion="5.18" if engine == "ACTIVEMQ" else "3.13",
        HostInstanceType="mq.m5.large",
        DeploymentMode="SINGLE_INSTANCE",
        AutoMinorVersionUpgrade=True,
        Users=[{"Username": "app", "Password": "fake-password-for-tests-1"}],
        **{"PubliclyAccessible": False, **settings},
    )["BrokerArn"]
    return arn


def seed(client: Callable[[str], Any]) -> dict[str, str]:
    """Brokers public and private, logged and not, ActiveMQ and RabbitMQ; their ARNs by name."""
    mq = client("mq")
    all_logs = {"General": True, "Audit": True}
    return {
        "payments-good": _broker(mq, "payments-good", "ACTIVEMQ", Logs=all_logs, Tags=CARDHOLDER),
        "payments-public-bad": _broker(
            mq,
            "payments-public-bad",
            "ACTIVEMQ",
            PubliclyAccessible=True,
            Logs={"General": True, "Audit": False},
            Tags=CARDHOLDER,
        ),
        "events-good": _broker(
            mq, "events-good", "RABBITMQ", Logs={"General": True}, Tags=CARDHOLDER
        ),
        "events-bad": _broker(mq, "events-bad", "RABBITMQ", Tags=CARDHOLDER),
        # Out of the public-access control's scope (no DataClassification tag).
        "sandbox": _broker(mq, "sandbox", "ACTIVEMQ", PubliclyAccessible=True, Logs=all_logs),
    }


def test_brokers_are_judged_by_public_access_and_logs(endpoint: str) -> None:
    reset(endpoint)
    arns = seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, PUBLIC) == {
        arns["payments-good"]: Status.PASS,
        arns["payments-public-bad"]: Status.FAIL,
        arns["events-good"]: Status.PASS,
        arns["events-bad"]: Status.PASS,
    }
    assert verdicts_of(report, LOGGING) == {
        arns["payments-good"]: Status.PASS,
        arns["payments-public-bad"]: Status.FAIL,
        arns["events-good"]: Status.PASS,
        arns["events-bad"]: Status.FAIL,
        arns["sandbox"]: Status.PASS,
    }
    good = next(r for r in snapshot.resources if r.address == arns["payments-good"])
    assert good.tags == CARDHOLDER
    assert "EncryptionOptions" in good.attributes


def _denied(**_: Any) -> None:
    from botocore.exceptions import ClientError

    response: Any = {
        "Error": {"Code": "ForbiddenException", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }
    raise ClientError(response, "DescribeBroker")


def test_an_undescribed_broker_is_an_error_not_a_pass(endpoint: str) -> None:
    reset(endpoint)
    arns = seed(client_for(endpoint))
    _, report = scan_with(endpoint, COLLECTORS, **{"before-call.mq.DescribeBroker": _denied})
    # Scope needs the tags DescribeBroker gives, and both checks need its settings.
    assert verdicts_of(report, PUBLIC) == dict.fromkeys(arns.values(), Status.ERROR)
    assert verdicts_of(report, LOGGING) == dict.fromkeys(arns.values(), Status.ERROR)
    (result,) = [r for r in report.results if r.control.id == LOGGING]
    assert all("mq:DescribeBroker" in f.message for f in result.findings)
