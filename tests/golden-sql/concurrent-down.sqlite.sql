-- retort 0.1.0: downgrade 0003 -> base (sqlite), 3 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 ecca79ea833828dcab94247105d273e97ad01fbed0d249b6bc53c4858696318b

BEGIN IMMEDIATE;

CREATE TEMP TABLE retort_guard (ok INTEGER CONSTRAINT "retort: this script expects alembic_version to hold exactly: 0003" CHECK (ok));
INSERT INTO retort_guard SELECT (SELECT count(*) FROM alembic_version) = 1 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('0003')) = 1;
DROP TABLE retort_guard;

-- Running downgrade 0003 -> 0002
-- a transactional revision after them

DELETE FROM items WHERE (id = 4);

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0003';

COMMIT;

-- Running downgrade 0002 -> 0001
-- indexes built while writes go on

-- sqlite has no concurrently: a plain DROP INDEX
DROP INDEX IF EXISTS ux_items_code;

-- sqlite has no concurrently: a plain DROP INDEX
DROP INDEX ix_items_name;

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

BEGIN IMMEDIATE;

-- Running downgrade 0001 -> 
-- items, with rows

DROP TABLE items;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;
