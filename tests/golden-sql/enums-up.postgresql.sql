-- retort 0.1.0: upgrade base -> 0003 (postgresql), 3 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 ccbfe961597384576984abe93c257ea8d2456ba7ba207311c3dd98182318111a

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
-- people have moods

CREATE TYPE mood AS ENUM ('sad', 'ok', 'it''s fine');

-- lock: ACCESS EXCLUSIVE on people
CREATE TABLE people (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    feeling mood DEFAULT 'ok',
    CONSTRAINT pk_people PRIMARY KEY (id)
);

INSERT INTO people (id, name, feeling) VALUES
    (1, 'a', 'sad'),
    (2, 'b', 'it''s fine'),
    (3, 'c', NULL);

-- lock: ACCESS EXCLUSIVE on tickets
CREATE TABLE tickets (
    id INTEGER NOT NULL,
    state VARCHAR(20),
    CONSTRAINT pk_tickets PRIMARY KEY (id)
);

INSERT INTO tickets (id, state) VALUES
    (1, 'ok'),
    (2, 'happy');

INSERT INTO alembic_version (version_num) VALUES ('0001');

COMMIT;

-- Running upgrade 0001 -> 0002
-- more moods

ALTER TYPE mood ADD VALUE 'happy' AFTER 'ok';

ALTER TYPE mood ADD VALUE 'meh' BEFORE 'sad';

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

BEGIN;

-- Running upgrade 0002 -> 0003
-- sad is blue; tickets get a mood

ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';

INSERT INTO people (id, name, feeling) VALUES
    (4, 'd', 'happy');

-- lock: ACCESS EXCLUSIVE on people
ALTER TABLE people ADD COLUMN later mood;

UPDATE people SET later = 'meh' WHERE (id = 1);

-- lock: ACCESS EXCLUSIVE on tickets, rewrites tickets
ALTER TABLE tickets ALTER COLUMN state TYPE mood USING state::text::mood;

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0002';

COMMIT;
