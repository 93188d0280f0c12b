-- retort 0.1.0: stamp base -> b2c3d4e5f6a7 (postgresql), 1 revision
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 6ee724cf8b033899ff43dab2bfcf4fc17a6978ac2a417050ee6391008b193e91

BEGIN;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

DELETE FROM alembic_version;

-- Running stamp_revision  -> b2c3d4e5f6a7

INSERT INTO alembic_version (version_num) VALUES ('b2c3d4e5f6a7');

COMMIT;
