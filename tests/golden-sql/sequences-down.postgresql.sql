-- retort 0.1.0: downgrade 0003 -> base (postgresql), 3 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 0ffe6c5fe8463b0ecc2f5a64be16affd80f11aa32d08342c25488172485745c6

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
-- ticket numbers start again at 500

DELETE FROM tickets WHERE (id = 4);

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0003';

-- Running downgrade 0002 -> 0001
-- a batch number, drawn for the rows there too

-- lock: ACCESS EXCLUSIVE on tickets
ALTER TABLE tickets DROP COLUMN batch;

DROP SEQUENCE IF EXISTS "Batch No";

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- tickets are numbered by a sequence

-- lock: ACCESS EXCLUSIVE on tickets
DROP TABLE tickets;

DROP SEQUENCE ticket_no;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;
