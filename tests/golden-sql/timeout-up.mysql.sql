-- retort 0.1.0: upgrade base -> 0003 (mysql), 3 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 98b25dd92a196ddf8434e87c4c003abc98fdb334c1092da5cfc999795c65c79c
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
-- jobs, with rows

CREATE TABLE jobs (
    id INTEGER NOT NULL,
    done BOOL NOT NULL DEFAULT FALSE,
    CONSTRAINT pk_jobs PRIMARY KEY (id)
);

INSERT INTO jobs (id) VALUES
    (1),
    (2),
    (3);

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- a long data fix, given five minutes

SET SESSION max_statement_time = 300;  -- statement_timeout '5min'

UPDATE jobs SET done = TRUE WHERE (id < 3);

 SELECT IF(@@max_statement_time = 300, 1, (SELECT 1 UNION SELECT 2)) 
;

SET SESSION max_statement_time = DEFAULT;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

-- Running upgrade 0002 -> 0003
-- after it, no timeout

 SELECT IF(@@max_statement_time = 0, 1, (SELECT 1 UNION SELECT 2)) 
;

INSERT INTO jobs (id) VALUES
    (4);

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0002';

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
