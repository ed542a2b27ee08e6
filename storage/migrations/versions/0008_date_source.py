"""articles: published_source (where the publication time came from: JSON-LD, meta, date line, URL, …)

Revision ID: 0008_date_source
Revises: 0008_search_plans
Create Date: 2026-12-03 13:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_date_source"
down_revision = "0008_search_plans"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("published_source", sa.String(length=16), nullable=True))


def downgrade() -> None:
    # Plain ALTER TABLE … DROP COLUMN (SQLite >= 3.35): a batch copy of `articles` would drop the old
    # table, and its ON DELETE CASCADE keys would take the annotations with it.
    op.drop_column("articles", "published_source")
