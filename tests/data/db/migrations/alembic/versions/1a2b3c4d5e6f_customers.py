"""customers

Revision ID: 1a2b3c4d5e6f
Revises:
Create Date: 2024-01-01 00:00:01
"""

import sqlalchemy as sa
from alembic import op

revision = "1a2b3c4d5e6f"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE SCHEMA payments")
    op.create_table("customers", sa.Column("id", sa.BigInteger, primary_key=True), schema="payments")


def downgrade() -> None:
    op.execute("DROP SCHEMA payments CASCADE")
