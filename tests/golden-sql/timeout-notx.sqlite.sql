-- retort 0.1.0: upgrade 0001 -> 0002 (sqlite), 1 revision
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 98b25dd92a196ddf8434e87c4c003abc98fdb334c1092da5cfc999795c65c79c

BEGIN IMMEDIATE;

CREATE TEMP TABLE retort_guard (ok INTEGER CONSTRAINT "retort: this script expects alembic_version to hold exactly: 0001" CHECK (ok));
INSERT INTO retort_guard SELECT (SELECT count(*) FROM alembic_version) = 1 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('0001')) = 1;
DROP TABLE retort_guard;

COMMIT;

-- Running upgrade 0001 -> 0002
-- a long data fix, given five minutes

-- sqlite has no statement timeout: statement_timeout '5min' is not set

UPDATE jobs SET done = TRUE WHERE (id < 3);

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

