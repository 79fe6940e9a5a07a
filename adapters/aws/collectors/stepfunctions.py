"""Step Functions: state machines with their execution logging configuration."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource, tags_of
from checker.models import Resource, Unresolved

#: What DescribeStateMachine adds to the listing that a check may read. The definition is
#: left out: it is the workflow's code, and may carry literal values a check has no need for.
_DESCRIBED = (
    "status",
    "roleArn",
    "loggingConfiguration",
    "tracingConfiguration",
    "encryptionConfiguration",
    "label",
    "revisionId",
    "description",
)


class StepFunctionsCollector(Collector):
    """Every state machine, standard and express, per region.

    ListStateMachines names them; DescribeStateMachine, once per machine, gives its
    `loggingConfiguration` (`level`, `includeExecutionData`, `destinations`). When that call
    fails, `loggingConfiguration` is the failure, so exactly the checks that read it are
    `error`.
    """

    actions: ClassVar[tuple[str, ...]] = (
        "states:ListStateMachines",
        "states:DescribeStateMachine",
        "states:ListTagsForResource",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("stepfunctions.state_machine",)

    def collect(self, calls: Calls) -> list[Resource]:
        machines = calls.paginate("stepfunctions", "ListStateMachines", "stateMachines")
        if isinstance(machines, Unresolved):
            return [self.unlisted(calls, machines, "stepfunctions.state_machine")]
        resources = []
        for machine in machines:
            arn = machine["stateMachineArn"]
            described = calls.call("stepfunctions", "DescribeStateMachine", stateMachineArn=arn)
            listed = calls.call("stepfunctions", "ListTagsForResource", resourceArn=arn)
            tags = (
                listed
                if isinstance(listed, Unresolved)
                else tags_of(listed.get("tags"), "key", "value")
            )
            attributes = {**machine, **_described(described)}
            resources.append(
                make_resource(calls, "stepfunctions.state_machine", arn, attributes, tags)
            )
        return resources


def _described(described: Any) -> dict[str, Any]:
    """The described settings; the failure in place of the logging configuration when the
    machine could not be described."""
    if isinstance(described, Unresolved):
        return {"loggingConfiguration": described}
    return {key: described[key] for key in _DESCRIBED if key in described}
