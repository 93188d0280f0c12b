-- retort 0.1.0: upgrade base -> 0003 (sqlite), 3 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 ccbfe961597384576984abe93c257ea8d2456ba7ba207311c3dd98182318111a
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
-- people have moods

-- sqlite has no enum types: create type mood (a column of one is TEXT with a CHECK of its labels)

CREATE TABLE people (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    feeling TEXT DEFAULT 'ok' CHECK (feeling IN ('sad', 'ok', 'it''s fine')),
    CONSTRAINT pk_people PRIMARY KEY (id)
);

INSERT INTO people (id, name, feeling) VALUES
    (1, 'a', 'sad'),
    (2, 'b', 'it''s fine'),
    (3, 'c', NULL);

CREATE TABLE tickets (
    id INTEGER NOT NULL,
    state VARCHAR(20),
    CONSTRAINT pk_tickets PRIMARY KEY (id)
);

INSERT INTO tickets (id, state) VALUES
    (1, 'ok'),
    (2, 'happy');

INSERT INTO alembic_version (version_num) VALUES ('0001');

COMMIT;

-- Running upgrade 0001 -> 0002
-- more moods

-- sqlite has no enum types: alter type mood (the tables with a column of it are rebuilt with the new CHECK)
-- rebuild people (SQLite cannot alter it in place)
SAVEPOINT retort_rebuild;
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_people (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    feeling TEXT DEFAULT 'ok' CHECK (feeling IN ('sad', 'ok', 'happy', 'it''s fine')),
    CONSTRAINT pk_people PRIMARY KEY (id)
);
INSERT INTO _retort_new_people (id, name, feeling)
    SELECT id, name, feeling FROM people;
DROP TABLE people;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_people RENAME TO people;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE retort_fk_after (ok INTEGER CONSTRAINT "retort: rebuilding people added foreign key violations" CHECK (ok));
INSERT INTO retort_fk_after SELECT (SELECT count(*) FROM pragma_foreign_key_check) <= (SELECT n FROM retort_fk_before);
DROP TABLE retort_fk_after;
DROP TABLE retort_fk_before;
RELEASE retort_rebuild;

-- sqlite has no enum types: alter type mood (the tables with a column of it are rebuilt with the new CHECK)
-- rebuild people (SQLite cannot alter it in place)
SAVEPOINT retort_rebuild;
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_people (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    feeling TEXT DEFAULT 'ok' CHECK (feeling IN ('meh', 'sad', 'ok', 'happy', 'it''s fine')),
    CONSTRAINT pk_people PRIMARY KEY (id)
);
INSERT INTO _retort_new_people (id, name, feeling)
    SELECT id, name, feeling FROM people;
DROP TABLE people;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_people RENAME TO people;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE retort_fk_after (ok INTEGER CONSTRAINT "retort: rebuilding people added foreign key violations" CHECK (ok));
INSERT INTO retort_fk_after SELECT (SELECT count(*) FROM pragma_foreign_key_check) <= (SELECT n FROM retort_fk_before);
DROP TABLE retort_fk_after;
DROP TABLE retort_fk_before;
RELEASE retort_rebuild;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

BEGIN IMMEDIATE;

-- Running upgrade 0002 -> 0003
-- sad is blue; tickets get a mood

-- sqlite has no enum types: alter type mood (the tables with a column of it are rebuilt with the new CHECK)
PRAGMA ignore_check_constraints = ON;
UPDATE people SET feeling = 'blue' WHERE feeling = 'sad';
PRAGMA ignore_check_constraints = OFF;
-- rebuild people (SQLite cannot alter it in place)
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_people (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    feeling TEXT DEFAULT 'ok' CHECK (feeling IN ('meh', 'blue', 'ok', 'happy', 'it''s fine')),
    CONSTRAINT pk_people PRIMARY KEY (id)
);
INSERT INTO _retort_new_people (id, name, feeling)
    SELECT id, name, feeling FROM people;
DROP TABLE people;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_people RENAME TO people;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE retort_fk_after (ok INTEGER CONSTRAINT "retort: rebuilding people added foreign key violations" CHECK (ok));
INSERT INTO retort_fk_after SELECT (SELECT count(*) FROM pragma_foreign_key_check) <= (SELECT n FROM retort_fk_before);
DROP TABLE retort_fk_after;
DROP TABLE retort_fk_before;

INSERT INTO people (id, name, feeling) VALUES
    (4, 'd', 'happy');

ALTER TABLE people ADD COLUMN later TEXT CHECK (later IN ('meh', 'blue', 'ok', 'happy', 'it''s fine'));

UPDATE people SET later = 'meh' WHERE (id = 1);

-- rebuild tickets (SQLite cannot alter it in place)
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_tickets (
    id INTEGER NOT NULL,
    state TEXT CHECK (state IN ('meh', 'blue', 'ok', 'happy', 'it''s fine')),
    CONSTRAINT pk_tickets PRIMARY KEY (id)
);
INSERT INTO _retort_new_tickets (id, state)
    SELECT id, state FROM tickets;
DROP TABLE tickets;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_tickets RENAME TO tickets;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE retort_fk_after (ok INTEGER CONSTRAINT "retort: rebuilding tickets added foreign key violations" CHECK (ok));
INSERT INTO retort_fk_after SELECT (SELECT count(*) FROM pragma_foreign_key_check) <= (SELECT n FROM retort_fk_before);
DROP TABLE retort_fk_after;
DROP TABLE retort_fk_before;

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0002';

COMMIT;

PRAGMA foreign_keys = ON;
