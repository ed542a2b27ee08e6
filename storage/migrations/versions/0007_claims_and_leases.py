"""Claims on articles for parallel annotation, and named leases (scheduler leadership).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("claimed_by", sa.String(length=128), nullable=True))
    op.add_column("articles", sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "leases",
        sa.Column("name", sa.String(length=64), primary_key=True),
        sa.Column("holder", sa.String(length=128), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("leases")
    # Plain ALTER TABLE … DROP COLUMN (SQLite >= 3.35): a batch copy of `articles` would drop the old
    # table, and its ON DELETE CASCADE keys would take the annotations with it.
    op.drop_column("articles", "lease_until")
    op.drop_column("articles", "claimed_by")
