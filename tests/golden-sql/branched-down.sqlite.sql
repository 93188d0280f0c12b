-- retort 0.1.0: downgrade d1e2f3a4b5c6,e2f3a4b5c6d7 -> base (sqlite), 8 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 d338368c4bf42060b0303371fe2b4396acbdd4c4f8e7144538241561efe1c1f8
PRAGMA foreign_keys = OFF;

BEGIN IMMEDIATE;

CREATE TEMP TABLE retort_guard (ok INTEGER CONSTRAINT "retort: this script expects alembic_version to hold exactly: d1e2f3a4b5c6, e2f3a4b5c6d7" CHECK (ok));
INSERT INTO retort_guard SELECT (SELECT count(*) FROM alembic_version) = 2 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('d1e2f3a4b5c6', 'e2f3a4b5c6d7')) = 2;
DROP TABLE retort_guard;

-- Running downgrade e2f3a4b5c6d7 -> e1f2a3b4c5d6
-- X2: create audit_log (depends_on B)

DROP TABLE audit_log;

UPDATE alembic_version SET version_num='e1f2a3b4c5d6' WHERE alembic_version.version_num = 'e2f3a4b5c6d7';

-- Running downgrade d1e2f3a4b5c6 -> d0e1f2a3b4c5
-- D: phone_number NOT NULL, String(20)

-- rebuild users (SQLite cannot alter it in place)
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_users (
    id INTEGER NOT NULL,
    email VARCHAR(255) NOT NULL,
    first_name VARCHAR(50),
    last_name VARCHAR(50),
    hashed_password VARCHAR(255) NOT NULL,
    phone_number VARCHAR(15),
    CONSTRAINT pk_users PRIMARY KEY (id)
);
INSERT INTO _retort_new_users (id, email, first_name, last_name, hashed_password, phone_number)
    SELECT id, email, first_name, last_name, hashed_password, phone_number FROM users;
DROP TABLE users;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_users RENAME TO users;
PRAGMA legacy_alter_table = OFF;
CREATE UNIQUE INDEX ix_users_email ON users (email);
CREATE TEMP TABLE retort_fk_after (ok INTEGER CONSTRAINT "retort: rebuilding users added foreign key violations" CHECK (ok));
INSERT INTO retort_fk_after SELECT (SELECT count(*) FROM pragma_foreign_key_check) <= (SELECT n FROM retort_fk_before);
DROP TABLE retort_fk_after;
DROP TABLE retort_fk_before;

UPDATE alembic_version SET version_num='d0e1f2a3b4c5' WHERE alembic_version.version_num = 'd1e2f3a4b5c6';

-- Running downgrade d0e1f2a3b4c5 -> c1d2e3f4a5b6, c2d3e4f5a6b7
-- M: merge C1 and C2

INSERT INTO alembic_version (version_num) VALUES ('c1d2e3f4a5b6');
UPDATE alembic_version SET version_num='c2d3e4f5a6b7' WHERE alembic_version.version_num = 'd0e1f2a3b4c5';

-- Running downgrade c2d3e4f5a6b7 -> b2c3d4e5f6a7
-- C2: index users.email

DROP INDEX ix_users_email;

DELETE FROM alembic_version WHERE alembic_version.version_num = 'c2d3e4f5a6b7';

-- Running downgrade c1d2e3f4a5b6 -> b2c3d4e5f6a7
-- C1: create orders

DROP TABLE orders;

UPDATE alembic_version SET version_num='b2c3d4e5f6a7' WHERE alembic_version.version_num = 'c1d2e3f4a5b6';

-- Running downgrade b2c3d4e5f6a7 -> a1b2c3d4e5f6
-- B: add phone_number

ALTER TABLE users DROP COLUMN phone_number;

UPDATE alembic_version SET version_num='a1b2c3d4e5f6' WHERE alembic_version.version_num = 'b2c3d4e5f6a7';

-- Running downgrade e1f2a3b4c5d6 -> 
-- X1: audit branch root

DROP TABLE audit_meta;

DELETE FROM alembic_version WHERE alembic_version.version_num = 'e1f2a3b4c5d6';

-- Running downgrade a1b2c3d4e5f6 -> 
-- A: create users

DROP TABLE users;

DELETE FROM alembic_version WHERE alembic_version.version_num = 'a1b2c3d4e5f6';

DROP TABLE alembic_version;

COMMIT;

PRAGMA foreign_keys = ON;
