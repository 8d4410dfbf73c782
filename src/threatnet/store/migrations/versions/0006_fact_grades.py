"""Every fact graded and kept ready (`fact_grades`), the best link between two actors
(`fact_links`) and each entity's claims per month (`entity_months`): filled here from
the facts summary, whose per-fact confidence and sources (now graded) are dropped.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 11:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('fact_grades',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('predicate', sa.String(length=32), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('part', sa.String(length=200), nullable=False),
    sa.Column('hierarchy', sa.String(length=16), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('affirmed', sa.Boolean(), nullable=False),
    sa.Column('edge', sa.Float(), nullable=True),
    sa.Column('edge_sources', sa.Integer(), nullable=False),
    sa.Column('claims', sa.Integer(), nullable=False),
    sa.Column('conflicts', sa.Integer(), nullable=False),
    sa.Column('changes', sa.Integer(), nullable=False),
    sa.Column('object_conflicts', sa.Integer(), nullable=False),
    sa.Column('object_changes', sa.Integer(), nullable=False),
    sa.Column('why', sa.Text(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('subject_id', 'predicate', 'object_id', name='uq_fact_grades_fact')
    )
    with op.batch_alter_table('fact_grades', schema=None) as batch_op:
        batch_op.create_index('ix_fact_grades_object', ['object_id', 'subject_id'],
                              unique=False)
        batch_op.create_index('ix_fact_grades_part', ['part'], unique=False)
        batch_op.create_index('ix_fact_grades_predicate', ['predicate'], unique=False)
    op.create_table('fact_links',
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('predicate', sa.String(length=32), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('sources_for', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('subject_id', 'object_id')
    )
    op.create_table('entity_months',
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.String(length=8), nullable=False),
    sa.Column('claims', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('entity_id', 'month')
    )
    with op.batch_alter_table('fact_summary', schema=None) as batch_op:
        for column in ('affirmed', 'entity_sources', 'confidence', 'sources_for', 'sides'):
            batch_op.drop_column(column)  # derived per fact: now in fact_grades
    # the rows themselves are written by 0009, with the code of now (which reads columns
    # this revision does not have yet)


def downgrade() -> None:
    with op.batch_alter_table('fact_summary', schema=None) as batch_op:
        batch_op.add_column(sa.Column('affirmed', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('entity_sources', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('confidence', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('sources_for', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('sides', sa.JSON(), nullable=True))
    op.drop_table('entity_months')
    op.drop_table('fact_links')
    with op.batch_alter_table('fact_grades', schema=None) as batch_op:
        batch_op.drop_index('ix_fact_grades_predicate')
        batch_op.drop_index('ix_fact_grades_part')
        batch_op.drop_index('ix_fact_grades_object')
    op.drop_table('fact_grades')
