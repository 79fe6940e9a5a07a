"""The ECS collector against moto's server: clusters judged for ECS Exec logging, beside the
task definitions it already collected."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.ecs import EcsCollector
from checker.models import Status
from tests.adapters.aws.conftest import REGIONS, client_for, reset, scan_with, verdicts_of

COLLECTORS = [EcsCollector()]
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
    client = client_for(endpoint)
    seed(client)
    task_definition = _register_task_definition(client)
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL) == {
        _arn("exec-good"): Status.PASS,
        _arn("exec-default-good"): Status.PASS,
        _arn("exec-bad"): Status.FAIL,
        _arn("exec-nowhere-bad"): Status.FAIL,
    }
    good = next(r for r in snapshot.resources if r.address == _arn("exec-good"))
    assert good.tags == {"DataClassification": "cardholder"}
    assert verdicts_of(report, "pci-8.6.2-ecs-environment-secrets") == {
        task_definition: Status.PASS
    }


def test_a_deleted_cluster_is_not_judged(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    client("ecs").delete_cluster(cluster="exec-bad")
    _, report = scan_with(endpoint, COLLECTORS)
    assert _arn("exec-bad") not in verdicts_of(report, CONTROL)


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
    client = client_for(endpoint)
    seed(client)
    task_definition = _register_task_definition(client)
    _, report = scan_with(endpoint, COLLECTORS, **{"before-call.ecs.DescribeClusters": _denied})
    statuses = verdicts_of(report, CONTROL)
    assert set(statuses) == {
        _arn(name) for name in ("exec-good", "exec-default-good", "exec-bad", "exec-nowhere-bad")
    }
    assert set(statuses.values()) == {Status.ERROR}
    (result,) = [r for r in report.results if r.control.id == CONTROL]
    assert all("ecs:DescribeClusters" in finding.message for finding in result.findings)
    assert verdicts_of(report, "pci-8.6.2-ecs-environment-secrets") == {
        task_definition: Status.PASS
    }


ISOLATION = "pci-2.2.6-ecs-container-isolation"
READ_ONLY = "pci-2.2.6-ecs-read-only-root-filesystem"
LOGGING = "pci-10.2.1-ecs-container-logging"
_AWSLOGS = {
    "logDriver": "awslogs",
    "options": {"awslogs-group": "/ecs/payments", "awslogs-region": REGIONS[0]},
}


def _container(name: str, **settings: Any) -> dict[str, Any]:
    return {"name": name, "image": f"registry.example/{name}:1", "memory": 256, **settings}


def seed_task_definitions(client: Callable[[str], Any]) -> dict[str, str]:
    """Task definitions that are hardened and logged (`good`), and one for each way to fail:
    the ARN of each family's newest revision, by family."""
    ecs = client("ecs")
    hardened = {"readonlyRootFilesystem": True, "logConfiguration": _AWSLOGS}
    families: dict[str, dict[str, Any]] = {
        "hardened-good": {
            "containerDefinitions": [_container("api", **hardened)],
            "networkMode": "awsvpc",
            "pidMode": "task",
            "ipcMode": "task",
        },
        "privileged-bad": {
            "containerDefinitions": [
                _container("app", **hardened),
                _container("dind", privileged=True, **hardened),
            ]
        },
        "host-network-bad": {
            "containerDefinitions": [_container("agent", **hardened)],
            "networkMode": "host",
        },
        "host-pid-bad": {
            "containerDefinitions": [_container("agent", **hardened)],
            "pidMode": "host",
        },
        "host-ipc-bad": {
            "containerDefinitions": [_container("cache", **hardened)],
            "ipcMode": "host",
        },
        "writable-unlogged-bad": {
            "containerDefinitions": [
                _container("app", **hardened),
                _container("sidecar", readonlyRootFilesystem=False),
            ]
        },
    }
    arns = {}
    for family, settings in families.items():
        described = ecs.register_task_definition(family=family, **settings)
        arns[family] = described["taskDefinition"]["taskDefinitionArn"]
    # A later revision replaces the first: only the newest is judged.
    described = ecs.register_task_definition(
        family="fixed-good",
        containerDefinitions=[_container("api", privileged=True)],
        networkMode="host",
    )
    described = ecs.register_task_definition(
        family="fixed-good", containerDefinitions=[_container("api", **hardened)]
    )
    arns["fixed-good"] = described["taskDefinition"]["taskDefinitionArn"]
    return arns


def test_task_definitions_are_judged_for_isolation_read_only_root_and_logging(
    endpoint: str,
) -> None:
    reset(endpoint)
    arns = seed_task_definitions(client_for(endpoint))
    assert arns["fixed-good"].endswith(":2")
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    passing = {"hardened-good", "fixed-good"}
    assert verdicts_of(report, ISOLATION) == {
        arn: Status.PASS if family in passing | {"writable-unlogged-bad"} else Status.FAIL
        for family, arn in arns.items()
    }
    assert verdicts_of(report, READ_ONLY) == {
        arn: Status.FAIL if family == "writable-unlogged-bad" else Status.PASS
        for family, arn in arns.items()
    }
    assert verdicts_of(report, LOGGING) == {
        arn: Status.FAIL if family == "writable-unlogged-bad" else Status.PASS
        for family, arn in arns.items()
    }


def _undescribable(**_: Any) -> None:
    from botocore.exceptions import ClientError

    response: Any = {
        "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 400},
    }
    raise ClientError(response, "DescribeTaskDefinition")


def test_a_task_definition_that_cannot_be_described_errors_its_checks_only(
    endpoint: str,
) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    ecs = client("ecs")
    for family in ("api-good", "agent-bad"):
        ecs.register_task_definition(family=family, containerDefinitions=[_container("app")])
    _, report = scan_with(
        endpoint, COLLECTORS, **{"before-call.ecs.DescribeTaskDefinition": _undescribable}
    )
    task_definitions = {
        f"arn:aws:ecs:{REGIONS[0]}:123456789012:task-definition/{family}"
        for family in ("api-good", "agent-bad")
    }
    for control in (ISOLATION, READ_ONLY, LOGGING, "pci-8.6.2-ecs-environment-secrets"):
        statuses = verdicts_of(report, control)
        assert statuses == dict.fromkeys(task_definitions, Status.ERROR), control
        (result,) = [r for r in report.results if r.control.id == control]
        assert all("ecs:DescribeTaskDefinition" in f.message for f in result.findings)
    # The clusters did not need the task definitions.
    assert set(verdicts_of(report, CONTROL).values()) == {Status.PASS, Status.FAIL}
