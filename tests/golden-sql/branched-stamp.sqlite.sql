-- retort 0.1.0: stamp base -> d1e2f3a4b5c6,e2f3a4b5c6d7 (sqlite), 2 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 6ee724cf8b033899ff43dab2bfcf4fc17a6978ac2a417050ee6391008b193e91

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
