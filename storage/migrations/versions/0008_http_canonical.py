"""Articles stored with a non-http(s) canonical URL (a page's `javascript:` rel=canonical) get their
fetched URL back: duluan never links, returns or exports a non-http(s) URL.

Revision ID: 0008_http_canonical
Revises: 0008_date_source
"""

from __future__ import annotations

from alembic import op

revision = "0008_http_canonical"
down_revision = "0008_date_source"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        UPDATE articles SET canonical_url = url
        WHERE lower(canonical_url) NOT LIKE 'http://%' AND lower(canonical_url) NOT LIKE 'https://%'
          AND NOT EXISTS (SELECT 1 FROM articles other WHERE other.canonical_url = articles.url)
        """
    )


def downgrade() -> None:
    pass  # the refused canonical URLs are not kept
