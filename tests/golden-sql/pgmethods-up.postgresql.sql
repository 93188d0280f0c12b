-- retort 0.1.0: upgrade base -> 0001 (postgresql), 1 revision
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 572ded7bafbeee631386fdf35b6c454436e4c69e7d2844bd0c63629d5f6519f4

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
-- gin, gist and brin indexes (postgresql only)

-- lock: ACCESS EXCLUSIVE on events
CREATE TABLE events (
    id INTEGER NOT NULL,
    at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    body JSONB NOT NULL,
    span tsrange,
    CONSTRAINT pk_events PRIMARY KEY (id)
);

INSERT INTO events (id, at, body) VALUES
    (1, '2024-01-01 10:00:00', '{"k": 1}'),
    (2, '2024-01-02 10:00:00', '{"k": 2}');

-- lock: SHARE on events, scans events
CREATE INDEX ix_events_body ON events USING gin (body);

-- lock: SHARE on events, scans events
CREATE INDEX ix_events_span ON events USING gist (span);

-- lock: SHARE on events, scans events
CREATE INDEX ix_events_at ON events USING brin (at);

INSERT INTO alembic_version (version_num) VALUES ('0001');

COMMIT;
