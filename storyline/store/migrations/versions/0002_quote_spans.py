"""quotes keep the spans of their cue and source and the resolved speaker

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = (
    ("cue_start", sa.Integer),
    ("cue_end", sa.Integer),
    ("source_text", sa.Text),
    ("source_start", sa.Integer),
    ("source_end", sa.Integer),
    ("speaker", sa.Text),
)


def upgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        for name, kind in COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
