-- retort 0.1.0: upgrade base -> 0003 (postgresql), 3 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 43e1d3bf72fbad21f1c620ae6c4091da90466b292717f9133df07e3cc5e9d22b

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
-- owners and pets, under names to be changed

-- lock: ACCESS EXCLUSIVE on owners
CREATE TABLE owners (
    id INTEGER NOT NULL,
    code VARCHAR(10) NOT NULL,
    CONSTRAINT pk_owners PRIMARY KEY (id),
    CONSTRAINT uq_code UNIQUE (code)
);

-- lock: ACCESS EXCLUSIVE on pets, SHARE ROW EXCLUSIVE on owners
CREATE TABLE pets (
    id INTEGER NOT NULL,
    name VARCHAR(20) NOT NULL,
    owner INTEGER,
    CONSTRAINT pk_pets PRIMARY KEY (id),
    CONSTRAINT fk_old FOREIGN KEY (owner) REFERENCES owners (id) ON DELETE CASCADE,
    CONSTRAINT ck_old CHECK (length(name) > 0)
);

-- lock: SHARE on pets, scans pets
CREATE INDEX ix_old ON pets (name);

INSERT INTO owners (id, code) VALUES
    (1, 'A'),
    (2, 'B');

INSERT INTO pets (id, name, owner) VALUES
    (1, 'Rex', 1),
    (2, 'Tom', 2);

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002
-- constraints and an index renamed

-- lock: ACCESS EXCLUSIVE on pets
ALTER TABLE pets RENAME CONSTRAINT fk_old TO fk_pets_owner;

-- lock: ACCESS EXCLUSIVE on pets
ALTER TABLE pets RENAME CONSTRAINT ck_old TO ck_pets_name;

-- lock: ACCESS EXCLUSIVE on owners
ALTER TABLE owners RENAME CONSTRAINT uq_code TO uq_owners_code;

-- lock: ACCESS EXCLUSIVE on owners
ALTER TABLE owners RENAME CONSTRAINT pk_owners TO owners_pkey;

-- lock: SHARE UPDATE EXCLUSIVE on pets
ALTER INDEX ix_old RENAME TO ix_pets_name;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

-- Running upgrade 0002 -> 0003
-- dropped and made again by their new names

-- lock: ACCESS EXCLUSIVE on pets
ALTER TABLE pets DROP CONSTRAINT ck_pets_name;

-- lock: ACCESS EXCLUSIVE on pets
DROP INDEX ix_pets_name;

-- lock: ACCESS EXCLUSIVE on pets, ACCESS EXCLUSIVE on owners
ALTER TABLE pets DROP CONSTRAINT fk_pets_owner;

-- lock: ACCESS EXCLUSIVE on owners
ALTER TABLE owners DROP CONSTRAINT uq_owners_code;

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0002';

COMMIT;
