"""Near-duplicates and origins: the near-duplicate index (`near_keys`), which documents
copy which (`document_copies`) and the sentences they share (`shared_sentences`), and
each claim's origin (`claims.origin`). Stored documents are indexed oldest first; then
the facts summary (0005) and the graded facts (0006) are written from the claims as
they are now.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 15:10:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('near_keys',
    sa.Column('document_id', sa.String(length=80), nullable=False),
    sa.Column('key', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'key')
    )
    with op.batch_alter_table('near_keys', schema=None) as batch_op:
        batch_op.create_index('ix_near_keys_key', ['key'], unique=False)
    op.create_table('document_copies',
    sa.Column('document_id', sa.String(length=80), nullable=False),
    sa.Column('original_id', sa.String(length=80), nullable=False),
    sa.Column('shared', sa.Integer(), nullable=False),
    sa.Column('compared', sa.Integer(), nullable=False),
    sa.Column('copy', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['original_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'original_id')
    )
    with op.batch_alter_table('document_copies', schema=None) as batch_op:
        batch_op.create_index('ix_document_copies_original_id', ['original_id'], unique=False)
    op.create_table('shared_sentences',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('document_id', sa.String(length=80), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('original_id', sa.String(length=80), nullable=False),
    sa.Column('original_start', sa.Integer(), nullable=False),
    sa.Column('original_end', sa.Integer(), nullable=False),
    sa.Column('similarity', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['original_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('shared_sentences', schema=None) as batch_op:
        batch_op.create_index('ix_shared_sentences_document_id', ['document_id'], unique=False)
        batch_op.create_index('ix_shared_sentences_original_id', ['original_id'], unique=False)
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('origin', sa.Text(), nullable=True))
    _index_stored()


def _index_stored() -> None:
    """Index the stored documents, oldest first; rebuild what copies among them change."""
    from threatnet.store import copies, summary
    from threatnet.store.keeper import keeper

    session = Session(bind=op.get_bind())
    documents = sa.table('documents', sa.column('id'), sa.column('published'),
                         sa.column('ingested_at'))
    ids = list(session.scalars(sa.select(documents.c.id).order_by(
        documents.c.published.is_(None), documents.c.published, documents.c.ingested_at,
        documents.c.id)))
    for document_id in ids:
        copies.index(session, document_id)
    if session.scalar(sa.select(sa.func.count()).select_from(sa.table('claims'))):
        summary.rebuild(session, grades=False)  # (the summary and grades 0005 and 0006
        summary.rebuild_months(session)  # created, written with the code of now)
        keeper().rebuild(session)
    session.flush()


def downgrade() -> None:
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_column('origin')
    with op.batch_alter_table('shared_sentences', schema=None) as batch_op:
        batch_op.drop_index('ix_shared_sentences_original_id')
        batch_op.drop_index('ix_shared_sentences_document_id')
    op.drop_table('shared_sentences')
    with op.batch_alter_table('document_copies', schema=None) as batch_op:
        batch_op.drop_index('ix_document_copies_original_id')
    op.drop_table('document_copies')
    with op.batch_alter_table('near_keys', schema=None) as batch_op:
        batch_op.drop_index('ix_near_keys_key')
    op.drop_table('near_keys')
