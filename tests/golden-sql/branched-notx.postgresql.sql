-- retort 0.1.0: upgrade base -> d1e2f3a4b5c6,e2f3a4b5c6d7 (postgresql), 8 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 6ee724cf8b033899ff43dab2bfcf4fc17a6978ac2a417050ee6391008b193e91

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
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
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

ALTER TABLE users ALTER COLUMN phone_number TYPE VARCHAR(20);

ALTER TABLE users ALTER COLUMN phone_number SET NOT NULL;

UPDATE alembic_version SET version_num='d1e2f3a4b5c6' WHERE alembic_version.version_num = 'd0e1f2a3b4c5';

-- Running upgrade e1f2a3b4c5d6 -> e2f3a4b5c6d7
-- X2: create audit_log (depends_on B)

CREATE TABLE audit_log (
    id INTEGER NOT NULL,
    user_id INTEGER,
    action VARCHAR(100) NOT NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    CONSTRAINT fk_audit_log_user_id_users FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT pk_audit_log PRIMARY KEY (id)
);

UPDATE alembic_version SET version_num='e2f3a4b5c6d7' WHERE alembic_version.version_num = 'e1f2a3b4c5d6';

