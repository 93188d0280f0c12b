-- retort 0.1.0: stamp base -> d1e2f3a4b5c6,e2f3a4b5c6d7 (mysql), 2 revisions
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

-- Running stamp_revision  -> d1e2f3a4b5c6

INSERT INTO alembic_version (version_num) VALUES ('d1e2f3a4b5c6');

-- Running stamp_revision  -> e2f3a4b5c6d7

INSERT INTO alembic_version (version_num) VALUES ('e2f3a4b5c6d7');

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
