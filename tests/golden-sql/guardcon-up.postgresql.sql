-- retort 0.1.0: upgrade base -> 0002 (postgresql), 2 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 f34178b9702a2f2f4574798f04be6344a2ae5da58b9c16fdefdbe2057609dffb

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
-- users and tags, with a check, a unique key and a foreign key

-- lock: ACCESS EXCLUSIVE on users
CREATE TABLE users (
    id INTEGER NOT NULL,
    email VARCHAR(50) NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT ck_users_email CHECK (email <> ''),
    CONSTRAINT uq_users_email UNIQUE (email)
);

-- lock: ACCESS EXCLUSIVE on tags, SHARE ROW EXCLUSIVE on users
CREATE TABLE tags (
    id INTEGER NOT NULL,
    user_id INTEGER,
    CONSTRAINT pk_tags PRIMARY KEY (id),
    CONSTRAINT fk_tags_user FOREIGN KEY (user_id) REFERENCES users (id)
);

INSERT INTO users (id, email) VALUES
    (1, 'a@x');

INSERT INTO tags (id, user_id) VALUES
    (1, 1);

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- the keys dropped, each only if the database still has it

-- lock: ACCESS EXCLUSIVE on users
ALTER TABLE users DROP CONSTRAINT IF EXISTS ck_users_email;

-- lock: ACCESS EXCLUSIVE on users
ALTER TABLE users DROP CONSTRAINT IF EXISTS uq_users_email;

-- lock: ACCESS EXCLUSIVE on tags, ACCESS EXCLUSIVE on users
ALTER TABLE tags DROP CONSTRAINT IF EXISTS fk_tags_user;

-- skipped: constraint tags.fk_tags_gone does not exist here (drop constraint if exists)

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

COMMIT;
