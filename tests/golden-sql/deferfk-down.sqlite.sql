-- retort 0.1.0: downgrade 0003 -> base (sqlite), 3 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 80c8cb056059b1c541511ef01d056f13c9f9ef7a7eb113c9efb1c68f5466c416
PRAGMA foreign_keys = OFF;

BEGIN IMMEDIATE;

CREATE TEMP TABLE retort_guard (ok INTEGER CONSTRAINT "retort: this script expects alembic_version to hold exactly: 0003" CHECK (ok));
INSERT INTO retort_guard SELECT (SELECT count(*) FROM alembic_version) = 1 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('0003')) = 1;
DROP TABLE retort_guard;

-- Running downgrade 0003 -> 0002
-- every child has a parent (SQLite rebuilds the table)

-- rebuild children (SQLite cannot alter it in place)
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_children (
    id INTEGER NOT NULL,
    parent INTEGER,
    other INTEGER,
    CONSTRAINT pk_children PRIMARY KEY (id),
    CONSTRAINT fk_children_other_parents FOREIGN KEY (other) REFERENCES parents (id) DEFERRABLE,
    CONSTRAINT fk_children_parent FOREIGN KEY (parent) REFERENCES parents (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
INSERT INTO _retort_new_children (id, parent, other)
    SELECT id, parent, other FROM children;
DROP TABLE children;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_children RENAME TO children;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE retort_fk_after (ok INTEGER CONSTRAINT "retort: rebuilding children added foreign key violations" CHECK (ok));
INSERT INTO retort_fk_after SELECT (SELECT count(*) FROM pragma_foreign_key_check) <= (SELECT n FROM retort_fk_before);
DROP TABLE retort_fk_after;
DROP TABLE retort_fk_before;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0003';

-- Running downgrade 0002 -> 0001
-- a child before its parent, in one transaction

DELETE FROM children;

DELETE FROM parents;

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- parents and children, the keys checked at commit

DROP TABLE children;

DROP TABLE parents;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;

PRAGMA foreign_keys = ON;
