"""cv sections: their order and own names per CV

Existing CVs keep their layout: no (NULL) order is the default order, no names are the
default headings (``services/cv/sections.py``).

Revision ID: 0016_cv_sections
Revises: 0015_cv_typography
Create Date: 2026-12-02 17:50:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0016_cv_sections'
down_revision: Union[str, None] = '0015_cv_typography'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Plain ADD COLUMNs: no table rebuild on SQLite.
    op.add_column('cv', sa.Column('section_order', sa.JSON(), nullable=True))
    op.add_column('cv', sa.Column('section_titles', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('cv', schema=None) as batch_op:
        batch_op.drop_column('section_titles')
        batch_op.drop_column('section_order')
