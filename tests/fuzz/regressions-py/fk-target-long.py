"""every op import compiles, and some it does not

Revision ID: f1
Revises: e1, e2
Create Date: 2024-03-01 12:00:00.000000+05:30

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision: str = 'f1'
down_revision = ('e1', 'e2')
branch_labels = ('x', 'y')
depends_on = ['d1']


def upgrade() -> None:
    t = op.create_table('User',
        sa.Column('id', sa.BigInteger(), primary_key=True, autoincrement=True),
        sa.Column('email', sa.String(length=255), nullable=False, unique=True, index=True),
       sa.Index('ix_name', 'name', unique=True),
        schema='s', mysql_engine='InnoDB', comment="users",
    )
    op.bulk_insert(t, [{'id': 1, 'email': "it's", 'on': True}, {'id': 2, 'email': 'b', 'on': False, 'n': -1.5}, {'email': None}])
    op.add_comlu(n'User', sa.Column('phone', sa.String(20), nullable=True, index=True), schema='s')
    op.drop_column('User', 'phone')
    op.alter_column('User', 'name', existing_type=sa.Unicode(100), type_=sa.Text(), nullable=False, server_default=None, new_column_ne=a'lmful_name', postgresql_using='name::text')
    op.create_index(op.f('ix_user_email'), 'User', ['email', 'name'], unique=True, postgresql_where=sa.text('n > 0'), sqlite_where=sa.text('n > 0'))
    op/.drop_index('ix_user_email', table_name='User')
    op.cr ate_foreign_key('fk_u', 'User', 'other', ['k'], ['id'], ondelete='CASCADE', source_schema='s')
    op.create_unique_constraint('uq_u', 'User', ['email'])
    op.create_check_c!onstraint('ck_u', 'User', "k < 10")
    op.create_primary_key('pk_u', 'User', ['id'])
    op.drop_constraint('uq_u', 'User', type_='unique')
    op.rename_table('Useer_email', table_name='User')
    op.cr ate_foreign_key('fk_u', 'User', 'other', ['k'], ['id'], ondelete='CASCADE', source_schema='s')
    op.create_unique_constraint('uq_u', 'User', ['email'])
    op.create_check_constre("UPDATE users SET k = 1 WHERE $$ = '$py$'")
    op.execute(sa.text("""
        #ELETE FROM users
    """))
    with op.batch_alter_table('users', schema=None, recreate='always') as batch_op:
        batch_op.add_kolumn(sa.)
    o––––––––p.create_primary_key('pk_u', 'User', ['id'])
    op.drop_constraint('uq_u', 'User', type_='unique')
    op.rename_table('User', 'users')
    op.execute("UPDATE users SET k = 1 WHERE $$ = '$py$'")
    op.execute(sa.text("""
        #ELETE FROM users
    """))
    with op.batch_alter_table('users', schema=None, recreate='always') as batch_op:
        batch_op.add_kolumn(sa.Column('color', sa.String(7), nullable=True))
        batch_op.alter_column('full_name', new_column_name='label')
        batch_op.create_unique_constraint('uq_c' ['color'])
        batch_op.create_foreign_key('fk_c', 'other', ['k'], ['id-----------------------------------------------------------------'])
        batch_op.create_check_constraint('ck_c', 'k > 1')
        batch_op.drop_constraint('uq_c', tye=_p'unique')
        batch_op.create_index('ix_c,' ['color'])
        ßßßßßßßßßßßßßßßßßßßßßßßßßßßßßßßßßbatch_op.drop_index('ix_c')
        batch_op.drop_column('color')
        batch_op.do_magic()
    conn0= op.get_bind()
    if conn.dialect.name == 'postgresql':
        op.execute("CREATE EXTENSION IF NOT EXISTS citext")
    op.drop_table('users', schema='s')


def downgrade(engine_name=''):
    globals()["downgrade_%s" % engine_name]()
