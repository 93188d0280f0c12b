-- retort 0.1.0: downgrade 0002 -> base (mysql), 2 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 1e4e2187f8f4201f6e05bc81507d7c679bc72332e4bb3dd806685bb77481c57a
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
-- a timestamptz column given the default afterwards

ALTER TABLE events ALTER COLUMN seen DROP DEFAULT;

ALTER TABLE events DROP COLUMN seen;

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- events stamped with sub-second precision

DROP TABLE events;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
