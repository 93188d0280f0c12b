-- retort 0.1.0: upgrade base -> 0003 (postgresql), 3 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 ecca79ea833828dcab94247105d273e97ad01fbed0d249b6bc53c4858696318b

BEGIN;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

LOCK TABLE alembic_version IN EXCLUSIVE MODE;
DO $retort_guard$
BEGIN
    IF (SELECT count(*) FROM alembic_version) <> 0 THEN
        RAISE EXCEPTION 'retort: this script expects alembic_version to be empty';
    END IF;
END
$retort_guard$;

-- Running upgrade  -> 0001
-- items, with rows

-- lock: ACCESS EXCLUSIVE on items
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

-- lock: SHARE UPDATE EXCLUSIVE on items, scans items
CREATE INDEX CONCURRENTLY ix_items_name ON items (name);

-- lock: SHARE UPDATE EXCLUSIVE on items, scans items
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ux_items_code ON items (code);

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

BEGIN;

-- Running upgrade 0002 -> 0003
-- a transactional revision after them

INSERT INTO items (id, code, name) VALUES
    (4, 'd', 'fig');

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0002';

COMMIT;
