-- retort 0.1.0: downgrade 0003 -> base (sqlite), 3 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 ccbfe961597384576984abe93c257ea8d2456ba7ba207311c3dd98182318111a
PRAGMA foreign_keys = OFF;

BEGIN IMMEDIATE;

CREATE TEMP TABLE retort_guard (ok INTEGER CONSTRAINT "retort: this script expects alembic_version to hold exactly: 0003" CHECK (ok));
INSERT INTO retort_guard SELECT (SELECT count(*) FROM alembic_version) = 1 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('0003')) = 1;
DROP TABLE retort_guard;

-- Running downgrade 0003 -> 0002
-- sad is blue; tickets get a mood

-- rebuild tickets (SQLite cannot alter it in place)
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_tickets (
    id INTEGER NOT NULL,
    state VARCHAR(20),
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

ALTER TABLE people DROP COLUMN later;

DELETE FROM people WHERE (id = 4);

-- sqlite has no enum types: alter type mood (the tables with a column of it are rebuilt with the new CHECK)
PRAGMA ignore_check_constraints = ON;
UPDATE people SET feeling = 'sad' WHERE feeling = 'blue';
PRAGMA ignore_check_constraints = OFF;
-- rebuild people (SQLite cannot alter it in place)
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

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0003';

COMMIT;

-- Running downgrade 0002 -> 0001
-- more moods

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

BEGIN IMMEDIATE;

-- Running downgrade 0001 -> 
-- people have moods

DROP TABLE tickets;

DROP TABLE people;

-- sqlite has no enum types: drop type mood (a column of one is TEXT with a CHECK of its labels)

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;

PRAGMA foreign_keys = ON;
