-- retort 0.1.0: upgrade base -> 0003 (postgresql), 3 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 2e7c1bfa3b4bb25152d69a4479eaaf747e1c578f40f04889ddfc2b68997c39c4

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
-- posts with array columns, and rows

-- lock: ACCESS EXCLUSIVE on posts
CREATE TABLE posts (
    id INTEGER NOT NULL,
    title TEXT NOT NULL,
    tags TEXT[] NOT NULL DEFAULT '{}',
    scores INTEGER[],
    grid INTEGER[][],
    CONSTRAINT pk_posts PRIMARY KEY (id)
);

-- lock: SHARE on posts, scans posts
CREATE INDEX ix_posts_tags ON posts USING gin (tags);

INSERT INTO posts (id, title, tags, scores, grid) VALUES
    (1, 'first', '{x,y}', '{1,2,3}', '{{1,2},{3,4}}'),
    (2, 'second', '{}', NULL, NULL);

INSERT INTO posts (id, title) VALUES
    (3, 'third');

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- an array column added, element and arrayness changed

-- lock: ACCESS EXCLUSIVE on posts, rewrites posts
ALTER TABLE posts
    ADD COLUMN labels VARCHAR(20)[] DEFAULT '{new}',
    ALTER COLUMN scores TYPE BIGINT[],
    ALTER COLUMN title TYPE TEXT[] USING (array[title]);

UPDATE posts SET tags = '{"a b",c}' WHERE (id = 2);

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

-- Running upgrade 0002 -> 0003
-- an array of an enum type

CREATE TYPE mood AS ENUM ('happy', 'sad');

-- lock: ACCESS EXCLUSIVE on posts
ALTER TABLE posts ADD COLUMN moods mood[] NOT NULL DEFAULT '{happy}';

UPDATE posts SET moods = '{sad,happy}' WHERE (id = 1);

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0002';

COMMIT;
