-- retort 0.1.0: downgrade 0002 -> base (mysql), 2 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 f08d03888c7e2b50e48a3aaf3598e0ff1c251c10b77c87ad38491111926a8d71
-- no transaction: mysql commits each DDL statement at once, so a statement
-- that fails can leave its revision half done; the version table then
-- holds the rows of the last revision done whole

SET NAMES utf8mb4;

-- retort: this script expects alembic_version to hold exactly: 0002
-- and takes a named lock: no other retort script may run on this database
-- until it ends
CREATE TEMPORARY TABLE retort_guard (
    locked INTEGER,
    ok INTEGER,
    CONSTRAINT `retort: another retort script is running here` CHECK (locked),
    CONSTRAINT `retort: the version table is not as the comment above says` CHECK (ok)
);
INSERT INTO retort_guard SELECT GET_LOCK(CONCAT('retort:', DATABASE()), 0), (SELECT count(*) FROM alembic_version) = 1 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('0002')) = 1;
DROP TEMPORARY TABLE retort_guard;

-- Running downgrade 0002 -> 0001
-- the hash index goes

-- mysql has only B-tree indexes: index ix_docs_title is one (using hash)
CREATE INDEX ix_docs_title ON docs (title);

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- docs, with a hash and a btree index

DROP TABLE docs;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
