"""Analysts' claims: `claims.written_by` says who wrote a claim (machine | analyst); an
analyst's claims are kept when their document is re-extracted.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 15:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('written_by', sa.String(length=16),
                                      server_default='machine', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_column('written_by')
