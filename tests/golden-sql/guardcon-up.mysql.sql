-- retort 0.1.0: upgrade base -> 0002 (mysql), 2 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 f34178b9702a2f2f4574798f04be6344a2ae5da58b9c16fdefdbe2057609dffb
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

-- Running upgrade  -> 0001
-- users and tags, with a check, a unique key and a foreign key

CREATE TABLE users (
    id INTEGER NOT NULL,
    email VARCHAR(50) NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT ck_users_email CHECK (email <> ''),
    CONSTRAINT uq_users_email UNIQUE (email)
);

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

ALTER TABLE users DROP CONSTRAINT IF EXISTS ck_users_email;

ALTER TABLE users DROP INDEX IF EXISTS uq_users_email;

ALTER TABLE tags DROP FOREIGN KEY IF EXISTS fk_tags_user, DROP INDEX IF EXISTS fk_tags_user;

-- skipped: constraint tags.fk_tags_gone does not exist here (drop constraint if exists)

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
