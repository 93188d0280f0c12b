-- retort 0.1.0: downgrade d1e2f3a4b5c6,e2f3a4b5c6d7 -> b2c3d4e5f6a7 (mysql), 4 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 d338368c4bf42060b0303371fe2b4396acbdd4c4f8e7144538241561efe1c1f8
-- no transaction: mysql commits each DDL statement at once, so a statement
-- that fails can leave its revision half done; the version table then
-- holds the rows of the last revision done whole

SET NAMES utf8mb4;

-- retort: this script expects alembic_version to hold exactly: d1e2f3a4b5c6, e2f3a4b5c6d7
-- and takes a named lock: no other retort script may run on this database
-- until it ends
CREATE TEMPORARY TABLE retort_guard (
    locked INTEGER,
    ok INTEGER,
    CONSTRAINT `retort: another retort script is running here` CHECK (locked),
    CONSTRAINT `retort: the version table is not as the comment above says` CHECK (ok)
);
INSERT INTO retort_guard SELECT GET_LOCK(CONCAT('retort:', DATABASE()), 0), (SELECT count(*) FROM alembic_version) = 2 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('d1e2f3a4b5c6', 'e2f3a4b5c6d7')) = 2;
DROP TEMPORARY TABLE retort_guard;

-- Running downgrade d1e2f3a4b5c6 -> d0e1f2a3b4c5
-- D: phone_number NOT NULL, String(20)

ALTER TABLE users MODIFY COLUMN phone_number VARCHAR(15) NULL;

UPDATE alembic_version SET version_num='d0e1f2a3b4c5' WHERE alembic_version.version_num = 'd1e2f3a4b5c6';

-- Running downgrade d0e1f2a3b4c5 -> c1d2e3f4a5b6, c2d3e4f5a6b7
-- M: merge C1 and C2

INSERT INTO alembic_version (version_num) VALUES ('c1d2e3f4a5b6');
UPDATE alembic_version SET version_num='c2d3e4f5a6b7' WHERE alembic_version.version_num = 'd0e1f2a3b4c5';

-- Running downgrade c2d3e4f5a6b7 -> b2c3d4e5f6a7
-- C2: index users.email

DROP INDEX ix_users_email ON users;

DELETE FROM alembic_version WHERE alembic_version.version_num = 'c2d3e4f5a6b7';

-- Running downgrade c1d2e3f4a5b6 -> b2c3d4e5f6a7
-- C1: create orders

DROP TABLE orders;

DELETE FROM alembic_version WHERE alembic_version.version_num = 'c1d2e3f4a5b6';

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
