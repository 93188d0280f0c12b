-- retort 0.1.0: upgrade base -> 0002 (mysql), 2 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 1002cf9daa1a9f464bccab09f7c1f32d32612e4f5f1dde0f74197c01bd4dd9aa
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
-- notes, with comments

CREATE TABLE people (
    id INTEGER NOT NULL,
    name VARCHAR(20) NOT NULL,
    CONSTRAINT pk_people PRIMARY KEY (id)
);

CREATE TABLE notes (
    id INTEGER NOT NULL,
    body TEXT,
    `Title` VARCHAR(20) NOT NULL DEFAULT 'x',
    owner INTEGER,
    CONSTRAINT pk_notes PRIMARY KEY (id),
    CONSTRAINT fk_notes_owner_people FOREIGN KEY (owner) REFERENCES people (id) ON DELETE CASCADE
);

INSERT INTO people (id, name) VALUES
    (1, 'Ann');

INSERT INTO notes (id, body, `Title`, owner) VALUES
    (1, 'hello', 'Hi', 1);

ALTER TABLE notes COMMENT = 'people''s notes';

ALTER TABLE notes MODIFY COLUMN body TEXT NULL COMMENT 'line one
DROP TABLE notes; -- */';

ALTER TABLE notes MODIFY COLUMN `Title` VARCHAR(20) NOT NULL DEFAULT 'x' COMMENT 'título';

ALTER TABLE notes DROP FOREIGN KEY fk_notes_owner_people;
ALTER TABLE notes MODIFY COLUMN owner INTEGER NULL COMMENT 'who wrote it';
ALTER TABLE notes ADD CONSTRAINT fk_notes_owner_people FOREIGN KEY (owner) REFERENCES people (id) ON DELETE CASCADE;

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- comments changed, one dropped, a commented column retyped

ALTER TABLE notes MODIFY COLUMN body TEXT NULL;

ALTER TABLE notes COMMENT = 'notes';

ALTER TABLE notes MODIFY COLUMN `Title` VARCHAR(40) NOT NULL DEFAULT 'x' COMMENT 'título';

ALTER TABLE notes RENAME COLUMN owner TO author;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
