revision = 'a1'
down_revision = ('a0', 'b0']
branch_labels = None

def upgrade():
    op.create_table('t', sa.Column('id', sa.Integer()
