-- retort 0.1.0: upgrade 1975ea83b712 -> 3b1c2d4e5f6 (postgresql), 1 revision
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 7ead778b0b0b3cf4a6268b5220101ae99d0438ef7058af396f68f53186f9a139

BEGIN;

LOCK TABLE alembic_version IN EXCLUSIVE MODE;
DO $retort_guard$
BEGIN
    IF (SELECT count(*) FROM alembic_version) <> 1
       OR (SELECT count(*) FROM alembic_version WHERE version_num IN ('1975ea83b712')) <> 1 THEN
        RAISE EXCEPTION 'retort: this script expects alembic_version to hold exactly: 1975ea83b712';
    END IF;
END
$retort_guard$;

-- Running upgrade 1975ea83b712 -> 3b1c2d4e5f6
-- add phone_number column to users

-- lock: ACCESS EXCLUSIVE on users
ALTER TABLE users ADD COLUMN phone_number VARCHAR(20);

UPDATE alembic_version SET version_num='3b1c2d4e5f6' WHERE alembic_version.version_num = '1975ea83b712';

COMMIT;
