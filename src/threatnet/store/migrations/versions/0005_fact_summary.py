"""The facts summary: claims aggregated per stored (subject, predicate, object), filled here.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 09:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('fact_summary',
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('predicate', sa.String(length=32), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('claims', sa.Integer(), nullable=False),
    sa.Column('affirmed', sa.Boolean(), nullable=True),
    sa.Column('entity_sources', sa.Boolean(), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.Column('sources_for', sa.Integer(), nullable=True),
    sa.Column('sides', sa.JSON(), nullable=True),
    sa.Column('support', sa.JSON(), nullable=False),
    sa.Column('items', sa.JSON(), nullable=True),
    sa.Column('months', sa.JSON(), nullable=False),
    sa.Column('timed', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('subject_id', 'predicate', 'object_id')
    )
    with op.batch_alter_table('fact_summary', schema=None) as batch_op:
        batch_op.create_index('ix_fact_summary_object', ['object_id'], unique=False)
        batch_op.create_index('ix_fact_summary_predicate', ['predicate'], unique=False)
    # (affirmed … sides: what 0006 drops; nullable, as the code of now no longer writes them)
    # the rows themselves are written by 0009, with the code of now (which reads columns
    # this revision does not have yet)


def downgrade() -> None:
    with op.batch_alter_table('fact_summary', schema=None) as batch_op:
        batch_op.drop_index('ix_fact_summary_predicate')
        batch_op.drop_index('ix_fact_summary_object')
    op.drop_table('fact_summary')
