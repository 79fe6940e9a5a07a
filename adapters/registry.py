"""The adapters assaymark knows, by source name: one line adds a source."""

from __future__ import annotations

from adapters.aws import AwsAdapter
from adapters.base import Adapter
from adapters.terraform import TerraformAdapter

ADAPTERS: dict[str, type[Adapter]] = {
    TerraformAdapter.source: TerraformAdapter,
    AwsAdapter.source: AwsAdapter,
}
