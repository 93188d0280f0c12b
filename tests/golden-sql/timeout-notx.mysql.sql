-- retort 0.1.0: upgrade 0001 -> 0002 (mysql), 1 revision
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 98b25dd92a196ddf8434e87c4c003abc98fdb334c1092da5cfc999795c65c79c
-- no transaction: mysql commits each DDL statement at once, so a statement
-- that fails can leave its revision half done; the version table then
-- holds the rows of the last revision done whole

SET NAMES utf8mb4;

-- retort: this script expects alembic_version to hold exactly: 0001
-- and takes a named lock: no other retort script may run on this database
-- until it ends
CREATE TEMPORARY TABLE retort_guard (
    locked INTEGER,
    ok INTEGER,
    CONSTRAINT `retort: another retort script is running here` CHECK (locked),
    CONSTRAINT `retort: the version table is not as the comment above says` CHECK (ok)
);
INSERT INTO retort_guard SELECT GET_LOCK(CONCAT('retort:', DATABASE()), 0), (SELECT count(*) FROM alembic_version) = 1 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('0001')) = 1;
DROP TEMPORARY TABLE retort_guard;

-- Running upgrade 0001 -> 0002
-- a long data fix, given five minutes

SET SESSION max_statement_time = 300;  -- statement_timeout '5min'

UPDATE jobs SET done = TRUE WHERE (id < 3);

 SELECT IF(@@max_statement_time = 300, 1, (SELECT 1 UNION SELECT 2)) 
;

SET SESSION max_statement_time = DEFAULT;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
