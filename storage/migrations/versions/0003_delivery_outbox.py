"""delivery outbox: retries with backoff and claims, alert subjects for cooldowns, digest deliveries

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 21:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_STATE_COLUMNS = (
    ("created_at", sa.DateTime(timezone=True)),
    ("next_attempt_at", sa.DateTime(timezone=True)),
    ("claim", sa.String(length=64)),
    ("claimed_at", sa.DateTime(timezone=True)),
    ("message_id", sa.String(length=200)),
)


def upgrade() -> None:
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("subject", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("magnitude", sa.Float(), nullable=True))
        batch_op.create_index(batch_op.f("ix_alerts_subject"), ["subject"], unique=False)

    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        for name, type_ in _STATE_COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))
        batch_op.create_index("ix_deliveries_status", ["status"], unique=False)

    op.create_table(
        "digest_deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("digest_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        *(sa.Column(name, type_, nullable=True) for name, type_ in _STATE_COLUMNS),
        sa.ForeignKeyConstraint(["digest_id"], ["digests.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("digest_id", "channel"),
    )
    with op.batch_alter_table("digest_deliveries", schema=None) as batch_op:
        batch_op.create_index("ix_digest_deliveries_status", ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("digest_deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_digest_deliveries_status")
    op.drop_table("digest_deliveries")
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_deliveries_status")
        for name, _ in reversed(_STATE_COLUMNS):
            batch_op.drop_column(name)
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alerts_subject"))
        batch_op.drop_column("magnitude")
        batch_op.drop_column("subject")
