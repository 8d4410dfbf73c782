"""Incidents: what each document says an attack was (kind, date, place), one row per
incident of a document, beside the event entity its claims are about.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 12:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('incidents',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('document_id', sa.String(length=80), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('local_id', sa.String(length=16), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=64), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('place_id', sa.Integer(), nullable=True),
    sa.Column('generated', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], ),
    sa.ForeignKeyConstraint(['place_id'], ['entities.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index('ix_incidents_document_id', ['document_id'], unique=False)
        batch_op.create_index('ix_incidents_entity_id', ['entity_id'], unique=False)
        batch_op.create_index('ix_incidents_date', ['date'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index('ix_incidents_date')
        batch_op.drop_index('ix_incidents_entity_id')
        batch_op.drop_index('ix_incidents_document_id')
    op.drop_table('incidents')
