"""The database engines assaymark reads, by connection-string scheme: one line adds one."""

from __future__ import annotations

from adapters.db.engine import Engine
from adapters.db.mysql import MysqlEngine
from adapters.db.postgres import PostgresEngine

ENGINES: dict[str, type[Engine]] = {
    scheme: engine for engine in (PostgresEngine, MysqlEngine) for scheme in engine.schemes
}
