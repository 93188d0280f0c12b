-- retort 0.1.0: upgrade base -> 0002 (mysql), 2 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 2db628c9119ae291f6831d63d587c1d7ee7b5e3794f0978bcf19c65666647adc
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
-- users and tags, which create_all may have made already

CREATE TABLE IF NOT EXISTS users (
    id INTEGER NOT NULL,
    email VARCHAR(50) NOT NULL,
    legacy INTEGER,
    CONSTRAINT pk_users PRIMARY KEY (id)
);

CREATE UNIQUE INDEX IF NOT EXISTS ix_users_email ON users (email);

CREATE TABLE IF NOT EXISTS tags (
    id INTEGER NOT NULL,
    name VARCHAR(20),
    CONSTRAINT pk_tags PRIMARY KEY (id)
);

-- skipped: table old_stuff does not exist here (drop table if exists)

-- skipped: index ix_old_stuff does not exist here (drop index if exists)

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- a column added and one dropped, each only if needed

ALTER TABLE users ADD COLUMN IF NOT EXISTS nick VARCHAR(20);

ALTER TABLE users DROP COLUMN IF EXISTS legacy;

-- skipped: column tags.name already exists here (add column if not exists)

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
