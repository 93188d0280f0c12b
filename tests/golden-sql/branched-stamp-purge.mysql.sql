-- retort 0.1.0: stamp base -> b2c3d4e5f6a7 (mysql), 1 revision
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

DELETE FROM alembic_version;

-- Running stamp_revision  -> b2c3d4e5f6a7

INSERT INTO alembic_version (version_num) VALUES ('b2c3d4e5f6a7');

