"""refunds, on a branch of their own

Revision ID: 3c4d5e6f7081
Revises: 1a2b3c4d5e6f
Create Date: 2024-01-01 00:00:03
"""

import sqlalchemy as sa
from alembic import op

revision = "3c4d5e6f7081"
down_revision = "1a2b3c4d5e6f"
branch_labels = ("refunds",)
depends_on = None


def upgrade() -> None:
    op.create_table("refunds", sa.Column("id", sa.BigInteger, primary_key=True), schema="payments")


def downgrade() -> None:
    op.drop_table("refunds", schema="payments")
