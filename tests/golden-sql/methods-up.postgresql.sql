-- retort 0.1.0: upgrade base -> 0002 (postgresql), 2 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 f08d03888c7e2b50e48a3aaf3598e0ff1c251c10b77c87ad38491111926a8d71

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
-- docs, with a hash and a btree index

-- lock: ACCESS EXCLUSIVE on docs
CREATE TABLE docs (
    id INTEGER NOT NULL,
    title VARCHAR(100) NOT NULL,
    score INTEGER,
    CONSTRAINT pk_docs PRIMARY KEY (id)
);

INSERT INTO docs (id, title, score) VALUES
    (1, 'alpha', 10),
    (2, 'beta', 20),
    (3, 'alpha', 5);

-- lock: SHARE on docs, scans docs
CREATE INDEX ix_docs_title ON docs USING hash (title);

-- lock: SHARE on docs, scans docs
CREATE INDEX ix_docs_score ON docs USING btree (score DESC, id);

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- the hash index goes

-- lock: ACCESS EXCLUSIVE on docs
DROP INDEX ix_docs_title;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

COMMIT;
