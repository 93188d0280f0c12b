-- retort 0.1.0: downgrade 9c4f2a1d7b3e -> base (sqlite), 3 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 7ead778b0b0b3cf4a6268b5220101ae99d0438ef7058af396f68f53186f9a139

BEGIN IMMEDIATE;

CREATE TEMP TABLE retort_guard (ok INTEGER CONSTRAINT "retort: this script expects alembic_version to hold exactly: 9c4f2a1d7b3e" CHECK (ok));
INSERT INTO retort_guard SELECT (SELECT count(*) FROM alembic_version) = 1 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('9c4f2a1d7b3e')) = 1;
DROP TABLE retort_guard;

-- Running downgrade 9c4f2a1d7b3e -> 3b1c2d4e5f6
-- create todos table
--
-- Each todo belongs to a user; deleting the user deletes its todos.

DROP INDEX ix_todos_owner_id;

DROP TABLE todos;

UPDATE alembic_version SET version_num='3b1c2d4e5f6' WHERE alembic_version.version_num = '9c4f2a1d7b3e';

-- Running downgrade 3b1c2d4e5f6 -> 1975ea83b712
-- add phone_number column to users

ALTER TABLE users DROP COLUMN phone_number;

UPDATE alembic_version SET version_num='1975ea83b712' WHERE alembic_version.version_num = '3b1c2d4e5f6';

-- Running downgrade 1975ea83b712 -> 
-- create users table

DROP TABLE users;

DELETE FROM alembic_version WHERE alembic_version.version_num = '1975ea83b712';

DROP TABLE alembic_version;

COMMIT;
