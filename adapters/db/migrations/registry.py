"""The migration tools assaymark reads, by name: one line adds one."""

from __future__ import annotations

from adapters.db.migrations.base import MigrationTool
from adapters.db.migrations.flyway import Flyway

TOOLS: dict[str, type[MigrationTool]] = {tool.name: tool for tool in (Flyway,)}
