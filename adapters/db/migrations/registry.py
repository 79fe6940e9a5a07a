"""The migration tools assaymark reads, by name: one line adds one."""

from __future__ import annotations

from adapters.db.migrations.alembic import Alembic
from adapters.db.migrations.base import MigrationTool
from adapters.db.migrations.dbmate import Dbmate
from adapters.db.migrations.django import Django
from adapters.db.migrations.flyway import Flyway
from adapters.db.migrations.golang_migrate import GolangMigrate
from adapters.db.migrations.knex import Knex
from adapters.db.migrations.liquibase import Liquibase
from adapters.db.migrations.prisma import Prisma
from adapters.db.migrations.rails import Rails
from adapters.db.migrations.supabase import Supabase

TOOLS: dict[str, type[MigrationTool]] = {
    tool.name: tool
    for tool in (
        Flyway,
        Liquibase,
        Alembic,
        Django,
        Rails,
        GolangMigrate,
        Supabase,
        Prisma,
        Dbmate,
        Knex,
    )
}
