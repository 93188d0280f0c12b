-- retort 0.1.0: upgrade base -> 0003 (sqlite), 3 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 ecca79ea833828dcab94247105d273e97ad01fbed0d249b6bc53c4858696318b

BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TEMP TABLE retort_guard (ok INTEGER CONSTRAINT "retort: this script expects alembic_version to be empty" CHECK (ok));
INSERT INTO retort_guard SELECT (SELECT count(*) FROM alembic_version) = 0;
DROP TABLE retort_guard;

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

COMMIT;

-- Running upgrade 0001 -> 0002
-- indexes built while writes go on

-- sqlite has no concurrently: a plain CREATE INDEX
CREATE INDEX ix_items_name ON items (name);

-- sqlite has no concurrently: a plain CREATE INDEX
CREATE UNIQUE INDEX IF NOT EXISTS ux_items_code ON items (code);

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

BEGIN IMMEDIATE;

-- Running upgrade 0002 -> 0003
-- a transactional revision after them

INSERT INTO items (id, code, name) VALUES
    (4, 'd', 'fig');

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0002';

COMMIT;
