-- retort 0.1.0: upgrade base -> 0003 (mysql), 3 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 ccbfe961597384576984abe93c257ea8d2456ba7ba207311c3dd98182318111a
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
-- people have moods

-- mysql has no enum types: create type mood (a column of one is ENUM('...') of its labels)

CREATE TABLE people (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    feeling ENUM('sad', 'ok', 'it''s fine') DEFAULT 'ok',
    CONSTRAINT pk_people PRIMARY KEY (id)
);

INSERT INTO people (id, name, feeling) VALUES
    (1, 'a', 'sad'),
    (2, 'b', 'it''s fine'),
    (3, 'c', NULL);

CREATE TABLE tickets (
    id INTEGER NOT NULL,
    state VARCHAR(20),
    CONSTRAINT pk_tickets PRIMARY KEY (id)
);

INSERT INTO tickets (id, state) VALUES
    (1, 'ok'),
    (2, 'happy');

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- more moods

-- mysql has no enum types: alter type mood (each column of it is modified)
ALTER TABLE people MODIFY COLUMN feeling ENUM('sad', 'ok', 'happy', 'it''s fine') NULL DEFAULT 'ok';

-- mysql has no enum types: alter type mood (each column of it is modified)
ALTER TABLE people MODIFY COLUMN feeling ENUM('meh', 'sad', 'ok', 'happy', 'it''s fine') NULL DEFAULT 'ok';

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

-- Running upgrade 0002 -> 0003
-- sad is blue; tickets get a mood

-- mysql has no enum types: alter type mood (each column of it is modified)
ALTER TABLE people MODIFY COLUMN feeling ENUM('meh', 'blue', 'ok', 'happy', 'it''s fine', 'sad') NULL DEFAULT 'ok';
UPDATE people SET feeling = 'blue' WHERE feeling = 'sad';
ALTER TABLE people MODIFY COLUMN feeling ENUM('meh', 'blue', 'ok', 'happy', 'it''s fine') NULL DEFAULT 'ok';

INSERT INTO people (id, name, feeling) VALUES
    (4, 'd', 'happy');

ALTER TABLE people ADD COLUMN later ENUM('meh', 'blue', 'ok', 'happy', 'it''s fine');

UPDATE people SET later = 'meh' WHERE (id = 1);

ALTER TABLE tickets MODIFY COLUMN state ENUM('meh', 'blue', 'ok', 'happy', 'it''s fine') NULL;

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0002';

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
