-- retort 0.1.0: upgrade base -> 0003 (mysql), 3 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 b988fc2f46f9944b5bbec7ed7b77293dc0d32862c4196b0ba9bd74f175576951
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
-- people and their teams

CREATE TABLE people (
    id INTEGER NOT NULL,
    name VARCHAR(40) NOT NULL,
    `Team` VARCHAR(20),
    active BOOL NOT NULL DEFAULT TRUE,
    CONSTRAINT pk_people PRIMARY KEY (id)
);

INSERT INTO people (id, name, `Team`, active) VALUES
    (1, 'ann', 'red', TRUE),
    (2, 'bob', 'blue', FALSE),
    (3, 'O''Brien', 'red', TRUE),
    (4, 'dee', NULL, TRUE);

CREATE TABLE teams (
    id INTEGER NOT NULL AUTO_INCREMENT,
    name VARCHAR(20) NOT NULL,
    size INTEGER NOT NULL,
    CONSTRAINT pk_teams PRIMARY KEY (id),
    CONSTRAINT uq_teams_name UNIQUE (name)
);

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- teams from people

INSERT INTO teams (name, size)
    select `Team`, count(*) from people
        where `Team` is not null and active
        group by `Team`;

INSERT INTO teams (id, name, size)
    select 100, 'solo', 1;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

-- Running upgrade 0002 -> 0003
-- a late team takes the next id

INSERT INTO teams (name, size) VALUES
    ('late', 0);

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0002';

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
