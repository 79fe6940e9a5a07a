"""The SageMaker collector against moto's server, and the controls that judge notebook
instances: no direct internet access, no root access, and storage under a KMS key."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.sagemaker import SageMakerCollector
from checker.models import Status
from tests.adapters.aws.conftest import REGIONS, client_for, reset, scan_with, verdicts_of

COLLECTORS = [SageMakerCollector()]
NO_INTERNET = "pci-1.3.2-sagemaker-notebook-no-direct-internet"
NO_ROOT = "pci-2.2.6-sagemaker-notebook-no-root"
KMS = "gdpr-art32-sagemaker-notebook-kms"
ROLE = "arn:aws:iam::123456789012:role/sagemaker-notebook"


def _arn(name: str) -> str:
    return f"arn:aws:sagemaker:{REGIONS[0]}:123456789012:notebook-instance/{name}"


def seed(client: Callable[[str], Any]) -> None:
    """A locked-down notebook instance and one with every default."""
    ec2, kms, sagemaker = client("ec2"), client("kms"), client("sagemaker")
    subnet = ec2.describe_subnets()["Subnets"][0]["SubnetId"]
    key = kms.create_key(Description="notebooks")["KeyMetadata"]["Arn"]
    sagemaker.create_notebook_instance(
        NotebookInstanceName="research-good",
        InstanceType="ml.t2.medium",
        RoleArn=ROLE,
        SubnetId=subnet,
        SecurityGroupIds=[ec2.describe_security_groups()["SecurityGroups"][0]["GroupId"]],
        DirectInternetAccess="Disabled",
        RootAccess="Disabled",
        KmsKeyId=key,
    )
    sagemaker.create_notebook_instance(
        NotebookInstanceName="defaults-bad",
        InstanceType="ml.t2.medium",
        RoleArn=ROLE,
        DirectInternetAccess="Enabled",
        RootAccess="Enabled",
    )


def test_notebook_instances_are_judged_by_network_root_and_key(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    expected = {_arn("research-good"): Status.PASS, _arn("defaults-bad"): Status.FAIL}
    assert verdicts_of(report, NO_INTERNET) == expected
    assert verdicts_of(report, NO_ROOT) == expected
    assert verdicts_of(report, KMS) == expected
    good = next(r for r in snapshot.resources if r.address == _arn("research-good"))
    assert good.attributes["SubnetId"].startswith("subnet-")


def test_root_access_not_stated_is_the_default_enabled(endpoint: str) -> None:
    # moto leaves RootAccess out when it was not given; AWS then reports its default, Enabled.
    reset(endpoint)
    client_for(endpoint)("sagemaker").create_notebook_instance(
        NotebookInstanceName="unstated-bad", InstanceType="ml.t2.medium", RoleArn=ROLE
    )
    _, report = scan_with(endpoint, COLLECTORS)
    assert verdicts_of(report, NO_ROOT) == {_arn("unstated-bad"): Status.FAIL}
    assert verdicts_of(report, NO_INTERNET) == {_arn("unstated-bad"): Status.FAIL}


def _denied_for(name: str) -> Callable[..., None]:
    def deny(params: dict[str, Any], **_: Any) -> None:
        from botocore.exceptions import ClientError

        if params.get("NotebookInstanceName") == name:
            response: Any = {
                "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
                "ResponseMetadata": {"HTTPStatusCode": 400},
            }
            raise ClientError(response, "DescribeNotebookInstance")

    return deny


def test_an_undescribed_notebook_is_an_error_and_only_it(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    hook = {
        "before-parameter-build.sagemaker.DescribeNotebookInstance": _denied_for("research-good")
    }
    _, report = scan_with(endpoint, COLLECTORS, **hook)
    for control in (NO_INTERNET, NO_ROOT, KMS):
        assert verdicts_of(report, control) == {
            _arn("research-good"): Status.ERROR,
            _arn("defaults-bad"): Status.FAIL,
        }
        (result,) = [r for r in report.results if r.control.id == control]
        (finding,) = [f for f in result.findings if f.resource == _arn("research-good")]
        assert "sagemaker:DescribeNotebookInstance" in finding.message


def _list_denied(**_: Any) -> None:
    from botocore.exceptions import ClientError

    response: Any = {
        "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 400},
    }
    raise ClientError(response, "ListNotebookInstances")


def test_an_unlisted_region_is_an_error(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    hook = {"before-call.sagemaker.ListNotebookInstances": _list_denied}
    _, report = scan_with(endpoint, COLLECTORS, **hook)
    stand_in = f"123456789012/{REGIONS[0]}/sagemaker.notebook_instance/*"
    assert verdicts_of(report, NO_INTERNET) == {stand_in: Status.ERROR}
