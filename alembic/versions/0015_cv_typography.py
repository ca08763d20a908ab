"""cv typography: font family, body size, line spacing, margins and text colour per CV

Existing CVs keep exactly how they printed: DejaVu Sans at 9.5 pt, line spacing 1.15 (the
templates' own), the template's margins and text colours (NULL). Bounds are the service's
(``services/cv/typography.py``), not the database's.

Revision ID: 0015_cv_typography
Revises: 0014_sealed_fields
Create Date: 2026-12-02 13:05:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0015_cv_typography'
down_revision: Union[str, None] = '0014_sealed_fields'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Plain ADD COLUMNs: no table rebuild on SQLite.
    op.add_column('cv', sa.Column('font', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False,
                                  server_default='dejavu'))
    op.add_column('cv', sa.Column('font_size', sa.Float(), nullable=False, server_default='9.5'))
    op.add_column('cv', sa.Column('line_spacing', sa.Float(), nullable=False, server_default='1.15'))
    op.add_column('cv', sa.Column('margin_mm', sa.Integer(), nullable=True))
    op.add_column('cv', sa.Column('text_color', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('cv', schema=None) as batch_op:
        for name in ('text_color', 'margin_mm', 'line_spacing', 'font_size', 'font'):
            batch_op.drop_column(name)
