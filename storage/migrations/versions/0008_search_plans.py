"""search plans: article_facets, the filter values of each article, kept by triggers

Revision ID: 0008_search_plans
Revises: 0008

Search filters on topic, tone, "local" and place used to test each candidate's annotation (a JSON list
for places) one row at a time. `article_facets (facet, article_id)` holds those values as rows such as
`topic:moi_truong`, `tone:negative`, `local`, `place:Lạng Sơn`; its primary key answers "the articles with
this value in this id range" from the index alone, which a search combines with the text match.
Triggers on `annotations` and `article_topics` keep it current whatever writes them; existing rows are
copied here.

PostgreSQL: the tsvector is kept in the table row (`STORAGE MAIN`, still compressed) instead of the TOAST
table. Ranking the window's candidates reads each one's tsvector, once for the match and once for
`ts_rank`; fetched from TOAST that was ~7 buffer reads per candidate and most of a search's time.
Existing rows are rewritten so that their tsvector moves (the generated column is recomputed).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_search_plans"
down_revision = "0008"
branch_labels = None
depends_on = None

# the facets an annotation row gives (SQLite; `new` is the row)
_SQLITE_NOTE_FACETS = """
    INSERT OR IGNORE INTO article_facets (facet, article_id)
        SELECT 'tone:' || new.tone, new.article_id WHERE new.tone IS NOT NULL
        UNION SELECT 'local', new.article_id WHERE new.local
        UNION SELECT 'place:' || value, new.article_id FROM json_each(new.places)
            WHERE json_valid(new.places) AND value IS NOT NULL;"""
_SQLITE_NOTE_CLEAR = (
    "DELETE FROM article_facets WHERE article_id = old.article_id AND facet NOT LIKE 'topic:%';"
)

SQLITE_UP = [
    f"""CREATE TRIGGER article_facets_note_insert AFTER INSERT ON annotations BEGIN
        {_SQLITE_NOTE_FACETS}
    END""",
    f"""CREATE TRIGGER article_facets_note_update AFTER UPDATE OF tone, local, places ON annotations BEGIN
        {_SQLITE_NOTE_CLEAR}
        {_SQLITE_NOTE_FACETS}
    END""",
    f"""CREATE TRIGGER article_facets_note_delete AFTER DELETE ON annotations BEGIN
        {_SQLITE_NOTE_CLEAR}
    END""",
    """CREATE TRIGGER article_facets_topic_insert AFTER INSERT ON article_topics BEGIN
        INSERT OR IGNORE INTO article_facets (facet, article_id) VALUES ('topic:' || new.topic_id, new.article_id);
    END""",
    """CREATE TRIGGER article_facets_topic_update AFTER UPDATE OF topic_id, article_id ON article_topics BEGIN
        DELETE FROM article_facets WHERE article_id = old.article_id AND facet = 'topic:' || old.topic_id;
        INSERT OR IGNORE INTO article_facets (facet, article_id) VALUES ('topic:' || new.topic_id, new.article_id);
    END""",
    """CREATE TRIGGER article_facets_topic_delete AFTER DELETE ON article_topics BEGIN
        DELETE FROM article_facets WHERE article_id = old.article_id AND facet = 'topic:' || old.topic_id;
    END""",
]
SQLITE_DOWN = [
    f"DROP TRIGGER IF EXISTS article_facets_{table}_{event}"
    for table in ("note", "topic")
    for event in ("insert", "update", "delete")
]

POSTGRES_UP = [
    """CREATE FUNCTION article_facets_of_note() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            DELETE FROM article_facets WHERE article_id = OLD.article_id AND facet NOT LIKE 'topic:%';
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO article_facets (facet, article_id)
            SELECT 'tone:' || NEW.tone, NEW.article_id WHERE NEW.tone IS NOT NULL
            UNION SELECT 'local', NEW.article_id WHERE NEW.local
            UNION SELECT 'place:' || p, NEW.article_id
                FROM json_array_elements_text(
                    CASE WHEN json_typeof(NEW.places) = 'array' THEN NEW.places ELSE '[]'::json END
                ) AS p
                WHERE p IS NOT NULL
            ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER article_facets_note AFTER INSERT OR DELETE OR UPDATE OF tone, local, places
        ON annotations FOR EACH ROW EXECUTE FUNCTION article_facets_of_note()""",
    """CREATE FUNCTION article_facets_of_topic() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            DELETE FROM article_facets WHERE article_id = OLD.article_id AND facet = 'topic:' || OLD.topic_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO article_facets (facet, article_id) VALUES ('topic:' || NEW.topic_id, NEW.article_id)
            ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER article_facets_topic AFTER INSERT OR DELETE OR UPDATE OF topic_id, article_id
        ON article_topics FOR EACH ROW EXECUTE FUNCTION article_facets_of_topic()""",
]
POSTGRES_INLINE_TSV = [
    "ALTER TABLE articles ALTER COLUMN search_tsv SET STORAGE MAIN",
    # recompute (and so re-store) every tsvector; the GIN index is rebuilt once instead of taking a new
    # entry per lexeme of every rewritten row
    "DROP INDEX ix_articles_search_tsv",
    "UPDATE articles SET search_title = search_title",
    "CREATE INDEX ix_articles_search_tsv ON articles USING gin (search_tsv)",
]
POSTGRES_DOWN = [
    "ALTER TABLE articles ALTER COLUMN search_tsv SET STORAGE EXTENDED",
    "DROP TRIGGER IF EXISTS article_facets_topic ON article_topics",
    "DROP FUNCTION IF EXISTS article_facets_of_topic()",
    "DROP TRIGGER IF EXISTS article_facets_note ON annotations",
    "DROP FUNCTION IF EXISTS article_facets_of_note()",
]

BACKFILL = {
    "sqlite": [
        """INSERT OR IGNORE INTO article_facets (facet, article_id)
            SELECT 'tone:' || tone, article_id FROM annotations WHERE tone IS NOT NULL
            UNION SELECT 'local', article_id FROM annotations WHERE local
            UNION SELECT 'place:' || j.value, a.article_id FROM annotations AS a, json_each(a.places) AS j
                WHERE json_valid(a.places) AND j.value IS NOT NULL
            UNION SELECT 'topic:' || topic_id, article_id FROM article_topics""",
    ],
    "postgresql": [
        """INSERT INTO article_facets (facet, article_id)
            SELECT 'tone:' || tone, article_id FROM annotations WHERE tone IS NOT NULL
            UNION SELECT 'local', article_id FROM annotations WHERE local
            UNION SELECT 'place:' || p, a.article_id FROM annotations AS a,
                json_array_elements_text(CASE WHEN json_typeof(a.places) = 'array' THEN a.places
                                         ELSE '[]'::json END) AS p
                WHERE p IS NOT NULL
            UNION SELECT 'topic:' || topic_id, article_id FROM article_topics
            ON CONFLICT DO NOTHING""",
    ],
}


def upgrade() -> None:
    op.create_table(
        "article_facets",
        sa.Column("facet", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("facet", "article_id"),
    )
    op.create_index("ix_article_facets_article_id", "article_facets", ["article_id"])
    dialect = op.get_bind().dialect.name
    for statement in (SQLITE_UP if dialect == "sqlite" else POSTGRES_UP + POSTGRES_INLINE_TSV) + BACKFILL[
        dialect
    ]:
        op.execute(statement)


def downgrade() -> None:
    for statement in SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRES_DOWN:
        op.execute(statement)
    op.drop_index("ix_article_facets_article_id", table_name="article_facets")
    op.drop_table("article_facets")
