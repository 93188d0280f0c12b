-- retort 0.1.0: upgrade 1975ea83b712 -> 3b1c2d4e5f6 (mysql), 1 revision
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 7ead778b0b0b3cf4a6268b5220101ae99d0438ef7058af396f68f53186f9a139
-- no transaction: mysql commits each DDL statement at once, so a statement
-- that fails can leave its revision half done; the version table then
-- holds the rows of the last revision done whole

SET NAMES utf8mb4;

-- retort: this script expects alembic_version to hold exactly: 1975ea83b712
-- and takes a named lock: no other retort script may run on this database
-- until it ends
CREATE TEMPORARY TABLE retort_guard (
    locked INTEGER,
    ok INTEGER,
    CONSTRAINT `retort: another retort script is running here` CHECK (locked),
    CONSTRAINT `retort: the version table is not as the comment above says` CHECK (ok)
);
INSERT INTO retort_guard SELECT GET_LOCK(CONCAT('retort:', DATABASE()), 0), (SELECT count(*) FROM alembic_version) = 1 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('1975ea83b712')) = 1;
DROP TEMPORARY TABLE retort_guard;

-- Running upgrade 1975ea83b712 -> 3b1c2d4e5f6
-- add phone_number column to users

ALTER TABLE users ADD COLUMN phone_number VARCHAR(20);

UPDATE alembic_version SET version_num='3b1c2d4e5f6' WHERE alembic_version.version_num = '1975ea83b712';

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
