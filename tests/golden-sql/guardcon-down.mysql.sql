-- retort 0.1.0: downgrade 0002 -> base (mysql), 2 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 f34178b9702a2f2f4574798f04be6344a2ae5da58b9c16fdefdbe2057609dffb
-- no transaction: mysql commits each DDL statement at once, so a statement
-- that fails can leave its revision half done; the version table then
-- holds the rows of the last revision done whole

SET NAMES utf8mb4;

-- retort: this script expects alembic_version to hold exactly: 0002
-- and takes a named lock: no other retort script may run on this database
-- until it ends
CREATE TEMPORARY TABLE retort_guard (
    locked INTEGER,
    ok INTEGER,
    CONSTRAINT `retort: another retort script is running here` CHECK (locked),
    CONSTRAINT `retort: the version table is not as the comment above says` CHECK (ok)
);
INSERT INTO retort_guard SELECT GET_LOCK(CONCAT('retort:', DATABASE()), 0), (SELECT count(*) FROM alembic_version) = 1 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('0002')) = 1;
DROP TEMPORARY TABLE retort_guard;

-- Running downgrade 0002 -> 0001
-- the keys dropped, each only if the database still has it

DELETE FROM tags WHERE (user_id not in (select id from users));

DELETE FROM users WHERE (email = '' or id > 1);

ALTER TABLE users ADD CONSTRAINT ck_users_email CHECK (email <> '');

ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE (email);

ALTER TABLE tags ADD CONSTRAINT fk_tags_user FOREIGN KEY (user_id) REFERENCES users (id);

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- users and tags, with a check, a unique key and a foreign key

DROP TABLE tags;

DROP TABLE users;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
