-- retort 0.1.0: upgrade base -> 0002 (postgresql), 2 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 df81a9274834fdda12e9720c2b4c1ef5da7475fb5ff80249c76113bbf0a80cf7

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
-- tags, unique whatever the case of their code

-- lock: ACCESS EXCLUSIVE on tags
CREATE TABLE tags (
    id INTEGER NOT NULL,
    code VARCHAR(20) NOT NULL,
    "Label" VARCHAR(40),
    CONSTRAINT pk_tags PRIMARY KEY (id)
);

INSERT INTO tags (id, code, "Label") VALUES
    (1, 'Red', 'R'),
    (2, 'blue', 'b');

-- lock: SHARE on tags, scans tags
CREATE UNIQUE INDEX ux_tags_code ON tags ((lower(code)));

-- lock: SHARE on tags, scans tags
CREATE INDEX ix_tags_label ON tags ((upper("Label")) DESC, id);

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- longer codes (SQLite rebuilds the table and its indexes)

-- lock: ACCESS EXCLUSIVE on tags
ALTER TABLE tags ALTER COLUMN code TYPE VARCHAR(40);

-- lock: ACCESS EXCLUSIVE on tags
DROP INDEX ix_tags_label;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

COMMIT;
