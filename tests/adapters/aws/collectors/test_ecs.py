"""The ECS collector against moto's server: clusters judged for ECS Exec logging, beside the
task definitions it already collected."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.aws import Account, AwsAdapter
from adapters.aws.collectors.ecs import EcsCollector
from checker.engine import evaluate
from checker.library import builtin_policy_dir
from checker.models import Snapshot, Status
from checker.policy import load_controls
from checker.results import Report
from tests.adapters.aws.conftest import REGIONS, reset, session_factory

CONTROLS = load_controls([builtin_policy_dir()])
CONTROL = "pci-10.2.1-container-admin-logging"


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant ECS clusters in one region."""
    ecs = client("ecs")
    ecs.create_cluster(
        clusterName="exec-good",
        configuration={
            "executeCommandConfiguration": {
                "logging": "OVERRIDE",
                "logConfiguration": {"cloudWatchLogGroupName": "/aws/ecs/exec"},
            }
        },
        tags=[{"key": "DataClassification", "value": "cardholder"}],
    )
    # Nothing configured: AWS logs ECS Exec as DEFAULT, to the task's awslogs destination.
    ecs.create_cluster(clusterName="exec-default-good")
    ecs.create_cluster(
        clusterName="exec-bad",
        configuration={"executeCommandConfiguration": {"logging": "NONE"}},
    )
    ecs.create_cluster(
        clusterName="exec-nowhere-bad",
        configuration={
            "executeCommandConfiguration": {
                "logging": "OVERRIDE",
                "logConfiguration": {"cloudWatchEncryptionEnabled": True},
            }
        },
    )


def _client(endpoint: str) -> Callable[[str], Any]:
    session = session_factory()()

    def client(service: str) -> Any:
        return session.client(service, region_name=REGIONS[0], endpoint_url=endpoint)

    return client


def _scan(endpoint: str, **hooks: Callable[..., Any]) -> tuple[Snapshot, Report]:
    adapter = AwsAdapter(
        (Account(),),
        REGIONS[:1],
        endpoint,
        collectors=[EcsCollector()],
        session_factory=session_factory(**hooks),
    )
    snapshot = adapter.collect()
    return snapshot, evaluate(CONTROLS, [snapshot])


def _verdicts(report: Report, control_id: str) -> dict[str, Status]:
    (result,) = [r for r in report.results if r.control.id == control_id]
    return {finding.resource: finding.status for finding in result.findings}


def _arn(name: str) -> str:
    return f"arn:aws:ecs:{REGIONS[0]}:123456789012:cluster/{name}"


def _register_task_definition(client: Callable[[str], Any]) -> str:
    described = client("ecs").register_task_definition(
        family="api-good",
        containerDefinitions=[{"name": "api", "image": "registry.example/api:1", "memory": 512}],
    )
    arn: str = described["taskDefinition"]["taskDefinitionArn"]
    return arn


def test_clusters_are_judged_for_ecs_exec_logging_by_arn(endpoint: str) -> None:
    reset(endpoint)
    client = _client(endpoint)
    seed(client)
    task_definition = _register_task_definition(client)
    snapshot, report = _scan(endpoint)
    assert snapshot.errors == ()
    assert _verdicts(report, CONTROL) == {
        _arn("exec-good"): Status.PASS,
        _arn("exec-default-good"): Status.PASS,
        _arn("exec-bad"): Status.FAIL,
        _arn("exec-nowhere-bad"): Status.FAIL,
    }
    good = next(r for r in snapshot.resources if r.address == _arn("exec-good"))
    assert good.tags == {"DataClassification": "cardholder"}
    assert _verdicts(report, "pci-8.6.2-ecs-environment-secrets") == {task_definition: Status.PASS}


def test_a_deleted_cluster_is_not_judged(endpoint: str) -> None:
    reset(endpoint)
    client = _client(endpoint)
    seed(client)
    client("ecs").delete_cluster(cluster="exec-bad")
    _, report = _scan(endpoint)
    assert _arn("exec-bad") not in _verdicts(report, CONTROL)


def _denied(**_: Any) -> None:
    from botocore.exceptions import ClientError

    response: Any = {
        "Error": {"Code": "AccessDenied", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }
    raise ClientError(response, "DescribeClusters")


def test_clusters_that_cannot_be_described_are_errors_and_task_definitions_stay_judged(
    endpoint: str,
) -> None:
    reset(endpoint)
    client = _client(endpoint)
    seed(client)
    task_definition = _register_task_definition(client)
    _, report = _scan(endpoint, **{"before-call.ecs.DescribeClusters": _denied})
    statuses = _verdicts(report, CONTROL)
    assert set(statuses) == {
        _arn(name) for name in ("exec-good", "exec-default-good", "exec-bad", "exec-nowhere-bad")
    }
    assert set(statuses.values()) == {Status.ERROR}
    (result,) = [r for r in report.results if r.control.id == CONTROL]
    assert all("ecs:DescribeClusters" in finding.message for finding in result.findings)
    assert _verdicts(report, "pci-8.6.2-ecs-environment-secrets") == {task_definition: Status.PASS}
