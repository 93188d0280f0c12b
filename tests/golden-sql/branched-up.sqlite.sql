-- retort 0.1.0: upgrade base -> d1e2f3a4b5c6,e2f3a4b5c6d7 (sqlite), 8 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 d338368c4bf42060b0303371fe2b4396acbdd4c4f8e7144538241561efe1c1f8
PRAGMA foreign_keys = OFF;

BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TEMP TABLE retort_guard (ok INTEGER CONSTRAINT "retort: this script expects alembic_version to be empty" CHECK (ok));
INSERT INTO retort_guard SELECT (SELECT count(*) FROM alembic_version) = 0;
DROP TABLE retort_guard;

-- Running upgrade  -> a1b2c3d4e5f6
-- A: create users

CREATE TABLE users (
    id INTEGER NOT NULL,
    email VARCHAR(255) NOT NULL,
    first_name VARCHAR(50),
    last_name VARCHAR(50),
    hashed_password VARCHAR(255) NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id)
);

INSERT INTO alembic_version (version_num) VALUES ('a1b2c3d4e5f6');

-- Running upgrade  -> e1f2a3b4c5d6
-- X1: audit branch root

CREATE TABLE audit_meta (
    name VARCHAR(50) NOT NULL,
    value TEXT,
    CONSTRAINT pk_audit_meta PRIMARY KEY (name)
);

INSERT INTO audit_meta (name, value) VALUES
    ('schema', 'v1');

INSERT INTO alembic_version (version_num) VALUES ('e1f2a3b4c5d6');

-- Running upgrade a1b2c3d4e5f6 -> b2c3d4e5f6a7
-- B: add phone_number

ALTER TABLE users ADD COLUMN phone_number VARCHAR(15);

UPDATE alembic_version SET version_num='b2c3d4e5f6a7' WHERE alembic_version.version_num = 'a1b2c3d4e5f6';

-- Running upgrade b2c3d4e5f6a7 -> c1d2e3f4a5b6
-- C1: create orders

CREATE TABLE orders (
    id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    total NUMERIC(10, 2),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT fk_orders_user_id_users FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT pk_orders PRIMARY KEY (id)
);

UPDATE alembic_version SET version_num='c1d2e3f4a5b6' WHERE alembic_version.version_num = 'b2c3d4e5f6a7';

-- Running upgrade b2c3d4e5f6a7 -> c2d3e4f5a6b7
-- C2: index users.email

CREATE UNIQUE INDEX ix_users_email ON users (email);

INSERT INTO alembic_version (version_num) VALUES ('c2d3e4f5a6b7');

-- Running upgrade c1d2e3f4a5b6, c2d3e4f5a6b7 -> d0e1f2a3b4c5
-- M: merge C1 and C2

DELETE FROM alembic_version WHERE alembic_version.version_num = 'c1d2e3f4a5b6';
UPDATE alembic_version SET version_num='d0e1f2a3b4c5' WHERE alembic_version.version_num = 'c2d3e4f5a6b7';

-- Running upgrade d0e1f2a3b4c5 -> d1e2f3a4b5c6
-- D: phone_number NOT NULL, String(20)

-- rebuild users (SQLite cannot alter it in place)
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_users (
    id INTEGER NOT NULL,
    email VARCHAR(255) NOT NULL,
    first_name VARCHAR(50),
    last_name VARCHAR(50),
    hashed_password VARCHAR(255) NOT NULL,
    phone_number VARCHAR(20) NOT NULL,
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

UPDATE alembic_version SET version_num='d1e2f3a4b5c6' WHERE alembic_version.version_num = 'd0e1f2a3b4c5';

-- Running upgrade e1f2a3b4c5d6 -> e2f3a4b5c6d7
-- X2: create audit_log (depends_on B)

CREATE TABLE audit_log (
    id INTEGER NOT NULL,
    user_id INTEGER,
    "action" VARCHAR(100) NOT NULL,
    created_at DATETIME NOT NULL,
    CONSTRAINT fk_audit_log_user_id_users FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT pk_audit_log PRIMARY KEY (id)
);

UPDATE alembic_version SET version_num='e2f3a4b5c6d7' WHERE alembic_version.version_num = 'e1f2a3b4c5d6';

COMMIT;

PRAGMA foreign_keys = ON;
