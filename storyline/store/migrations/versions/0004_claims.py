"""claims keep who asserts them, their polarity, planned flag, dates and normalised details

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = (
    ("claim_id", sa.String(64)),
    ("subject_label", sa.Text),
    ("unit", sa.String(32)),
    ("qualifier", sa.String(64)),
    ("polarity", sa.String(16)),
    ("planned", sa.Boolean),
    ("stated_at", sa.String(32)),
    ("stated_estimated", sa.Boolean),
    ("asserted_kind", sa.String(32)),
    ("asserted_entity", sa.String(200)),
    ("outlet", sa.String(200)),
    ("details", sa.JSON),
)


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        for name, kind in COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
