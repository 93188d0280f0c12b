-- retort 0.1.0: upgrade base -> 0002 (sqlite), 2 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 f34178b9702a2f2f4574798f04be6344a2ae5da58b9c16fdefdbe2057609dffb
PRAGMA foreign_keys = OFF;

BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TEMP TABLE retort_guard (ok INTEGER CONSTRAINT "retort: this script expects alembic_version to be empty" CHECK (ok));
INSERT INTO retort_guard SELECT (SELECT count(*) FROM alembic_version) = 0;
DROP TABLE retort_guard;

-- Running upgrade  -> 0001
-- users and tags, with a check, a unique key and a foreign key

CREATE TABLE users (
    id INTEGER NOT NULL,
    email VARCHAR(50) NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT ck_users_email CHECK (email <> ''),
    CONSTRAINT uq_users_email UNIQUE (email)
);

CREATE TABLE tags (
    id INTEGER NOT NULL,
    user_id INTEGER,
    CONSTRAINT pk_tags PRIMARY KEY (id),
    CONSTRAINT fk_tags_user FOREIGN KEY (user_id) REFERENCES users (id)
);

INSERT INTO users (id, email) VALUES
    (1, 'a@x');

INSERT INTO tags (id, user_id) VALUES
    (1, 1);

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- the keys dropped, each only if the database still has it

-- rebuild users (SQLite cannot alter it in place)
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_users (
    id INTEGER NOT NULL,
    email VARCHAR(50) NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT uq_users_email UNIQUE (email)
);
INSERT INTO _retort_new_users (id, email)
    SELECT id, email FROM users;
DROP TABLE users;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_users RENAME TO users;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE retort_fk_after (ok INTEGER CONSTRAINT "retort: rebuilding users added foreign key violations" CHECK (ok));
INSERT INTO retort_fk_after SELECT (SELECT count(*) FROM pragma_foreign_key_check) <= (SELECT n FROM retort_fk_before);
DROP TABLE retort_fk_after;
DROP TABLE retort_fk_before;

-- rebuild users (SQLite cannot alter it in place)
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_users (
    id INTEGER NOT NULL,
    email VARCHAR(50) NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id)
);
INSERT INTO _retort_new_users (id, email)
    SELECT id, email FROM users;
DROP TABLE users;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_users RENAME TO users;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE retort_fk_after (ok INTEGER CONSTRAINT "retort: rebuilding users added foreign key violations" CHECK (ok));
INSERT INTO retort_fk_after SELECT (SELECT count(*) FROM pragma_foreign_key_check) <= (SELECT n FROM retort_fk_before);
DROP TABLE retort_fk_after;
DROP TABLE retort_fk_before;

-- rebuild tags (SQLite cannot alter it in place)
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_tags (
    id INTEGER NOT NULL,
    user_id INTEGER,
    CONSTRAINT pk_tags PRIMARY KEY (id)
);
INSERT INTO _retort_new_tags (id, user_id)
    SELECT id, user_id FROM tags;
DROP TABLE tags;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_tags RENAME TO tags;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE retort_fk_after (ok INTEGER CONSTRAINT "retort: rebuilding tags added foreign key violations" CHECK (ok));
INSERT INTO retort_fk_after SELECT (SELECT count(*) FROM pragma_foreign_key_check) <= (SELECT n FROM retort_fk_before);
DROP TABLE retort_fk_after;
DROP TABLE retort_fk_before;

-- skipped: constraint tags.fk_tags_gone does not exist here (drop constraint if exists)

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

COMMIT;

PRAGMA foreign_keys = ON;
