-- retort 0.1.0: upgrade base -> 0002 (mysql), 2 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 f08d03888c7e2b50e48a3aaf3598e0ff1c251c10b77c87ad38491111926a8d71
-- no transaction: mysql commits each DDL statement at once, so a statement
-- that fails can leave its revision half done; the version table then
-- holds the rows of the last revision done whole

SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- retort: this script expects alembic_version to be empty
-- and takes a named lock: no other retort script may run on this database
-- until it ends
CREATE TEMPORARY TABLE retort_guard (
    locked INTEGER,
    ok INTEGER,
    CONSTRAINT `retort: another retort script is running here` CHECK (locked),
    CONSTRAINT `retort: the version table is not as the comment above says` CHECK (ok)
);
INSERT INTO retort_guard SELECT GET_LOCK(CONCAT('retort:', DATABASE()), 0), (SELECT count(*) FROM alembic_version) = 0;
DROP TEMPORARY TABLE retort_guard;

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

-- mysql has only B-tree indexes: index ix_docs_title is one (using hash)
CREATE INDEX ix_docs_title ON docs (title);

CREATE INDEX ix_docs_score ON docs (score DESC, id);

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- the hash index goes

DROP INDEX ix_docs_title ON docs;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
