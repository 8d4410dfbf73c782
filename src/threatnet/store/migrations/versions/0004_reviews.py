"""Analysts' reviews: a review status and version on claims and mentions, and the reviews table.

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-26 08:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # On SQLite the tables are rebuilt with AUTOINCREMENT: a re-extracted document's new
    # claims must not take the ids of the deleted ones, or a decision sent for an old id
    # would land on another claim (PostgreSQL's sequences never reuse ids).
    sqlite = op.get_bind().dialect.name == 'sqlite'
    for table in ('claims', 'mentions'):
        with op.batch_alter_table(table, schema=None, recreate='always' if sqlite else 'auto',
                                  table_kwargs={'sqlite_autoincrement': True}) as batch_op:
            batch_op.add_column(sa.Column('review_status', sa.String(length=16),
                                          server_default='unreviewed', nullable=False))
            batch_op.add_column(sa.Column('review_version', sa.Integer(),
                                          server_default='0', nullable=False))
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claims_review_status'), ['review_status'],
                              unique=False)
    op.create_table('reviews',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('target', sa.String(length=8), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=True),
    sa.Column('document_id', sa.String(length=80), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('predicate', sa.String(length=32), nullable=True),
    sa.Column('object_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('machine', sa.JSON(), nullable=False),
    sa.Column('correction', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('reviewer', sa.Text(), nullable=False),
    sa.Column('attached', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reviews_document_id'), ['document_id'], unique=False)
        batch_op.create_index('ix_review_target', ['target', 'target_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_index('ix_review_target')
        batch_op.drop_index(batch_op.f('ix_reviews_document_id'))
    op.drop_table('reviews')
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claims_review_status'))
    for table in ('claims', 'mentions'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('review_version')
            batch_op.drop_column('review_status')
