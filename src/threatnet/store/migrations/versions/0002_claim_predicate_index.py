"""Index claims by predicate: the path search reads the claims of a few predicates.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 08:20:00
"""

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index('ix_claims_predicate', ['predicate'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index('ix_claims_predicate')
