"""SageMaker: notebook instances, with their network access, root access and storage key."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved

#: What DescribeNotebookInstance tells that a check needs; unknown when the call fails.
_DESCRIBED = ("DirectInternetAccess", "RootAccess", "KmsKeyId", "SubnetId")


class SageMakerCollector(Collector):
    """Every notebook instance, per region, as DescribeNotebookInstance describes it."""

    actions: ClassVar[tuple[str, ...]] = (
        "sagemaker:ListNotebookInstances",
        "sagemaker:DescribeNotebookInstance",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("sagemaker.notebook_instance",)

    def collect(self, calls: Calls) -> list[Resource]:
        notebooks = calls.paginate("sagemaker", "ListNotebookInstances", "NotebookInstances")
        if isinstance(notebooks, Unresolved):
            return [self.unlisted(calls, notebooks, "sagemaker.notebook_instance")]
        resources = []
        for notebook in notebooks:
            name = notebook["NotebookInstanceName"]
            described = calls.call(
                "sagemaker", "DescribeNotebookInstance", NotebookInstanceName=name
            )
            attributes: dict[str, Any] = dict(notebook)
            if isinstance(described, Unresolved):
                attributes.update(dict.fromkeys(_DESCRIBED, described))
            else:
                attributes.update({k: v for k, v in described.items() if k != "ResponseMetadata"})
            resources.append(
                make_resource(
                    calls,
                    "sagemaker.notebook_instance",
                    notebook["NotebookInstanceArn"],
                    attributes,
                )
            )
        return resources
