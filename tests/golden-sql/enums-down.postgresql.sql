-- retort 0.1.0: downgrade 0003 -> base (postgresql), 3 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 ccbfe961597384576984abe93c257ea8d2456ba7ba207311c3dd98182318111a

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
-- sad is blue; tickets get a mood

-- lock: ACCESS EXCLUSIVE on tickets, rewrites tickets
ALTER TABLE tickets ALTER COLUMN state TYPE VARCHAR(20);

-- lock: ACCESS EXCLUSIVE on people
ALTER TABLE people DROP COLUMN later;

DELETE FROM people WHERE (id = 4);

ALTER TYPE mood RENAME VALUE 'blue' TO 'sad';

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0003';

COMMIT;

-- Running downgrade 0002 -> 0001
-- more moods

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

BEGIN;

-- Running downgrade 0001 -> 
-- people have moods

-- lock: ACCESS EXCLUSIVE on tickets
DROP TABLE tickets;

-- lock: ACCESS EXCLUSIVE on people
DROP TABLE people;

DROP TYPE mood;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;
