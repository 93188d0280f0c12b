-- retort 0.1.0: upgrade base -> 0002 (postgresql), 2 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 5273a39fbd9328c263c2f363a868fd9d1f38f01c7e6826ac10287884bd53d20e

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
-- slots, unique positions checked at the end of each statement

-- lock: ACCESS EXCLUSIVE on slots
CREATE TABLE slots (
    id INTEGER NOT NULL,
    pos INTEGER NOT NULL,
    code VARCHAR(10) NOT NULL,
    CONSTRAINT pk_slots PRIMARY KEY (id),
    CONSTRAINT uq_slots_pos UNIQUE (pos) DEFERRABLE
);

INSERT INTO slots (id, pos, code) VALUES
    (1, 1, 'a'),
    (2, 2, 'b');

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- swap the two positions, and codes unique at commit

UPDATE slots SET pos = (3 - pos);

-- lock: ACCESS EXCLUSIVE on slots, scans slots
ALTER TABLE slots ADD CONSTRAINT uq_slots_code UNIQUE (code) DEFERRABLE INITIALLY DEFERRED;

UPDATE slots SET code = 'b' WHERE (id = 1);

UPDATE slots SET code = 'a' WHERE (id = 2);

-- deferred constraints are checked here, before the table changes or the revision ends
SET CONSTRAINTS uq_slots_code IMMEDIATE;
SET CONSTRAINTS uq_slots_code DEFERRED;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

COMMIT;
