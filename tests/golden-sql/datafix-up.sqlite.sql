-- retort 0.1.0: upgrade base -> 0004 (sqlite), 4 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 4ecfc6f25b67815e73c367e71ef049f67f8810cd7661426a7b84e329ff3e74c3

BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TEMP TABLE retort_guard (ok INTEGER CONSTRAINT "retort: this script expects alembic_version to be empty" CHECK (ok));
INSERT INTO retort_guard SELECT (SELECT count(*) FROM alembic_version) = 0;
DROP TABLE retort_guard;

-- Running upgrade  -> 0001
-- flags, some of them null

CREATE TABLE flags (
    id INTEGER NOT NULL,
    name VARCHAR(40) NOT NULL,
    flag BOOLEAN,
    score INTEGER NOT NULL DEFAULT 0,
    "Note" VARCHAR(40),
    CONSTRAINT pk_flags PRIMARY KEY (id)
);

INSERT INTO flags (id, name, flag, score, "Note") VALUES
    (1, 'O''Brien', NULL, 1, NULL),
    (2, 'Ng', TRUE, 2, 'kept'),
    (3, 'back\slash', NULL, 3, NULL);

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- backfill: no flag is null, notes filled in

UPDATE flags SET flag = FALSE WHERE (flag is null);

UPDATE flags SET score = (score + 10), "Note" = 'it''s \n' WHERE ("Note" is null and id > 1);

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

-- Running upgrade 0002 -> 0003
-- a seed row, and every score reset

INSERT INTO flags (id, name, flag) VALUES
    (10, 'seed', TRUE);

UPDATE flags SET score = 0;

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0002';

-- Running upgrade 0003 -> 0004
-- purge: the flagged rows go, then every row

DELETE FROM flags WHERE (flag = true);

DELETE FROM flags;

UPDATE alembic_version SET version_num='0004' WHERE alembic_version.version_num = '0003';

COMMIT;
