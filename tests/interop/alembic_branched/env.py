"""env.py: run the reference graph's migrations online or offline.

Online, against the URL from `-x url=...` (or $ALEMBIC_URL).  Offline
(--sql), for that URL's dialect or `-x dialect=NAME`.  `-x tpm=1` turns
on transaction_per_migration, as for the reference outputs.

SQLite: Alembic's op.alter_column writes ALTER TABLE ... ALTER COLUMN,
which SQLite rejects, so revision D could not run online at all.  Online
on SQLite, alter_column goes through op.batch_alter_table (Alembic's own
move-and-copy, its documented way to alter a SQLite table); the revision
scripts stay as the reference has them.
"""
import os

from alembic import context, op
from sqlalchemy import create_engine, pool

config = context.config
xargs = context.get_x_argument(as_dictionary=True)
url = xargs.get("url") or os.environ.get("ALEMBIC_URL")
tpm = xargs.get("tpm") == "1"


def sqlite_alter_column_in_batch():
    def alter_column(table_name, column_name, schema=None, **kw):
        with op.batch_alter_table(table_name, schema=schema) as batch:
            batch.alter_column(column_name, **kw)
    op.alter_column = alter_column


def run_migrations_offline():
    if url:
        context.configure(url=url, literal_binds=True,
                          transaction_per_migration=tpm)
    else:
        context.configure(dialect_name=xargs.get("dialect", "postgresql"),
                          literal_binds=True,
                          transaction_per_migration=tpm)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    if not url:
        raise SystemExit("env.py: no database; give -x url=URL or set "
                         "ALEMBIC_URL")
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            sqlite_alter_column_in_batch()
        context.configure(connection=connection,
                          transaction_per_migration=tpm)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
