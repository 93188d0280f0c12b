-- retort 0.1.0: upgrade base -> 0002 (sqlite), 2 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 f08d03888c7e2b50e48a3aaf3598e0ff1c251c10b77c87ad38491111926a8d71

BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TEMP TABLE retort_guard (ok INTEGER CONSTRAINT "retort: this script expects alembic_version to be empty" CHECK (ok));
INSERT INTO retort_guard SELECT (SELECT count(*) FROM alembic_version) = 0;
DROP TABLE retort_guard;

-- Running upgrade  -> 0001
-- docs, with a hash and a btree index

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

-- sqlite has only B-tree indexes: index ix_docs_title is one (using hash)
CREATE INDEX ix_docs_title ON docs (title);

CREATE INDEX ix_docs_score ON docs (score DESC, id);

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- the hash index goes

DROP INDEX ix_docs_title;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

COMMIT;
