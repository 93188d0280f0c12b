-- retort 0.1.0: upgrade base -> 0003 (postgresql), 3 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 80c8cb056059b1c541511ef01d056f13c9f9ef7a7eb113c9efb1c68f5466c416

BEGIN;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

LOCK TABLE alembic_version IN EXCLUSIVE MODE;
DO $retort_guard$
BEGIN
    IF (SELECT count(*) FROM alembic_version) <> 0 THEN
        RAISE EXCEPTION 'retort: this script expects alembic_version to be empty';
    END IF;
END
$retort_guard$;

-- Running upgrade  -> 0001
-- parents and children, the keys checked at commit

-- lock: ACCESS EXCLUSIVE on parents
CREATE TABLE parents (
    id INTEGER NOT NULL,
    CONSTRAINT pk_parents PRIMARY KEY (id)
);

-- lock: ACCESS EXCLUSIVE on children, SHARE ROW EXCLUSIVE on parents
CREATE TABLE children (
    id INTEGER NOT NULL,
    parent INTEGER,
    other INTEGER,
    CONSTRAINT pk_children PRIMARY KEY (id),
    CONSTRAINT fk_children_other_parents FOREIGN KEY (other) REFERENCES parents (id) DEFERRABLE,
    CONSTRAINT fk_children_parent FOREIGN KEY (parent) REFERENCES parents (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- a child before its parent, in one transaction

INSERT INTO children (id, parent) VALUES
    (1, 10);

INSERT INTO parents (id) VALUES
    (10);

-- deferred constraints are checked here, before the table changes or the revision ends
SET CONSTRAINTS fk_children_parent IMMEDIATE;
SET CONSTRAINTS fk_children_parent DEFERRED;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

-- Running upgrade 0002 -> 0003
-- every child has a parent (SQLite rebuilds the table)

-- lock: ACCESS EXCLUSIVE on children, scans children
ALTER TABLE children ALTER COLUMN parent SET NOT NULL;

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0002';

COMMIT;
