-- retort 0.1.0: upgrade base -> 0002 (postgresql), 2 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 a4f1ee7a0e771ba33b0830ee86c9cbccc8e570adab90f1117f9b6920239f8cdb

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
-- tokens, each with a new uuid

-- lock: ACCESS EXCLUSIVE on tokens
CREATE TABLE tokens (
    id UUID NOT NULL DEFAULT gen_random_uuid(),
    label VARCHAR(20) NOT NULL,
    CONSTRAINT pk_tokens PRIMARY KEY (id)
);

INSERT INTO tokens (label) VALUES
    ('a'),
    ('b');

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- a uuid column added to rows that exist, and one set again

-- lock: ACCESS EXCLUSIVE on tokens, rewrites tokens
ALTER TABLE tokens ADD COLUMN ref UUID NOT NULL DEFAULT gen_random_uuid();

UPDATE tokens SET ref = gen_random_uuid() WHERE (label = 'a');

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

COMMIT;
