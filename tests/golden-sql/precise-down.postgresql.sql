-- retort 0.1.0: downgrade 0002 -> base (postgresql), 2 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 1e4e2187f8f4201f6e05bc81507d7c679bc72332e4bb3dd806685bb77481c57a

BEGIN;

LOCK TABLE alembic_version IN EXCLUSIVE MODE;
DO $retort_guard$
BEGIN
    IF (SELECT count(*) FROM alembic_version) <> 1
       OR (SELECT count(*) FROM alembic_version WHERE version_num IN ('0002')) <> 1 THEN
        RAISE EXCEPTION 'retort: this script expects alembic_version to hold exactly: 0002';
    END IF;
END
$retort_guard$;

-- Running downgrade 0002 -> 0001
-- a timestamptz column given the default afterwards

-- lock: ACCESS EXCLUSIVE on events
ALTER TABLE events ALTER COLUMN seen DROP DEFAULT;

-- lock: ACCESS EXCLUSIVE on events
ALTER TABLE events DROP COLUMN seen;

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- events stamped with sub-second precision

-- lock: ACCESS EXCLUSIVE on events
DROP TABLE events;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;
