-- retort 0.1.0: upgrade base -> 0002 (mysql), 2 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 1e4e2187f8f4201f6e05bc81507d7c679bc72332e4bb3dd806685bb77481c57a
-- no transaction: mysql commits each DDL statement at once, so a statement
-- that fails can leave its revision half done; the version table then
-- holds the rows of the last revision done whole

SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- retort: this script expects alembic_version to be empty
-- and takes a named lock: no other retort script may run on this database
-- until it ends
CREATE TEMPORARY TABLE retort_guard (
    locked INTEGER,
    ok INTEGER,
    CONSTRAINT `retort: another retort script is running here` CHECK (locked),
    CONSTRAINT `retort: the version table is not as the comment above says` CHECK (ok)
);
INSERT INTO retort_guard SELECT GET_LOCK(CONCAT('retort:', DATABASE()), 0), (SELECT count(*) FROM alembic_version) = 0;
DROP TEMPORARY TABLE retort_guard;

-- Running upgrade  -> 0001
-- events stamped with sub-second precision

CREATE TABLE events (
    id INTEGER NOT NULL,
    label VARCHAR(20) NOT NULL,
    at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT pk_events PRIMARY KEY (id)
);

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- a timestamptz column given the default afterwards

ALTER TABLE events ADD COLUMN seen DATETIME;

ALTER TABLE events MODIFY COLUMN seen DATETIME(6) NULL DEFAULT CURRENT_TIMESTAMP(6);

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
