-- retort 0.1.0: upgrade base -> 0003 (sqlite), 3 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 98b25dd92a196ddf8434e87c4c003abc98fdb334c1092da5cfc999795c65c79c

BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TEMP TABLE retort_guard (ok INTEGER CONSTRAINT "retort: this script expects alembic_version to be empty" CHECK (ok));
INSERT INTO retort_guard SELECT (SELECT count(*) FROM alembic_version) = 0;
DROP TABLE retort_guard;

-- Running upgrade  -> 0001
-- jobs, with rows

CREATE TABLE jobs (
    id INTEGER NOT NULL,
    done BOOLEAN NOT NULL DEFAULT FALSE,
    CONSTRAINT pk_jobs PRIMARY KEY (id)
);

INSERT INTO jobs (id) VALUES
    (1),
    (2),
    (3);

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- a long data fix, given five minutes

-- sqlite has no statement timeout: statement_timeout '5min' is not set

UPDATE jobs SET done = TRUE WHERE (id < 3);

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

-- Running upgrade 0002 -> 0003
-- after it, no timeout

INSERT INTO jobs (id) VALUES
    (4);

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0002';

COMMIT;
