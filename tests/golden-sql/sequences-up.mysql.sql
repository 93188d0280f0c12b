-- retort 0.1.0: upgrade base -> 0003 (mysql), 3 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 0ffe6c5fe8463b0ecc2f5a64be16affd80f11aa32d08342c25488172485745c6
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
-- tickets are numbered by a sequence

CREATE SEQUENCE ticket_no INCREMENT BY 10 MAXVALUE 2147483647 START WITH 100 NOCYCLE;

CREATE TABLE tickets (
    id INTEGER NOT NULL,
    no INTEGER NOT NULL DEFAULT (NEXTVAL(ticket_no)),
    title VARCHAR(40) NOT NULL,
    CONSTRAINT pk_tickets PRIMARY KEY (id)
);

INSERT INTO tickets (id, title) VALUES
    (1, 'first'),
    (2, 'second');

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- a batch number, drawn for the rows there too

CREATE SEQUENCE IF NOT EXISTS `Batch No` MINVALUE 1 MAXVALUE 1000 CACHE 5;

ALTER TABLE tickets ADD COLUMN batch BIGINT DEFAULT (NEXTVAL(`Batch No`));

INSERT INTO tickets (id, title) VALUES
    (3, 'third');

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

-- Running upgrade 0002 -> 0003
-- ticket numbers start again at 500

ALTER SEQUENCE ticket_no RESTART WITH 500;

INSERT INTO tickets (id, title) VALUES
    (4, 'fourth');

UPDATE tickets SET batch = NEXTVAL(`Batch No`) WHERE (id = 1);

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0002';

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
