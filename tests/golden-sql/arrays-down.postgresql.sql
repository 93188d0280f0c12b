-- retort 0.1.0: downgrade 0003 -> base (postgresql), 3 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 2e7c1bfa3b4bb25152d69a4479eaaf747e1c578f40f04889ddfc2b68997c39c4

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
-- an array of an enum type

-- lock: ACCESS EXCLUSIVE on posts
ALTER TABLE posts DROP COLUMN moods;

DROP TYPE mood;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0003';

-- Running downgrade 0002 -> 0001
-- an array column added, element and arrayness changed

UPDATE posts SET tags = '{}' WHERE (id = 2);

-- lock: ACCESS EXCLUSIVE on posts, rewrites posts
ALTER TABLE posts
    ALTER COLUMN title TYPE TEXT USING (title[1]),
    ALTER COLUMN scores TYPE INTEGER[],
    DROP COLUMN labels;

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- posts with array columns, and rows

DELETE FROM posts;

-- lock: ACCESS EXCLUSIVE on posts
DROP TABLE posts;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;
