-- retort 0.1.0: downgrade 0003 -> base (mysql), 3 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 ccbfe961597384576984abe93c257ea8d2456ba7ba207311c3dd98182318111a
-- no transaction: mysql commits each DDL statement at once, so a statement
-- that fails can leave its revision half done; the version table then
-- holds the rows of the last revision done whole

SET NAMES utf8mb4;

-- retort: this script expects alembic_version to hold exactly: 0003
-- and takes a named lock: no other retort script may run on this database
-- until it ends
CREATE TEMPORARY TABLE retort_guard (
    locked INTEGER,
    ok INTEGER,
    CONSTRAINT `retort: another retort script is running here` CHECK (locked),
    CONSTRAINT `retort: the version table is not as the comment above says` CHECK (ok)
);
INSERT INTO retort_guard SELECT GET_LOCK(CONCAT('retort:', DATABASE()), 0), (SELECT count(*) FROM alembic_version) = 1 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('0003')) = 1;
DROP TEMPORARY TABLE retort_guard;

-- Running downgrade 0003 -> 0002
-- sad is blue; tickets get a mood

ALTER TABLE tickets MODIFY COLUMN state VARCHAR(20) NULL;

ALTER TABLE people DROP COLUMN later;

DELETE FROM people WHERE (id = 4);

-- mysql has no enum types: alter type mood (each column of it is modified)
ALTER TABLE people MODIFY COLUMN feeling ENUM('meh', 'sad', 'ok', 'happy', 'it''s fine', 'blue') NULL DEFAULT 'ok';
UPDATE people SET feeling = 'sad' WHERE feeling = 'blue';
ALTER TABLE people MODIFY COLUMN feeling ENUM('meh', 'sad', 'ok', 'happy', 'it''s fine') NULL DEFAULT 'ok';

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0003';

-- Running downgrade 0002 -> 0001
-- more moods

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- people have moods

DROP TABLE tickets;

DROP TABLE people;

-- mysql has no enum types: drop type mood (a column of one is ENUM('...') of its labels)

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
