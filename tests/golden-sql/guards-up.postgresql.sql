-- retort 0.1.0: upgrade base -> 0002 (postgresql), 2 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 2db628c9119ae291f6831d63d587c1d7ee7b5e3794f0978bcf19c65666647adc

BEGIN;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

LOCK TABLE alembic_version IN EXCLUSIVE MODE;
DO $retort_guard$
BEGIN
    IF (SELECT count(*) FROM alembic_version) <> 0 THEN
        RAISE EXCEPTION 'retort: this script expects alembic_version to be empty';
    END IF;
END
$retort_guard$;

-- Running upgrade  -> 0001
-- users and tags, which create_all may have made already

-- lock: ACCESS EXCLUSIVE on users
CREATE TABLE IF NOT EXISTS users (
    id INTEGER NOT NULL,
    email VARCHAR(50) NOT NULL,
    legacy INTEGER,
    CONSTRAINT pk_users PRIMARY KEY (id)
);

-- lock: SHARE on users, scans users
CREATE UNIQUE INDEX IF NOT EXISTS ix_users_email ON users (email);

-- lock: ACCESS EXCLUSIVE on tags
CREATE TABLE IF NOT EXISTS tags (
    id INTEGER NOT NULL,
    name VARCHAR(20),
    CONSTRAINT pk_tags PRIMARY KEY (id)
);

-- skipped: table old_stuff does not exist here (drop table if exists)

-- skipped: index ix_old_stuff does not exist here (drop index if exists)

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- a column added and one dropped, each only if needed

-- lock: ACCESS EXCLUSIVE on users
ALTER TABLE users ADD COLUMN IF NOT EXISTS nick VARCHAR(20);

-- lock: ACCESS EXCLUSIVE on users
ALTER TABLE users DROP COLUMN IF EXISTS legacy;

-- skipped: column tags.name already exists here (add column if not exists)

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

COMMIT;
