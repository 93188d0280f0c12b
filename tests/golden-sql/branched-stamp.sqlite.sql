-- retort 0.1.0: stamp base -> d1e2f3a4b5c6,e2f3a4b5c6d7 (sqlite), 2 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 d338368c4bf42060b0303371fe2b4396acbdd4c4f8e7144538241561efe1c1f8

BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TEMP TABLE retort_guard (ok INTEGER CONSTRAINT "retort: this script expects alembic_version to be empty" CHECK (ok));
INSERT INTO retort_guard SELECT (SELECT count(*) FROM alembic_version) = 0;
DROP TABLE retort_guard;

-- Running stamp_revision  -> d1e2f3a4b5c6

INSERT INTO alembic_version (version_num) VALUES ('d1e2f3a4b5c6');

-- Running stamp_revision  -> e2f3a4b5c6d7

INSERT INTO alembic_version (version_num) VALUES ('e2f3a4b5c6d7');

COMMIT;
