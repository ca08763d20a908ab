"""cv trash: a deleted CV waits 30 days in the trash (trashed_at) before it is erased

Revision ID: 0020_cv_trash
Revises: 0019_cv_alias
Create Date: 2026-12-03 17:00:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0020_cv_trash'
down_revision: Union[str, None] = '0019_cv_alias'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column('cv', sa.Column('trashed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.create_index('ix_cv_trashed_at', 'cv', ['trashed_at'])


def downgrade() -> None:
    op.drop_index('ix_cv_trashed_at', table_name='cv')
    with op.batch_alter_table('cv', schema=None) as batch_op:
        batch_op.drop_column('trashed_at')
