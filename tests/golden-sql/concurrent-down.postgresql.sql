-- retort 0.1.0: downgrade 0003 -> base (postgresql), 3 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 ecca79ea833828dcab94247105d273e97ad01fbed0d249b6bc53c4858696318b

BEGIN;

LOCK TABLE alembic_version IN EXCLUSIVE MODE;
DO $retort_guard$
BEGIN
    IF (SELECT count(*) FROM alembic_version) <> 1
       OR (SELECT count(*) FROM alembic_version WHERE version_num IN ('0003')) <> 1 THEN
        RAISE EXCEPTION 'retort: this script expects alembic_version to hold exactly: 0003';
    END IF;
END
$retort_guard$;

-- Running downgrade 0003 -> 0002
-- a transactional revision after them

DELETE FROM items WHERE (id = 4);

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0003';

COMMIT;

-- Running downgrade 0002 -> 0001
-- indexes built while writes go on

-- lock: SHARE UPDATE EXCLUSIVE on items
DROP INDEX CONCURRENTLY IF EXISTS ux_items_code;

-- lock: SHARE UPDATE EXCLUSIVE on items
DROP INDEX CONCURRENTLY ix_items_name;

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

BEGIN;

-- Running downgrade 0001 -> 
-- items, with rows

-- lock: ACCESS EXCLUSIVE on items
DROP TABLE items;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;
