-- retort 0.1.0: upgrade base -> d1e2f3a4b5c6,e2f3a4b5c6d7 (mysql), 8 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 d338368c4bf42060b0303371fe2b4396acbdd4c4f8e7144538241561efe1c1f8
-- no transaction: mysql commits each DDL statement at once, so a statement
-- that fails can leave its revision half done; the version table then
-- holds the rows of the last revision done whole

SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- retort: this script expects alembic_version to be empty
-- and takes a named lock: no other retort script may run on this database
-- until it ends
CREATE TEMPORARY TABLE retort_guard (
    locked INTEGER,
    ok INTEGER,
    CONSTRAINT `retort: another retort script is running here` CHECK (locked),
    CONSTRAINT `retort: the version table is not as the comment above says` CHECK (ok)
);
INSERT INTO retort_guard SELECT GET_LOCK(CONCAT('retort:', DATABASE()), 0), (SELECT count(*) FROM alembic_version) = 0;
DROP TEMPORARY TABLE retort_guard;

-- Running upgrade  -> a1b2c3d4e5f6
-- A: create users

CREATE TABLE users (
    id INTEGER NOT NULL AUTO_INCREMENT,
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
    id INTEGER NOT NULL AUTO_INCREMENT,
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

ALTER TABLE users MODIFY COLUMN phone_number VARCHAR(20) NOT NULL;

UPDATE alembic_version SET version_num='d1e2f3a4b5c6' WHERE alembic_version.version_num = 'd0e1f2a3b4c5';

-- Running upgrade e1f2a3b4c5d6 -> e2f3a4b5c6d7
-- X2: create audit_log (depends_on B)

CREATE TABLE audit_log (
    id INTEGER NOT NULL AUTO_INCREMENT,
    user_id INTEGER,
    action VARCHAR(100) NOT NULL,
    created_at DATETIME NOT NULL,
    CONSTRAINT fk_audit_log_user_id_users FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT pk_audit_log PRIMARY KEY (id)
);

UPDATE alembic_version SET version_num='e2f3a4b5c6d7' WHERE alembic_version.version_num = 'e1f2a3b4c5d6';

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
