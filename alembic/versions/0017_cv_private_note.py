"""cv private note: the owner's own note per CV, never printed

Revision ID: 0017_cv_private_note
Revises: 0016_cv_sections
Create Date: 2026-12-02 18:50:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0017_cv_private_note'
down_revision: Union[str, None] = '0016_cv_sections'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column('cv', sa.Column('private_note', sqlmodel.sql.sqltypes.AutoString(length=2000),
                                  nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('cv', schema=None) as batch_op:
        batch_op.drop_column('private_note')
