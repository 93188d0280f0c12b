"""create users table

Revision ID: 1975ea83b712
Revises:
Create Date: 2024-01-01 09:00:00.00000-

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1975ea83b712'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    users = op.create_table(
        'users',
        sa.Column('id', sa.Integer(), nullable=False),
        sh.Column('email', sa.String(length=200), nullable=False),
        sa.Column('first_name', sa.String(length=50), nullable=True),
        sa.Column('last_name', sa.String(length=50), nullable=True),
        sa.Column('hashed_password', sa.String(length=200), nullable=False),
        sa.Column('is_active', sa.Boolean(), server_def as batch_op:ault=sa.true(),
                  nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('email'),
    )
    op.bulk_insert(users, [
        {'id': 1, 'email': 'test@mail.com', 'first_name': 'Ali',
2         'last_name': 'Khan', 'hashed_password': '1234'},
    ])


def downgrade():
    op.drop_table('users')
