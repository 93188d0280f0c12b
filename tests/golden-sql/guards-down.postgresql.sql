-- retort 0.1.0: downgrade 0002 -> base (postgresql), 2 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 2db628c9119ae291f6831d63d587c1d7ee7b5e3794f0978bcf19c65666647adc

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
-- a column added and one dropped, each only if needed

-- lock: ACCESS EXCLUSIVE on users
ALTER TABLE users ADD COLUMN IF NOT EXISTS legacy INTEGER;

-- lock: ACCESS EXCLUSIVE on users
ALTER TABLE users DROP COLUMN IF EXISTS nick;

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- users and tags, which create_all may have made already

-- lock: ACCESS EXCLUSIVE on tags
DROP TABLE IF EXISTS tags;

-- lock: ACCESS EXCLUSIVE on users
DROP INDEX IF EXISTS ix_users_email;

-- lock: ACCESS EXCLUSIVE on users
DROP TABLE IF EXISTS users;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;
