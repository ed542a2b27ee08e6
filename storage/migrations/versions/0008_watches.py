"""Watched subjects: saved, alerting queries owned by a body, and the articles matching them.

Revision ID: 0008_watches
Revises: 0008_tone_evidence
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_watches"
down_revision = "0008_tone_evidence"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watches",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.Column("shared_with", sa.JSON(), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("start_day", sa.Date(), nullable=False),
        sa.Column("policy", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("backfilled_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_watches_owner", "watches", ["owner"])
    op.create_index("ix_watches_state", "watches", ["state"])
    op.create_table(
        "watch_matches",
        sa.Column(
            "watch_id", sa.Integer(), sa.ForeignKey("watches.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column(
            "article_id", sa.Integer(), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("live", sa.Boolean(), nullable=False),
        sa.Column("matched_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_watch_matches_article", "watch_matches", ["article_id"])


def downgrade() -> None:
    op.drop_index("ix_watch_matches_article", table_name="watch_matches")
    op.drop_table("watch_matches")
    op.drop_index("ix_watches_state", table_name="watches")
    op.drop_index("ix_watches_owner", table_name="watches")
    op.drop_table("watches")
