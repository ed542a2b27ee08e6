"""annotations: what decided the tone (the tone model's reasons and probabilities, or the lexicon's phrases)

Revision ID: 0008_tone_evidence
Revises: 0008_http_canonical
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_tone_evidence"
down_revision = "0008_http_canonical"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("annotations") as batch:
        batch.add_column(sa.Column("tone_evidence", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("annotations") as batch:
        batch.drop_column("tone_evidence")
