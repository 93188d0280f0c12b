-- retort 0.1.0: downgrade 0002 -> base (sqlite), 2 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 f08d03888c7e2b50e48a3aaf3598e0ff1c251c10b77c87ad38491111926a8d71

BEGIN IMMEDIATE;

CREATE TEMP TABLE retort_guard (ok INTEGER CONSTRAINT "retort: this script expects alembic_version to hold exactly: 0002" CHECK (ok));
INSERT INTO retort_guard SELECT (SELECT count(*) FROM alembic_version) = 1 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('0002')) = 1;
DROP TABLE retort_guard;

-- Running downgrade 0002 -> 0001
-- the hash index goes

-- sqlite has only B-tree indexes: index ix_docs_title is one (using hash)
CREATE INDEX ix_docs_title ON docs (title);

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- docs, with a hash and a btree index

DROP TABLE docs;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;
