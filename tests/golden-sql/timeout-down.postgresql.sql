-- retort 0.1.0: downgrade 0003 -> base (postgresql), 3 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 98b25dd92a196ddf8434e87c4c003abc98fdb334c1092da5cfc999795c65c79c

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
-- after it, no timeout

DELETE FROM jobs WHERE (id = 4);

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0003';

-- Running downgrade 0002 -> 0001
-- a long data fix, given five minutes

SET LOCAL statement_timeout = '5min';

UPDATE jobs SET done = FALSE;

SET LOCAL statement_timeout TO DEFAULT;

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- jobs, with rows

-- lock: ACCESS EXCLUSIVE on jobs
DROP TABLE jobs;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;
