-- retort 0.1.0: upgrade base -> 0002 (postgresql), 2 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 1002cf9daa1a9f464bccab09f7c1f32d32612e4f5f1dde0f74197c01bd4dd9aa

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
-- notes, with comments

-- lock: ACCESS EXCLUSIVE on people
CREATE TABLE people (
    id INTEGER NOT NULL,
    name VARCHAR(20) NOT NULL,
    CONSTRAINT pk_people PRIMARY KEY (id)
);

-- lock: ACCESS EXCLUSIVE on notes, SHARE ROW EXCLUSIVE on people
CREATE TABLE notes (
    id INTEGER NOT NULL,
    body TEXT,
    "Title" VARCHAR(20) NOT NULL DEFAULT 'x',
    owner INTEGER,
    CONSTRAINT pk_notes PRIMARY KEY (id),
    CONSTRAINT fk_notes_owner_people FOREIGN KEY (owner) REFERENCES people (id) ON DELETE CASCADE
);

INSERT INTO people (id, name) VALUES
    (1, 'Ann');

INSERT INTO notes (id, body, "Title", owner) VALUES
    (1, 'hello', 'Hi', 1);

-- lock: SHARE UPDATE EXCLUSIVE on notes
COMMENT ON TABLE notes IS 'people''s notes';

-- lock: SHARE UPDATE EXCLUSIVE on notes
COMMENT ON COLUMN notes.body IS 'line one
DROP TABLE notes; -- */';

-- lock: SHARE UPDATE EXCLUSIVE on notes
COMMENT ON COLUMN notes."Title" IS 'título';

-- lock: SHARE UPDATE EXCLUSIVE on notes
COMMENT ON COLUMN notes.owner IS 'who wrote it';

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- comments changed, one dropped, a commented column retyped

-- lock: SHARE UPDATE EXCLUSIVE on notes
COMMENT ON COLUMN notes.body IS NULL;

-- lock: SHARE UPDATE EXCLUSIVE on notes
COMMENT ON TABLE notes IS 'notes';

-- lock: ACCESS EXCLUSIVE on notes
ALTER TABLE notes ALTER COLUMN "Title" TYPE VARCHAR(40);

-- lock: ACCESS EXCLUSIVE on notes
ALTER TABLE notes RENAME COLUMN owner TO author;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

COMMIT;
