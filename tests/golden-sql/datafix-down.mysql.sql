-- retort 0.1.0: downgrade 0004 -> base (mysql), 4 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 4ecfc6f25b67815e73c367e71ef049f67f8810cd7661426a7b84e329ff3e74c3
-- no transaction: mysql commits each DDL statement at once, so a statement
-- that fails can leave its revision half done; the version table then
-- holds the rows of the last revision done whole

SET NAMES utf8mb4;

-- retort: this script expects alembic_version to hold exactly: 0004
-- and takes a named lock: no other retort script may run on this database
-- until it ends
CREATE TEMPORARY TABLE retort_guard (
    locked INTEGER,
    ok INTEGER,
    CONSTRAINT `retort: another retort script is running here` CHECK (locked),
    CONSTRAINT `retort: the version table is not as the comment above says` CHECK (ok)
);
INSERT INTO retort_guard SELECT GET_LOCK(CONCAT('retort:', DATABASE()), 0), (SELECT count(*) FROM alembic_version) = 1 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('0004')) = 1;
DROP TEMPORARY TABLE retort_guard;

-- Running downgrade 0004 -> 0003
-- purge: the flagged rows go, then every row

INSERT INTO flags (id, name, flag) VALUES
    (2, 'Ng', TRUE),
    (10, 'seed', TRUE);

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0004';

-- Running downgrade 0003 -> 0002
-- a seed row, and every score reset

DELETE FROM flags WHERE (name = 'seed');

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0003';

-- Running downgrade 0002 -> 0001
-- backfill: no flag is null, notes filled in

UPDATE flags SET score = (score - 10), `Note` = NULL WHERE (`Note` = CONVERT(X'69742773205C6E' USING utf8mb4));

UPDATE flags SET flag = NULL WHERE (flag = false);

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- flags, some of them null

DROP TABLE flags;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
