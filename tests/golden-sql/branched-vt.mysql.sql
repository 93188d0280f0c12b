-- retort 0.1.0: upgrade base -> a1b2c3d4e5f6 (mysql), 1 revision
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 d338368c4bf42060b0303371fe2b4396acbdd4c4f8e7144538241561efe1c1f8
-- no transaction: mysql commits each DDL statement at once, so a statement
-- that fails can leave its revision half done; the version table then
-- holds the rows of the last revision done whole

SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS my_versions (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT my_versions_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> a1b2c3d4e5f6
-- A: create users

CREATE TABLE users (
    id INTEGER NOT NULL AUTO_INCREMENT,
    email VARCHAR(255) NOT NULL,
    first_name VARCHAR(50),
    last_name VARCHAR(50),
    hashed_password VARCHAR(255) NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id)
);

INSERT INTO my_versions (version_num) VALUES ('a1b2c3d4e5f6');

