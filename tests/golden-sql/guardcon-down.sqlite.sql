-- retort 0.1.0: downgrade 0002 -> base (sqlite), 2 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 f34178b9702a2f2f4574798f04be6344a2ae5da58b9c16fdefdbe2057609dffb
PRAGMA foreign_keys = OFF;

BEGIN IMMEDIATE;

CREATE TEMP TABLE retort_guard (ok INTEGER CONSTRAINT "retort: this script expects alembic_version to hold exactly: 0002" CHECK (ok));
INSERT INTO retort_guard SELECT (SELECT count(*) FROM alembic_version) = 1 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('0002')) = 1;
DROP TABLE retort_guard;

-- Running downgrade 0002 -> 0001
-- the keys dropped, each only if the database still has it

DELETE FROM tags WHERE (user_id not in (select id from users));

DELETE FROM users WHERE (email = '' or id > 1);

-- rebuild users (SQLite cannot alter it in place)
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_users (
    id INTEGER NOT NULL,
    email VARCHAR(50) NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT ck_users_email CHECK (email <> ''),
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

-- rebuild tags (SQLite cannot alter it in place)
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_tags (
    id INTEGER NOT NULL,
    user_id INTEGER,
    CONSTRAINT pk_tags PRIMARY KEY (id),
    CONSTRAINT fk_tags_user FOREIGN KEY (user_id) REFERENCES users (id)
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

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- users and tags, with a check, a unique key and a foreign key

DROP TABLE tags;

DROP TABLE users;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;

PRAGMA foreign_keys = ON;
