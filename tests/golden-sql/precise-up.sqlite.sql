-- retort 0.1.0: upgrade base -> 0002 (sqlite), 2 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 1e4e2187f8f4201f6e05bc81507d7c679bc72332e4bb3dd806685bb77481c57a
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
-- events stamped with sub-second precision

CREATE TABLE events (
    id INTEGER NOT NULL,
    label VARCHAR(20) NOT NULL,
    at DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT pk_events PRIMARY KEY (id)
);

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- a timestamptz column given the default afterwards

ALTER TABLE events ADD COLUMN seen DATETIME;

-- rebuild events (SQLite cannot alter it in place)
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_events (
    id INTEGER NOT NULL,
    label VARCHAR(20) NOT NULL,
    at DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    seen DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT pk_events PRIMARY KEY (id)
);
INSERT INTO _retort_new_events (id, label, at, seen)
    SELECT id, label, at, seen FROM events;
DROP TABLE events;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_events RENAME TO events;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE retort_fk_after (ok INTEGER CONSTRAINT "retort: rebuilding events added foreign key violations" CHECK (ok));
INSERT INTO retort_fk_after SELECT (SELECT count(*) FROM pragma_foreign_key_check) <= (SELECT n FROM retort_fk_before);
DROP TABLE retort_fk_after;
DROP TABLE retort_fk_before;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

COMMIT;

PRAGMA foreign_keys = ON;
