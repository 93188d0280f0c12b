-- retort 0.1.0: downgrade 9c4f2a1d7b3e -> base (postgresql), 3 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 7ead778b0b0b3cf4a6268b5220101ae99d0438ef7058af396f68f53186f9a139

BEGIN;

LOCK TABLE alembic_version IN EXCLUSIVE MODE;
DO $retort_guard$
BEGIN
    IF (SELECT count(*) FROM alembic_version) <> 1
       OR (SELECT count(*) FROM alembic_version WHERE version_num IN ('9c4f2a1d7b3e')) <> 1 THEN
        RAISE EXCEPTION 'retort: this script expects alembic_version to hold exactly: 9c4f2a1d7b3e';
    END IF;
END
$retort_guard$;

-- Running downgrade 9c4f2a1d7b3e -> 3b1c2d4e5f6
-- create todos table
--
-- Each todo belongs to a user; deleting the user deletes its todos.

-- lock: ACCESS EXCLUSIVE on todos
DROP INDEX ix_todos_owner_id;

-- lock: ACCESS EXCLUSIVE on todos, ACCESS EXCLUSIVE on users
DROP TABLE todos;

UPDATE alembic_version SET version_num='3b1c2d4e5f6' WHERE alembic_version.version_num = '9c4f2a1d7b3e';

-- Running downgrade 3b1c2d4e5f6 -> 1975ea83b712
-- add phone_number column to users

-- lock: ACCESS EXCLUSIVE on users
ALTER TABLE users DROP COLUMN phone_number;

UPDATE alembic_version SET version_num='1975ea83b712' WHERE alembic_version.version_num = '3b1c2d4e5f6';

-- Running downgrade 1975ea83b712 -> 
-- create users table

-- lock: ACCESS EXCLUSIVE on users
DROP TABLE users;

DELETE FROM alembic_version WHERE alembic_version.version_num = '1975ea83b712';

DROP TABLE alembic_version;

COMMIT;
