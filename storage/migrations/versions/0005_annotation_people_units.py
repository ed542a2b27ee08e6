"""annotations: people (names with titles) and units (the province's units since 2025)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 22:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("annotations") as batch:
        batch.add_column(sa.Column("people", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("units", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("annotations") as batch:
        batch.drop_column("units")
        batch.drop_column("people")
