-- retort 0.1.0: downgrade d1e2f3a4b5c6,e2f3a4b5c6d7 -> base (postgresql), 8 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 d338368c4bf42060b0303371fe2b4396acbdd4c4f8e7144538241561efe1c1f8

BEGIN;

LOCK TABLE alembic_version IN EXCLUSIVE MODE;
DO $retort_guard$
BEGIN
    IF (SELECT count(*) FROM alembic_version) <> 2
       OR (SELECT count(*) FROM alembic_version WHERE version_num IN ('d1e2f3a4b5c6', 'e2f3a4b5c6d7')) <> 2 THEN
        RAISE EXCEPTION 'retort: this script expects alembic_version to hold exactly: d1e2f3a4b5c6, e2f3a4b5c6d7';
    END IF;
END
$retort_guard$;

-- Running downgrade e2f3a4b5c6d7 -> e1f2a3b4c5d6
-- X2: create audit_log (depends_on B)

-- lock: ACCESS EXCLUSIVE on audit_log, ACCESS EXCLUSIVE on users
DROP TABLE audit_log;

UPDATE alembic_version SET version_num='e1f2a3b4c5d6' WHERE alembic_version.version_num = 'e2f3a4b5c6d7';

-- Running downgrade d1e2f3a4b5c6 -> d0e1f2a3b4c5
-- D: phone_number NOT NULL, String(20)

-- lock: ACCESS EXCLUSIVE on users, rewrites users
ALTER TABLE users
    ALTER COLUMN phone_number DROP NOT NULL,
    ALTER COLUMN phone_number TYPE VARCHAR(15);

UPDATE alembic_version SET version_num='d0e1f2a3b4c5' WHERE alembic_version.version_num = 'd1e2f3a4b5c6';

-- Running downgrade d0e1f2a3b4c5 -> c1d2e3f4a5b6, c2d3e4f5a6b7
-- M: merge C1 and C2

INSERT INTO alembic_version (version_num) VALUES ('c1d2e3f4a5b6');
UPDATE alembic_version SET version_num='c2d3e4f5a6b7' WHERE alembic_version.version_num = 'd0e1f2a3b4c5';

-- Running downgrade c2d3e4f5a6b7 -> b2c3d4e5f6a7
-- C2: index users.email

-- lock: ACCESS EXCLUSIVE on users
DROP INDEX ix_users_email;

DELETE FROM alembic_version WHERE alembic_version.version_num = 'c2d3e4f5a6b7';

-- Running downgrade c1d2e3f4a5b6 -> b2c3d4e5f6a7
-- C1: create orders

-- lock: ACCESS EXCLUSIVE on orders, ACCESS EXCLUSIVE on users
DROP TABLE orders;

UPDATE alembic_version SET version_num='b2c3d4e5f6a7' WHERE alembic_version.version_num = 'c1d2e3f4a5b6';

-- Running downgrade b2c3d4e5f6a7 -> a1b2c3d4e5f6
-- B: add phone_number

-- lock: ACCESS EXCLUSIVE on users
ALTER TABLE users DROP COLUMN phone_number;

UPDATE alembic_version SET version_num='a1b2c3d4e5f6' WHERE alembic_version.version_num = 'b2c3d4e5f6a7';

-- Running downgrade e1f2a3b4c5d6 -> 
-- X1: audit branch root

-- lock: ACCESS EXCLUSIVE on audit_meta
DROP TABLE audit_meta;

DELETE FROM alembic_version WHERE alembic_version.version_num = 'e1f2a3b4c5d6';

-- Running downgrade a1b2c3d4e5f6 -> 
-- A: create users

-- lock: ACCESS EXCLUSIVE on users
DROP TABLE users;

DELETE FROM alembic_version WHERE alembic_version.version_num = 'a1b2c3d4e5f6';

DROP TABLE alembic_version;

COMMIT;
