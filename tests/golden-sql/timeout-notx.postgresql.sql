-- retort 0.1.0: upgrade 0001 -> 0002 (postgresql), 1 revision
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 98b25dd92a196ddf8434e87c4c003abc98fdb334c1092da5cfc999795c65c79c

BEGIN;

LOCK TABLE alembic_version IN EXCLUSIVE MODE;
DO $retort_guard$
BEGIN
    IF (SELECT count(*) FROM alembic_version) <> 1
       OR (SELECT count(*) FROM alembic_version WHERE version_num IN ('0001')) <> 1 THEN
        RAISE EXCEPTION 'retort: this script expects alembic_version to hold exactly: 0001';
    END IF;
END
$retort_guard$;

COMMIT;

-- Running upgrade 0001 -> 0002
-- a long data fix, given five minutes

SET statement_timeout = '5min';

UPDATE jobs SET done = TRUE WHERE (id < 3);


DO $$ BEGIN IF current_setting('statement_timeout') <> '5min' THEN RAISE EXCEPTION 'statement_timeout is %', current_setting('statement_timeout'); END IF; END $$;

RESET statement_timeout;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

