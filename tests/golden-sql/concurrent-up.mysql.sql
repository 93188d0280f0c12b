-- retort 0.1.0: upgrade base -> 0003 (mysql), 3 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 ecca79ea833828dcab94247105d273e97ad01fbed0d249b6bc53c4858696318b
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
-- items, with rows

CREATE TABLE items (
    id INTEGER NOT NULL,
    code VARCHAR(20) NOT NULL,
    name VARCHAR(40),
    CONSTRAINT pk_items PRIMARY KEY (id)
);

INSERT INTO items (id, code, name) VALUES
    (1, 'a', 'apple'),
    (2, 'b', 'pear'),
    (3, 'c', 'apple');

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- indexes built while writes go on

-- mysql has no concurrently: a plain CREATE INDEX
CREATE INDEX ix_items_name ON items (name);

-- mysql has no concurrently: a plain CREATE INDEX
CREATE UNIQUE INDEX IF NOT EXISTS ux_items_code ON items (code);

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

-- Running upgrade 0002 -> 0003
-- a transactional revision after them

INSERT INTO items (id, code, name) VALUES
    (4, 'd', 'fig');

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0002';

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
