-- retort 0.1.0: upgrade base -> 9c4f2a1d7b3e (mysql), 3 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 7ead778b0b0b3cf4a6268b5220101ae99d0438ef7058af396f68f53186f9a139
-- no transaction: mysql commits each DDL statement at once, so a statement
-- that fails can leave its revision half done; the version table then
-- holds the rows of the last revision done whole

SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- retort: this script expects alembic_version to be empty
-- and takes a named lock: no other retort script may run on this database
-- until it ends
CREATE TEMPORARY TABLE retort_guard (
    locked INTEGER,
    ok INTEGER,
    CONSTRAINT `retort: another retort script is running here` CHECK (locked),
    CONSTRAINT `retort: the version table is not as the comment above says` CHECK (ok)
);
INSERT INTO retort_guard SELECT GET_LOCK(CONCAT('retort:', DATABASE()), 0), (SELECT count(*) FROM alembic_version) = 0;
DROP TEMPORARY TABLE retort_guard;

-- Running upgrade  -> 1975ea83b712
-- create users table

CREATE TABLE users (
    id INTEGER NOT NULL AUTO_INCREMENT,
    email VARCHAR(200) NOT NULL,
    first_name VARCHAR(50),
    last_name VARCHAR(50),
    hashed_password VARCHAR(200) NOT NULL,
    is_active BOOL NOT NULL DEFAULT TRUE,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT uq_users_email UNIQUE (email)
);

INSERT INTO users (id, email, first_name, last_name, hashed_password) VALUES
    (1, 'test@mail.com', 'Ali', 'Khan', '1234');

INSERT INTO alembic_version (version_num) VALUES ('1975ea83b712');

-- Running upgrade 1975ea83b712 -> 3b1c2d4e5f6
-- add phone_number column to users

ALTER TABLE users ADD COLUMN phone_number VARCHAR(20);

UPDATE alembic_version SET version_num='3b1c2d4e5f6' WHERE alembic_version.version_num = '1975ea83b712';

-- Running upgrade 3b1c2d4e5f6 -> 9c4f2a1d7b3e
-- create todos table
--
-- Each todo belongs to a user; deleting the user deletes its todos.

CREATE TABLE todos (
    id INTEGER NOT NULL AUTO_INCREMENT,
    title VARCHAR(200) NOT NULL,
    description TEXT,
    priority INTEGER NOT NULL DEFAULT 1,
    complete BOOL NOT NULL DEFAULT FALSE,
    owner_id INTEGER NOT NULL,
    CONSTRAINT pk_todos PRIMARY KEY (id),
    CONSTRAINT ck_todos_1 CHECK (priority between 1 and 5),
    CONSTRAINT fk_todos_owner_id_users FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_todos_owner_id ON todos (owner_id);

UPDATE alembic_version SET version_num='9c4f2a1d7b3e' WHERE alembic_version.version_num = '3b1c2d4e5f6';

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
