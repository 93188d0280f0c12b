-- retort 0.1.0: downgrade 0004 -> base (postgresql), 4 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 4ecfc6f25b67815e73c367e71ef049f67f8810cd7661426a7b84e329ff3e74c3

BEGIN;

LOCK TABLE alembic_version IN EXCLUSIVE MODE;
DO $retort_guard$
BEGIN
    IF (SELECT count(*) FROM alembic_version) <> 1
       OR (SELECT count(*) FROM alembic_version WHERE version_num IN ('0004')) <> 1 THEN
        RAISE EXCEPTION 'retort: this script expects alembic_version to hold exactly: 0004';
    END IF;
END
$retort_guard$;

-- Running downgrade 0004 -> 0003
-- purge: the flagged rows go, then every row

INSERT INTO flags (id, name, flag) VALUES
    (2, 'Ng', TRUE),
    (10, 'seed', TRUE);
DO $retort_setval$ BEGIN PERFORM setval(pg_get_serial_sequence('flags', 'id'), (SELECT max(id) FROM flags)); END $retort_setval$;

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0004';

-- Running downgrade 0003 -> 0002
-- a seed row, and every score reset

DELETE FROM flags WHERE (name = 'seed');

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0003';

-- Running downgrade 0002 -> 0001
-- backfill: no flag is null, notes filled in

UPDATE flags SET score = (score - 10), "Note" = NULL WHERE ("Note" = 'it''s \n');

UPDATE flags SET flag = NULL WHERE (flag = false);

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- flags, some of them null

-- lock: ACCESS EXCLUSIVE on flags
DROP TABLE flags;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;
