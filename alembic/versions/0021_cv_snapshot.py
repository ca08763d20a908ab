"""cv versions: a saved version of a CV at every download and send, or named by its owner

Revision ID: 0021_cv_snapshot
Revises: 0020_cv_trash
Create Date: 2026-12-03 17:15:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0021_cv_snapshot'
down_revision: Union[str, None] = '0020_cv_trash'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'cv_snapshot',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('cv_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['cv_id'], ['cv.id']),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_cv_snapshot_cv_id', 'cv_snapshot', ['cv_id'])
    op.create_index('ix_cv_snapshot_user_id', 'cv_snapshot', ['user_id'])


def downgrade() -> None:
    op.drop_index('ix_cv_snapshot_user_id', table_name='cv_snapshot')
    op.drop_index('ix_cv_snapshot_cv_id', table_name='cv_snapshot')
    op.drop_table('cv_snapshot')
