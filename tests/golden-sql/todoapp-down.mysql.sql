-- retort 0.1.0: downgrade 9c4f2a1d7b3e -> base (mysql), 3 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 7ead778b0b0b3cf4a6268b5220101ae99d0438ef7058af396f68f53186f9a139
-- no transaction: mysql commits each DDL statement at once, so a statement
-- that fails can leave its revision half done; the version table then
-- holds the rows of the last revision done whole

SET NAMES utf8mb4;

-- retort: this script expects alembic_version to hold exactly: 9c4f2a1d7b3e
-- and takes a named lock: no other retort script may run on this database
-- until it ends
CREATE TEMPORARY TABLE retort_guard (
    locked INTEGER,
    ok INTEGER,
    CONSTRAINT `retort: another retort script is running here` CHECK (locked),
    CONSTRAINT `retort: the version table is not as the comment above says` CHECK (ok)
);
INSERT INTO retort_guard SELECT GET_LOCK(CONCAT('retort:', DATABASE()), 0), (SELECT count(*) FROM alembic_version) = 1 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('9c4f2a1d7b3e')) = 1;
DROP TEMPORARY TABLE retort_guard;

-- Running downgrade 9c4f2a1d7b3e -> 3b1c2d4e5f6
-- create todos table
--
-- Each todo belongs to a user; deleting the user deletes its todos.

ALTER TABLE todos DROP FOREIGN KEY fk_todos_owner_id_users;
DROP INDEX ix_todos_owner_id ON todos;
ALTER TABLE todos ADD CONSTRAINT fk_todos_owner_id_users FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE;

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

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
