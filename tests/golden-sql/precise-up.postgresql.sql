-- retort 0.1.0: upgrade base -> 0002 (postgresql), 2 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 1e4e2187f8f4201f6e05bc81507d7c679bc72332e4bb3dd806685bb77481c57a

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
-- events stamped with sub-second precision

-- lock: ACCESS EXCLUSIVE on events
CREATE TABLE events (
    id INTEGER NOT NULL,
    label VARCHAR(20) NOT NULL,
    at TIMESTAMP WITHOUT TIME ZONE NOT NULL DEFAULT statement_timestamp(),
    CONSTRAINT pk_events PRIMARY KEY (id)
);

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- a timestamptz column given the default afterwards

-- lock: ACCESS EXCLUSIVE on events
ALTER TABLE events
    ADD COLUMN seen TIMESTAMP WITH TIME ZONE,
    ALTER COLUMN seen SET DEFAULT statement_timestamp();

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

COMMIT;
