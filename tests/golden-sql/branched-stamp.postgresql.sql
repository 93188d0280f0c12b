-- retort 0.1.0: stamp base -> d1e2f3a4b5c6,e2f3a4b5c6d7 (postgresql), 2 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 6ee724cf8b033899ff43dab2bfcf4fc17a6978ac2a417050ee6391008b193e91

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

-- Running stamp_revision  -> d1e2f3a4b5c6

INSERT INTO alembic_version (version_num) VALUES ('d1e2f3a4b5c6');

-- Running stamp_revision  -> e2f3a4b5c6d7

INSERT INTO alembic_version (version_num) VALUES ('e2f3a4b5c6d7');

COMMIT;
