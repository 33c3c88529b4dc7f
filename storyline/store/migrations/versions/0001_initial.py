"""initial schema: sources, documents, sentences, entities, mentions, quotes, events, relations, claims

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _doc_fk() -> sa.ForeignKey:
    return sa.ForeignKey("documents.id", ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("raw_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("documents", sa.Integer, nullable=False),
        sa.Column("problems", sa.Integer, nullable=False),
        sa.Column("read_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.String(200)),
        sa.Column("published", sa.String(32)),
        sa.Column("published_estimate", sa.JSON),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("language_confidence", sa.Float, nullable=False),
        sa.Column("author", sa.String(200)),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("removed_lines", sa.Integer, nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "sentences",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("doc_id", sa.String(200), _doc_fk(), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.UniqueConstraint("doc_id", "position"),
    )
    op.create_index("ix_sentences_doc_id", "sentences", ["doc_id"])
    op.create_table(
        "entities",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("aliases", sa.JSON, nullable=False),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("entity_id", sa.String(200), sa.ForeignKey("entities.id", ondelete="CASCADE")),
        sa.Column("doc_id", sa.String(200), _doc_fk(), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("label", sa.String(32), nullable=False),
    )
    op.create_index("ix_mentions_entity_id", "mentions", ["entity_id"])
    op.create_index("ix_mentions_doc_span", "mentions", ["doc_id", "start", "end"])
    op.create_table(
        "quotes",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("doc_id", sa.String(200), _doc_fk(), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("speaker_entity", sa.String(200)),
        sa.Column("speaker_label", sa.Text, nullable=False),
        sa.Column("anonymous", sa.Boolean, nullable=False),
        sa.Column("cue", sa.String(100)),
        sa.Column("channel", sa.String(100)),
        sa.Column("reported_to", sa.String(200)),
    )
    op.create_index("ix_quotes_doc_id", "quotes", ["doc_id"])
    op.create_table(
        "events",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("date", sa.String(32)),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("participants", sa.JSON, nullable=False),
    )
    op.create_table(
        "event_mentions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.String(200), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("doc_id", sa.String(200), _doc_fk(), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_event_mentions_event_id", "event_mentions", ["event_id"])
    op.create_table(
        "relations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("predicate", sa.String(64), nullable=False),
        sa.Column("object", sa.String(200), nullable=False),
        sa.Column("since", sa.String(32)),
        sa.Column("until", sa.String(32)),
        sa.Column("evidence", sa.JSON, nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("doc_id", sa.String(200), _doc_fk(), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("subject", sa.String(200)),
        sa.Column("property", sa.String(64), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("holds_at", sa.String(32)),
        sa.Column("asserted_by", sa.Text),
    )
    op.create_index("ix_claims_doc_id", "claims", ["doc_id"])


def downgrade() -> None:
    for table in (
        "claims", "relations", "event_mentions", "events", "quotes", "mentions", "entities", "sentences",
        "documents", "sources",
    ):
        op.drop_table(table)
