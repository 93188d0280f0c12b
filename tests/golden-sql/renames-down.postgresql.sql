-- retort 0.1.0: downgrade 0003 -> base (postgresql), 3 revisions
-- run with: psql -v ON_ERROR_STOP=1 -f THIS_FILE
-- source sha256 43e1d3bf72fbad21f1c620ae6c4091da90466b292717f9133df07e3cc5e9d22b

BEGIN;

LOCK TABLE alembic_version IN EXCLUSIVE MODE;
DO $retort_guard$
BEGIN
    IF (SELECT count(*) FROM alembic_version) <> 1
       OR (SELECT count(*) FROM alembic_version WHERE version_num IN ('0003')) <> 1 THEN
        RAISE EXCEPTION 'retort: this script expects alembic_version to hold exactly: 0003';
    END IF;
END
$retort_guard$;

-- Running downgrade 0003 -> 0002
-- dropped and made again by their new names

-- lock: ACCESS EXCLUSIVE on owners, scans owners
ALTER TABLE owners ADD CONSTRAINT uq_owners_code UNIQUE (code);

-- lock: SHARE ROW EXCLUSIVE on pets, SHARE ROW EXCLUSIVE on owners, scans pets
ALTER TABLE pets ADD CONSTRAINT fk_pets_owner FOREIGN KEY (owner) REFERENCES owners (id) ON DELETE CASCADE;

-- lock: SHARE on pets, scans pets
CREATE INDEX ix_pets_name ON pets (name);

-- lock: ACCESS EXCLUSIVE on pets, scans pets
ALTER TABLE pets ADD CONSTRAINT ck_pets_name CHECK (length(name) > 0);

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0003';

-- Running downgrade 0002 -> 0001
-- constraints and an index renamed

-- lock: SHARE UPDATE EXCLUSIVE on pets
ALTER INDEX ix_pets_name RENAME TO ix_old;

-- lock: ACCESS EXCLUSIVE on owners
ALTER TABLE owners RENAME CONSTRAINT owners_pkey TO pk_owners;

-- lock: ACCESS EXCLUSIVE on owners
ALTER TABLE owners RENAME CONSTRAINT uq_owners_code TO uq_code;

-- lock: ACCESS EXCLUSIVE on pets
ALTER TABLE pets RENAME CONSTRAINT ck_pets_name TO ck_old;

-- lock: ACCESS EXCLUSIVE on pets
ALTER TABLE pets RENAME CONSTRAINT fk_pets_owner TO fk_old;

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- owners and pets, under names to be changed

-- lock: ACCESS EXCLUSIVE on pets, ACCESS EXCLUSIVE on owners
DROP TABLE pets;

-- lock: ACCESS EXCLUSIVE on owners
DROP TABLE owners;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;
