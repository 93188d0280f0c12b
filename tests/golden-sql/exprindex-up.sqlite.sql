-- retort 0.1.0: upgrade base -> 0002 (sqlite), 2 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 df81a9274834fdda12e9720c2b4c1ef5da7475fb5ff80249c76113bbf0a80cf7
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
-- tags, unique whatever the case of their code

CREATE TABLE tags (
    id INTEGER NOT NULL,
    code VARCHAR(20) NOT NULL,
    "Label" VARCHAR(40),
    CONSTRAINT pk_tags PRIMARY KEY (id)
);

INSERT INTO tags (id, code, "Label") VALUES
    (1, 'Red', 'R'),
    (2, 'blue', 'b');

CREATE UNIQUE INDEX ux_tags_code ON tags ((lower(code)));

CREATE INDEX ix_tags_label ON tags ((upper("Label")) DESC, id);

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- longer codes (SQLite rebuilds the table and its indexes)

-- rebuild tags (SQLite cannot alter it in place)
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_tags (
    id INTEGER NOT NULL,
    code VARCHAR(40) NOT NULL,
    "Label" VARCHAR(40),
    CONSTRAINT pk_tags PRIMARY KEY (id)
);
INSERT INTO _retort_new_tags (id, code, "Label")
    SELECT id, code, "Label" FROM tags;
DROP TABLE tags;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_tags RENAME TO tags;
PRAGMA legacy_alter_table = OFF;
CREATE UNIQUE INDEX ux_tags_code ON tags ((lower(code)));
CREATE TEMP TABLE retort_fk_after (ok INTEGER CONSTRAINT "retort: rebuilding tags added foreign key violations" CHECK (ok));
INSERT INTO retort_fk_after SELECT (SELECT count(*) FROM pragma_foreign_key_check) <= (SELECT n FROM retort_fk_before);
DROP TABLE retort_fk_after;
DROP TABLE retort_fk_before;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

COMMIT;

PRAGMA foreign_keys = ON;
