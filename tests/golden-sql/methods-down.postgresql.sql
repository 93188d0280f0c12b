-- retort 0.1.0: downgrade 0002 -> base (postgresql), 2 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 f08d03888c7e2b50e48a3aaf3598e0ff1c251c10b77c87ad38491111926a8d71

BEGIN;

LOCK TABLE alembic_version IN EXCLUSIVE MODE;
DO $retort_guard$
BEGIN
    IF (SELECT count(*) FROM alembic_version) <> 1
       OR (SELECT count(*) FROM alembic_version WHERE version_num IN ('0002')) <> 1 THEN
        RAISE EXCEPTION 'retort: this script expects alembic_version to hold exactly: 0002';
    END IF;
END
$retort_guard$;

-- Running downgrade 0002 -> 0001
-- the hash index goes

-- lock: SHARE on docs, scans docs
CREATE INDEX ix_docs_title ON docs USING hash (title);

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- docs, with a hash and a btree index

-- lock: ACCESS EXCLUSIVE on docs
DROP TABLE docs;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;
