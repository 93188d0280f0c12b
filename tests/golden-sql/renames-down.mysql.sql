-- retort 0.1.0: downgrade 0003 -> base (mysql), 3 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 43e1d3bf72fbad21f1c620ae6c4091da90466b292717f9133df07e3cc5e9d22b
-- no transaction: mysql commits each DDL statement at once, so a statement
-- that fails can leave its revision half done; the version table then
-- holds the rows of the last revision done whole

SET NAMES utf8mb4;

-- retort: this script expects alembic_version to hold exactly: 0003
-- and takes a named lock: no other retort script may run on this database
-- until it ends
CREATE TEMPORARY TABLE retort_guard (
    locked INTEGER,
    ok INTEGER,
    CONSTRAINT `retort: another retort script is running here` CHECK (locked),
    CONSTRAINT `retort: the version table is not as the comment above says` CHECK (ok)
);
INSERT INTO retort_guard SELECT GET_LOCK(CONCAT('retort:', DATABASE()), 0), (SELECT count(*) FROM alembic_version) = 1 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('0003')) = 1;
DROP TEMPORARY TABLE retort_guard;

-- Running downgrade 0003 -> 0002
-- dropped and made again by their new names

ALTER TABLE owners ADD CONSTRAINT uq_owners_code UNIQUE (code);

ALTER TABLE pets ADD CONSTRAINT fk_pets_owner FOREIGN KEY (owner) REFERENCES owners (id) ON DELETE CASCADE;

CREATE INDEX ix_pets_name ON pets (name);

ALTER TABLE pets ADD CONSTRAINT ck_pets_name CHECK (length(name) > 0);

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0003';

-- Running downgrade 0002 -> 0001
-- constraints and an index renamed

ALTER TABLE pets RENAME INDEX ix_pets_name TO ix_old;

-- mysql names every primary key PRIMARY: nothing to rename

ALTER TABLE owners RENAME INDEX uq_owners_code TO uq_code;

ALTER TABLE pets DROP CONSTRAINT ck_pets_name;
ALTER TABLE pets ADD CONSTRAINT ck_old CHECK (length(name) > 0);

ALTER TABLE pets DROP FOREIGN KEY fk_pets_owner;
ALTER TABLE pets RENAME INDEX fk_pets_owner TO fk_old;
ALTER TABLE pets ADD CONSTRAINT fk_old FOREIGN KEY (owner) REFERENCES owners (id) ON DELETE CASCADE;

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- owners and pets, under names to be changed

DROP TABLE pets;

DROP TABLE owners;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
