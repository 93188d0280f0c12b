-- retort 0.1.0: downgrade 0003 -> base (postgresql), 3 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 80c8cb056059b1c541511ef01d056f13c9f9ef7a7eb113c9efb1c68f5466c416

BEGIN;

LOCK TABLE alembic_version IN EXCLUSIVE MODE;
DO $retort_guard$
BEGIN
    IF (SELECT count(*) FROM alembic_version) <> 1
       OR (SELECT count(*) FROM alembic_version WHERE version_num IN ('0003')) <> 1 THEN
        RAISE EXCEPTION 'retort: this script expects alembic_version to hold exactly: 0003';
    END IF;
END
$retort_guard$;

-- Running downgrade 0003 -> 0002
-- every child has a parent (SQLite rebuilds the table)

-- lock: ACCESS EXCLUSIVE on children
ALTER TABLE children ALTER COLUMN parent DROP NOT NULL;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0003';

-- Running downgrade 0002 -> 0001
-- a child before its parent, in one transaction

DELETE FROM children;

DELETE FROM parents;

-- deferred constraints are checked here, before the table changes or the revision ends
SET CONSTRAINTS fk_children_parent IMMEDIATE;
SET CONSTRAINTS fk_children_parent DEFERRED;

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- parents and children, the keys checked at commit

-- lock: ACCESS EXCLUSIVE on children, ACCESS EXCLUSIVE on parents
DROP TABLE children;

-- lock: ACCESS EXCLUSIVE on parents
DROP TABLE parents;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;
