-- retort 0.1.0: downgrade 0002 -> base (postgresql), 2 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 1002cf9daa1a9f464bccab09f7c1f32d32612e4f5f1dde0f74197c01bd4dd9aa

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
-- comments changed, one dropped, a commented column retyped

-- lock: ACCESS EXCLUSIVE on notes
ALTER TABLE notes RENAME COLUMN author TO owner;

-- lock: ACCESS EXCLUSIVE on notes, rewrites notes
ALTER TABLE notes ALTER COLUMN "Title" TYPE VARCHAR(20);

-- lock: SHARE UPDATE EXCLUSIVE on notes
COMMENT ON TABLE notes IS 'people''s notes';

-- lock: SHARE UPDATE EXCLUSIVE on notes
COMMENT ON COLUMN notes.body IS 'line one
DROP TABLE notes; -- */';

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- notes, with comments

-- lock: ACCESS EXCLUSIVE on notes, ACCESS EXCLUSIVE on people
DROP TABLE notes;

-- lock: ACCESS EXCLUSIVE on people
DROP TABLE people;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;
