"""Grassroots opinion: collaborators' units, their reports and the reports' photos.

Revision ID: 0008_grassroots
Revises: 0008_watches
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_grassroots"
down_revision = "0008_watches"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("unit", sa.String(length=120), nullable=True))
    op.create_table(
        "grassroots_reports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("token", sa.String(length=80), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=True),
        sa.Column("reporter_name", sa.String(length=200), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(length=120), nullable=False),
        sa.Column("chosen_topic", sa.String(length=64), nullable=True),
        sa.Column("spread", sa.String(length=16), nullable=False),
        sa.Column("mood", sa.String(length=16), nullable=False),
        sa.Column("heard_at", sa.String(length=32), nullable=False),
        sa.Column("link", sa.String(length=1000), nullable=True),
        sa.Column("heard_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("topic_id", sa.String(length=64), nullable=True),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("places", sa.JSON(), nullable=False),
        sa.Column("units", sa.JSON(), nullable=False),
        sa.Column("tone", sa.String(length=16), nullable=True),
        sa.Column("tone_score", sa.Float(), nullable=True),
        sa.Column("annotated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("annotator_version", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["reporter_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token"),
    )
    op.create_index("ix_grassroots_reports_reporter_id", "grassroots_reports", ["reporter_id"])
    op.create_index("ix_grassroots_reports_unit", "grassroots_reports", ["unit"])
    op.create_index("ix_grassroots_reports_day_topic", "grassroots_reports", ["heard_on", "topic_id"])
    op.create_table(
        "grassroots_photos",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=100), nullable=False),
        sa.Column("content_type", sa.String(length=32), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["grassroots_reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_grassroots_photos_report_id", "grassroots_photos", ["report_id"])


def downgrade() -> None:
    op.drop_table("grassroots_photos")
    op.drop_table("grassroots_reports")
    op.drop_column("users", "unit")
