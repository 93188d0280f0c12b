-- retort 0.1.0: downgrade 0002 -> base (sqlite), 2 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 1002cf9daa1a9f464bccab09f7c1f32d32612e4f5f1dde0f74197c01bd4dd9aa
PRAGMA foreign_keys = OFF;

BEGIN IMMEDIATE;

CREATE TEMP TABLE retort_guard (ok INTEGER CONSTRAINT "retort: this script expects alembic_version to hold exactly: 0002" CHECK (ok));
INSERT INTO retort_guard SELECT (SELECT count(*) FROM alembic_version) = 1 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('0002')) = 1;
DROP TABLE retort_guard;

-- Running downgrade 0002 -> 0001
-- comments changed, one dropped, a commented column retyped

ALTER TABLE notes RENAME COLUMN author TO owner;

-- rebuild notes (SQLite cannot alter it in place)
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_notes (
    id INTEGER NOT NULL,
    body TEXT,
    "Title" VARCHAR(20) NOT NULL DEFAULT 'x',
    owner INTEGER,
    CONSTRAINT pk_notes PRIMARY KEY (id),
    CONSTRAINT fk_notes_owner_people FOREIGN KEY (owner) REFERENCES people (id) ON DELETE CASCADE
);
INSERT INTO _retort_new_notes (id, body, "Title", owner)
    SELECT id, body, "Title", owner FROM notes;
DROP TABLE notes;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_notes RENAME TO notes;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE retort_fk_after (ok INTEGER CONSTRAINT "retort: rebuilding notes added foreign key violations" CHECK (ok));
INSERT INTO retort_fk_after SELECT (SELECT count(*) FROM pragma_foreign_key_check) <= (SELECT n FROM retort_fk_before);
DROP TABLE retort_fk_after;
DROP TABLE retort_fk_before;

-- sqlite keeps no comments: comment on table notes is 'people''s notes'

-- sqlite keeps no comments: comment on column notes.body is 'line one DROP TABLE notes; -- */'

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- notes, with comments

DROP TABLE notes;

DROP TABLE people;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;

PRAGMA foreign_keys = ON;
