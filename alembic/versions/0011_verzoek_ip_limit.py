"""/verzoek per-IP limit: a keyed hash of the requester's IP on data_request

Revision ID: 0011_verzoek_ip
Revises: 0010_user_autoincrement
Create Date: 2026-12-01 19:30:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '0011_verzoek_ip'
down_revision: Union[str, None] = '0010_user_autoincrement'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('data_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ip_hmac', sqlmodel.sql.sqltypes.AutoString(length=64),
                                      nullable=False, server_default=''))
        batch_op.create_index(batch_op.f('ix_data_request_ip_hmac'), ['ip_hmac'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('data_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_data_request_ip_hmac'))
        batch_op.drop_column('ip_hmac')
