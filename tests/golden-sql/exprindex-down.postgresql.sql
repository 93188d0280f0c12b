-- retort 0.1.0: downgrade 0002 -> base (postgresql), 2 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 df81a9274834fdda12e9720c2b4c1ef5da7475fb5ff80249c76113bbf0a80cf7

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
-- longer codes (SQLite rebuilds the table and its indexes)

-- lock: SHARE on tags, scans tags
CREATE INDEX ix_tags_label ON tags ((upper("Label")) DESC, id);

-- lock: ACCESS EXCLUSIVE on tags, rewrites tags
ALTER TABLE tags ALTER COLUMN code TYPE VARCHAR(20);

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- tags, unique whatever the case of their code

-- lock: ACCESS EXCLUSIVE on tags
DROP TABLE tags;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;
