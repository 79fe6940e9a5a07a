"""The interface every source adapter implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from checker.errors import AssaymarkError
from checker.models import Snapshot


class AdapterError(AssaymarkError):
    """A source cannot be collected at all (its input is missing or unusable): exit 2.

    Problems with part of a source (a file that does not parse, a denied call) are not raised:
    they go into the snapshot's errors, and the rest of the source is still collected.
    """


class Adapter(ABC):
    """A source of resources: Terraform, AWS, a database."""

    #: The source name that controls' checks name in `source:`.
    source: ClassVar[str]
    #: What the adapter needs to read its source, for least-privilege setups.
    permissions: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def collect(self) -> Snapshot:
        """Read the source and return what it observed; read-only."""
