-- retort 0.1.0: downgrade 0003 -> base (sqlite), 3 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 98b25dd92a196ddf8434e87c4c003abc98fdb334c1092da5cfc999795c65c79c

BEGIN IMMEDIATE;

CREATE TEMP TABLE retort_guard (ok INTEGER CONSTRAINT "retort: this script expects alembic_version to hold exactly: 0003" CHECK (ok));
INSERT INTO retort_guard SELECT (SELECT count(*) FROM alembic_version) = 1 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('0003')) = 1;
DROP TABLE retort_guard;

-- Running downgrade 0003 -> 0002
-- after it, no timeout

DELETE FROM jobs WHERE (id = 4);

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0003';

-- Running downgrade 0002 -> 0001
-- a long data fix, given five minutes

-- sqlite has no statement timeout: statement_timeout '5min' is not set

UPDATE jobs SET done = FALSE;

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- jobs, with rows

DROP TABLE jobs;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;
