"""create todos table

Each todo belongs to a user; deleting the user deletes its todos.

Revision ID: 9c4f2a1d7b3e
Revises: 3b1c2d4e5f6
Create Date: 2024-01-03 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9c4f2a1d7b3e'
down_revision = '3b1c2d4e5f6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'todos',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('priority', sa.Integer(), server_default=sa.text('1'),
                  nullable=False),
        sa.Column('complete', sa.Boolean(), server_default=sa.false(),
                  nullable=False),
        sa.Column('owner_id', sa.Integer(), nullable=False),
        sa.CheckConstraint('priority between 1 and 5'),
        sa.ForeignKeyConstraint(['owner_id'], ['users.id'],
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_todos_owner_id', 'todos', ['owner_id'],
                    unique=False)


def downgrade():
    op.drop_index('ix_todos_owner_id', table_name='todos')
    op.drop_table('todos')
