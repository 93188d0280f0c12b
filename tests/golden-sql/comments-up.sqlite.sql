-- retort 0.1.0: upgrade base -> 0002 (sqlite), 2 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 1002cf9daa1a9f464bccab09f7c1f32d32612e4f5f1dde0f74197c01bd4dd9aa
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
-- notes, with comments

CREATE TABLE people (
    id INTEGER NOT NULL,
    name VARCHAR(20) NOT NULL,
    CONSTRAINT pk_people PRIMARY KEY (id)
);

CREATE TABLE notes (
    id INTEGER NOT NULL,
    body TEXT,
    "Title" VARCHAR(20) NOT NULL DEFAULT 'x',
    owner INTEGER,
    CONSTRAINT pk_notes PRIMARY KEY (id),
    CONSTRAINT fk_notes_owner_people FOREIGN KEY (owner) REFERENCES people (id) ON DELETE CASCADE
);

INSERT INTO people (id, name) VALUES
    (1, 'Ann');

INSERT INTO notes (id, body, "Title", owner) VALUES
    (1, 'hello', 'Hi', 1);

-- sqlite keeps no comments: comment on table notes is 'people''s notes'

-- sqlite keeps no comments: comment on column notes.body is 'line one DROP TABLE notes; -- */'

-- sqlite keeps no comments: comment on column notes."Title" is 'título'

-- sqlite keeps no comments: comment on column notes.owner is 'who wrote it'

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- comments changed, one dropped, a commented column retyped

-- sqlite keeps no comments: comment on column notes.body is null

-- sqlite keeps no comments: comment on table notes is 'notes'

-- rebuild notes (SQLite cannot alter it in place)
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_notes (
    id INTEGER NOT NULL,
    body TEXT,
    "Title" VARCHAR(40) NOT NULL DEFAULT 'x',
    author INTEGER,
    CONSTRAINT pk_notes PRIMARY KEY (id),
    CONSTRAINT fk_notes_owner_people FOREIGN KEY (author) REFERENCES people (id) ON DELETE CASCADE
);
INSERT INTO _retort_new_notes (id, body, "Title", author)
    SELECT id, body, "Title", owner FROM notes;
DROP TABLE notes;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_notes RENAME TO notes;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE retort_fk_after (ok INTEGER CONSTRAINT "retort: rebuilding notes added foreign key violations" CHECK (ok));
INSERT INTO retort_fk_after SELECT (SELECT count(*) FROM pragma_foreign_key_check) <= (SELECT n FROM retort_fk_before);
DROP TABLE retort_fk_after;
DROP TABLE retort_fk_before;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

COMMIT;

PRAGMA foreign_keys = ON;
