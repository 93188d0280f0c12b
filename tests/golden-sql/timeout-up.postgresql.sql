-- retort 0.1.0: upgrade base -> 0003 (postgresql), 3 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 98b25dd92a196ddf8434e87c4c003abc98fdb334c1092da5cfc999795c65c79c

BEGIN;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

LOCK TABLE alembic_version IN EXCLUSIVE MODE;
DO $retort_guard$
BEGIN
    IF (SELECT count(*) FROM alembic_version) <> 0 THEN
        RAISE EXCEPTION 'retort: this script expects alembic_version to be empty';
    END IF;
END
$retort_guard$;

-- Running upgrade  -> 0001
-- jobs, with rows

-- lock: ACCESS EXCLUSIVE on jobs
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

SET LOCAL statement_timeout = '5min';

UPDATE jobs SET done = TRUE WHERE (id < 3);


DO $$ BEGIN IF current_setting('statement_timeout') <> '5min' THEN RAISE EXCEPTION 'statement_timeout is %', current_setting('statement_timeout'); END IF; END $$;

SET LOCAL statement_timeout TO DEFAULT;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

-- Running upgrade 0002 -> 0003
-- after it, no timeout


DO $$ BEGIN IF current_setting('statement_timeout') <> '0' THEN RAISE EXCEPTION 'statement_timeout is %', current_setting('statement_timeout'); END IF; END $$;

INSERT INTO jobs (id) VALUES
    (4);

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0002';

COMMIT;
