"""cv: own sections, page breaks, lock and undo history

``cv_section`` holds the titles of a CV's own sections (their entries are ``cv_entry`` rows
with section ``c<id>``); ``cv_history`` the undo/redo steps (content sealed). Existing CVs
get no page breaks and stay unlocked.

Revision ID: 0018_cv_custom_lock_history
Revises: 0017_cv_private_note
Create Date: 2026-12-03 13:20:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0018_cv_custom_lock_history'
down_revision: Union[str, None] = '0017_cv_private_note'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column('cv', sa.Column('page_breaks', sa.JSON(), nullable=True))
    op.add_column('cv', sa.Column('locked', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        'cv_section',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('cv_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['cv_id'], ['cv.id']),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_cv_section_cv_id', 'cv_section', ['cv_id'])
    op.create_index('ix_cv_section_user_id', 'cv_section', ['user_id'])
    op.create_table(
        'cv_history',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('cv_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['cv_id'], ['cv.id']),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_cv_history_cv_id', 'cv_history', ['cv_id'])
    op.create_index('ix_cv_history_user_id', 'cv_history', ['user_id'])


def downgrade() -> None:
    op.drop_index('ix_cv_history_user_id', table_name='cv_history')
    op.drop_index('ix_cv_history_cv_id', table_name='cv_history')
    op.drop_table('cv_history')
    op.drop_index('ix_cv_section_user_id', table_name='cv_section')
    op.drop_index('ix_cv_section_cv_id', table_name='cv_section')
    op.drop_table('cv_section')
    with op.batch_alter_table('cv', schema=None) as batch_op:
        batch_op.drop_column('locked')
        batch_op.drop_column('page_breaks')
