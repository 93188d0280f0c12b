-- retort 0.1.0: downgrade 0002 -> base (sqlite), 2 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 df81a9274834fdda12e9720c2b4c1ef5da7475fb5ff80249c76113bbf0a80cf7
PRAGMA foreign_keys = OFF;

BEGIN IMMEDIATE;

CREATE TEMP TABLE retort_guard (ok INTEGER CONSTRAINT "retort: this script expects alembic_version to hold exactly: 0002" CHECK (ok));
INSERT INTO retort_guard SELECT (SELECT count(*) FROM alembic_version) = 1 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('0002')) = 1;
DROP TABLE retort_guard;

-- Running downgrade 0002 -> 0001
-- longer codes (SQLite rebuilds the table and its indexes)

CREATE INDEX ix_tags_label ON tags ((upper("Label")) DESC, id);

-- rebuild tags (SQLite cannot alter it in place)
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_tags (
    id INTEGER NOT NULL,
    code VARCHAR(20) NOT NULL,
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
CREATE INDEX ix_tags_label ON tags ((upper("Label")) DESC, id);
CREATE TEMP TABLE retort_fk_after (ok INTEGER CONSTRAINT "retort: rebuilding tags added foreign key violations" CHECK (ok));
INSERT INTO retort_fk_after SELECT (SELECT count(*) FROM pragma_foreign_key_check) <= (SELECT n FROM retort_fk_before);
DROP TABLE retort_fk_after;
DROP TABLE retort_fk_before;

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- tags, unique whatever the case of their code

DROP TABLE tags;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;

PRAGMA foreign_keys = ON;
