-- retort 0.1.0: upgrade base -> 0004 (mysql), 4 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 4ecfc6f25b67815e73c367e71ef049f67f8810cd7661426a7b84e329ff3e74c3
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

-- Running upgrade  -> 0001
-- flags, some of them null

CREATE TABLE flags (
    id INTEGER NOT NULL AUTO_INCREMENT,
    name VARCHAR(40) NOT NULL,
    flag BOOL,
    score INTEGER NOT NULL DEFAULT 0,
    `Note` VARCHAR(40),
    CONSTRAINT pk_flags PRIMARY KEY (id)
);

INSERT INTO flags (id, name, flag, score, `Note`) VALUES
    (1, 'O''Brien', NULL, 1, NULL),
    (2, 'Ng', TRUE, 2, 'kept'),
    (3, CONVERT(X'6261636B5C736C617368' USING utf8mb4), NULL, 3, NULL);

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- backfill: no flag is null, notes filled in

UPDATE flags SET flag = FALSE WHERE (flag is null);

UPDATE flags SET score = (score + 10), `Note` = CONVERT(X'69742773205C6E' USING utf8mb4) WHERE (`Note` is null and id > 1);

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

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
