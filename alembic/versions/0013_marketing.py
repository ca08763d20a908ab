"""marketing: news opt-ins, the suppression list, campaigns, User.is_customer

Revision ID: 0013_marketing
Revises: 0012_recipients_sharing
Create Date: 2026-12-01 22:37:18.747034
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '0013_marketing'
down_revision: Union[str, None] = '0012_recipients_sharing'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('marketing_campaign',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=150), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(length=20000), nullable=False),
    sa.Column('lang', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('sent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('sent_count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('marketing_opt_in',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('email_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('organisation', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('lang', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('text_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('confirmed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('unsubscribed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('marketing_opt_in', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_marketing_opt_in_email_hash'), ['email_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_marketing_opt_in_user_id'), ['user_id'], unique=False)

    op.create_table('marketing_suppression',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('address_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('marketing_suppression', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_marketing_suppression_address_hash'), ['address_hash'], unique=True)

    op.create_table('marketing_campaign_send',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('address_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['marketing_campaign.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('campaign_id', 'address_hash', name='uq_campaign_send_address')
    )
    with op.batch_alter_table('marketing_campaign_send', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_marketing_campaign_send_campaign_id'), ['campaign_id'], unique=False)

    # A plain ADD COLUMN (no batch rebuild): a rebuild would drop the AUTOINCREMENT of 0010.
    op.add_column('user_account', sa.Column('is_customer', sa.Boolean(), nullable=False,
                                            server_default=sa.false()))



def downgrade() -> None:
    with op.batch_alter_table('user_account', schema=None,
                              table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_column('is_customer')

    with op.batch_alter_table('marketing_campaign_send', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_marketing_campaign_send_campaign_id'))

    op.drop_table('marketing_campaign_send')
    with op.batch_alter_table('marketing_suppression', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_marketing_suppression_address_hash'))

    op.drop_table('marketing_suppression')
    with op.batch_alter_table('marketing_opt_in', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_marketing_opt_in_user_id'))
        batch_op.drop_index(batch_op.f('ix_marketing_opt_in_email_hash'))

    op.drop_table('marketing_opt_in')
    op.drop_table('marketing_campaign')
