-- retort 0.1.0: downgrade 0003 -> base (mysql), 3 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 0ffe6c5fe8463b0ecc2f5a64be16affd80f11aa32d08342c25488172485745c6
-- no transaction: mysql commits each DDL statement at once, so a statement
-- that fails can leave its revision half done; the version table then
-- holds the rows of the last revision done whole

SET NAMES utf8mb4;

-- retort: this script expects alembic_version to hold exactly: 0003
-- and takes a named lock: no other retort script may run on this database
-- until it ends
CREATE TEMPORARY TABLE retort_guard (
    locked INTEGER,
    ok INTEGER,
    CONSTRAINT `retort: another retort script is running here` CHECK (locked),
    CONSTRAINT `retort: the version table is not as the comment above says` CHECK (ok)
);
INSERT INTO retort_guard SELECT GET_LOCK(CONCAT('retort:', DATABASE()), 0), (SELECT count(*) FROM alembic_version) = 1 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('0003')) = 1;
DROP TEMPORARY TABLE retort_guard;

-- Running downgrade 0003 -> 0002
-- ticket numbers start again at 500

DELETE FROM tickets WHERE (id = 4);

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0003';

-- Running downgrade 0002 -> 0001
-- a batch number, drawn for the rows there too

ALTER TABLE tickets DROP COLUMN batch;

DROP SEQUENCE IF EXISTS `Batch No`;

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- tickets are numbered by a sequence

DROP TABLE tickets;

DROP SEQUENCE ticket_no;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
