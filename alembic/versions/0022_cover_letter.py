"""cover letters: a letter styled like the CV it belongs to, gone with that CV

Revision ID: 0022_cover_letter
Revises: 0021_cv_snapshot
Create Date: 2026-12-03 17:30:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0022_cover_letter'
down_revision: Union[str, None] = '0021_cv_snapshot'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _text(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    op.create_table(
        'cover_letter',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('cv_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('title', _text(100), nullable=False),
        sa.Column('recipient_name', _text(100), nullable=False),
        sa.Column('recipient_org', _text(120), nullable=False),
        sa.Column('recipient_address', _text(300), nullable=False),
        sa.Column('place', _text(80), nullable=False),
        sa.Column('letter_date', sa.Date(), nullable=True),
        sa.Column('subject', _text(150), nullable=False),
        sa.Column('salutation', _text(100), nullable=False),
        sa.Column('body', _text(8000), nullable=False),
        sa.Column('closing', _text(100), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['cv_id'], ['cv.id']),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_cover_letter_cv_id', 'cover_letter', ['cv_id'])
    op.create_index('ix_cover_letter_user_id', 'cover_letter', ['user_id'])


def downgrade() -> None:
    op.drop_index('ix_cover_letter_user_id', table_name='cover_letter')
    op.drop_index('ix_cover_letter_cv_id', table_name='cover_letter')
    op.drop_table('cover_letter')
