"""cv alias and anonymous links: the name an anonymous CV goes by (empty: the initials),
and whether a personal link shows the anonymous CV

Revision ID: 0019_cv_alias
Revises: 0018_cv_custom_lock_history
Create Date: 2026-12-03 14:00:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0019_cv_alias'
down_revision: Union[str, None] = '0018_cv_custom_lock_history'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column('cv', sa.Column('alias', sqlmodel.sql.sqltypes.AutoString(length=60),
                                  nullable=False, server_default=''))
    op.add_column('share_link', sa.Column('anonymous', sa.Boolean(), nullable=False,
                                          server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('share_link', schema=None) as batch_op:
        batch_op.drop_column('anonymous')
    with op.batch_alter_table('cv', schema=None) as batch_op:
        batch_op.drop_column('alias')
