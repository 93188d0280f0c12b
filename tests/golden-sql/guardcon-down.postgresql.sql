-- retort 0.1.0: downgrade 0002 -> base (postgresql), 2 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 f34178b9702a2f2f4574798f04be6344a2ae5da58b9c16fdefdbe2057609dffb

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
-- the keys dropped, each only if the database still has it

DELETE FROM tags WHERE (user_id not in (select id from users));

DELETE FROM users WHERE (email = '' or id > 1);

-- lock: ACCESS EXCLUSIVE on users, scans users
ALTER TABLE users ADD CONSTRAINT ck_users_email CHECK (email <> '');

-- lock: ACCESS EXCLUSIVE on users, scans users
ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE (email);

-- lock: SHARE ROW EXCLUSIVE on tags, SHARE ROW EXCLUSIVE on users, scans tags
ALTER TABLE tags ADD CONSTRAINT fk_tags_user FOREIGN KEY (user_id) REFERENCES users (id);

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- users and tags, with a check, a unique key and a foreign key

-- lock: ACCESS EXCLUSIVE on tags, ACCESS EXCLUSIVE on users
DROP TABLE tags;

-- lock: ACCESS EXCLUSIVE on users
DROP TABLE users;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;
