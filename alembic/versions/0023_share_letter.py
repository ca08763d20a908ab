"""share links with a cover letter: the letter of the CV a link was sent with

Revision ID: 0023_share_letter
Revises: 0022_cover_letter
Create Date: 2026-12-03 17:50:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0023_share_letter'
down_revision: Union[str, None] = '0022_cover_letter'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column('share_link', sa.Column('letter_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('share_link', schema=None) as batch_op:
        batch_op.drop_column('letter_id')
