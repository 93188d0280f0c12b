-- retort 0.1.0: upgrade base -> 0002 (mysql), 2 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 a4f1ee7a0e771ba33b0830ee86c9cbccc8e570adab90f1117f9b6920239f8cdb
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
-- tokens, each with a new uuid

CREATE TABLE tokens (
    id CHAR(36) NOT NULL DEFAULT (uuid()),
    label VARCHAR(20) NOT NULL,
    CONSTRAINT pk_tokens PRIMARY KEY (id)
);

INSERT INTO tokens (label) VALUES
    ('a'),
    ('b');

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- a uuid column added to rows that exist, and one set again

ALTER TABLE tokens ADD COLUMN ref CHAR(36) NOT NULL DEFAULT (uuid());

UPDATE tokens SET ref = uuid() WHERE (label = 'a');

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
