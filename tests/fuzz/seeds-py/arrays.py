"""arrays

Revision ID: a1
Revises:
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = 'a1'
down_revision = None


def upgrade():
    op.create_table('posts', sa.Column('id', sa.Integer(), primary_key=True),
                    sa.Column('tags', sa.ARRAY(sa.Text()), nullable=False),
                    sa.Column('grid', postgresql.ARRAY(sa.Integer, dimensions=2)),
                    sa.Column('names', postgresql.ARRAY(item_type=sa.String(20))))
    op.alter_column('posts', 'names', type_=sa.ARRAY(sa.Text()))


def downgrade():
    op.drop_table('posts')
