-- retort 0.1.0: upgrade base -> 0003 (postgresql), 3 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 0ffe6c5fe8463b0ecc2f5a64be16affd80f11aa32d08342c25488172485745c6

BEGIN;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

LOCK TABLE alembic_version IN EXCLUSIVE MODE;
DO $retort_guard$
BEGIN
    IF (SELECT count(*) FROM alembic_version) <> 0 THEN
        RAISE EXCEPTION 'retort: this script expects alembic_version to be empty';
    END IF;
END
$retort_guard$;

-- Running upgrade  -> 0001
-- tickets are numbered by a sequence

CREATE SEQUENCE ticket_no AS INTEGER INCREMENT BY 10 START WITH 100 NO CYCLE;

-- lock: ACCESS EXCLUSIVE on tickets
CREATE TABLE tickets (
    id INTEGER NOT NULL,
    no INTEGER NOT NULL DEFAULT nextval('ticket_no'),
    title VARCHAR(40) NOT NULL,
    CONSTRAINT pk_tickets PRIMARY KEY (id)
);

INSERT INTO tickets (id, title) VALUES
    (1, 'first'),
    (2, 'second');

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- a batch number, drawn for the rows there too

CREATE SEQUENCE IF NOT EXISTS "Batch No" MINVALUE 1 MAXVALUE 1000 CACHE 5;

-- lock: ACCESS EXCLUSIVE on tickets, rewrites tickets
ALTER TABLE tickets ADD COLUMN batch BIGINT DEFAULT nextval('"Batch No"');

INSERT INTO tickets (id, title) VALUES
    (3, 'third');

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

-- Running upgrade 0002 -> 0003
-- ticket numbers start again at 500

ALTER SEQUENCE ticket_no RESTART WITH 500;

INSERT INTO tickets (id, title) VALUES
    (4, 'fourth');

UPDATE tickets SET batch = nextval('"Batch No"') WHERE (id = 1);

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0002';

COMMIT;
