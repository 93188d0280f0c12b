-- retort 0.1.0: upgrade base -> 0003 (mysql), 3 revisions
-- run with: mariadb DATABASE < THIS_FILE
-- source sha256 43e1d3bf72fbad21f1c620ae6c4091da90466b292717f9133df07e3cc5e9d22b
-- no transaction: mysql commits each DDL statement at once, so a statement
-- that fails can leave its revision half done; the version table then
-- holds the rows of the last revision done whole

SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- retort: this script expects alembic_version to be empty
-- and takes a named lock: no other retort script may run on this database
-- until it ends
CREATE TEMPORARY TABLE retort_guard (
    locked INTEGER,
    ok INTEGER,
    CONSTRAINT `retort: another retort script is running here` CHECK (locked),
    CONSTRAINT `retort: the version table is not as the comment above says` CHECK (ok)
);
INSERT INTO retort_guard SELECT GET_LOCK(CONCAT('retort:', DATABASE()), 0), (SELECT count(*) FROM alembic_version) = 0;
DROP TEMPORARY TABLE retort_guard;

-- Running upgrade  -> 0001
-- owners and pets, under names to be changed

CREATE TABLE owners (
    id INTEGER NOT NULL,
    code VARCHAR(10) NOT NULL,
    CONSTRAINT pk_owners PRIMARY KEY (id),
    CONSTRAINT uq_code UNIQUE (code)
);

CREATE TABLE pets (
    id INTEGER NOT NULL,
    name VARCHAR(20) NOT NULL,
    owner INTEGER,
    CONSTRAINT pk_pets PRIMARY KEY (id),
    CONSTRAINT fk_old FOREIGN KEY (owner) REFERENCES owners (id) ON DELETE CASCADE,
    CONSTRAINT ck_old CHECK (length(name) > 0)
);

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

ALTER TABLE pets DROP FOREIGN KEY fk_old;
ALTER TABLE pets RENAME INDEX fk_old TO fk_pets_owner;
ALTER TABLE pets ADD CONSTRAINT fk_pets_owner FOREIGN KEY (owner) REFERENCES owners (id) ON DELETE CASCADE;

ALTER TABLE pets DROP CONSTRAINT ck_old;
ALTER TABLE pets ADD CONSTRAINT ck_pets_name CHECK (length(name) > 0);

ALTER TABLE owners RENAME INDEX uq_code TO uq_owners_code;

-- mysql names every primary key PRIMARY: nothing to rename

ALTER TABLE pets RENAME INDEX ix_old TO ix_pets_name;

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

-- Running upgrade 0002 -> 0003
-- dropped and made again by their new names

ALTER TABLE pets DROP CONSTRAINT ck_pets_name;

DROP INDEX ix_pets_name ON pets;

ALTER TABLE pets DROP FOREIGN KEY fk_pets_owner, DROP INDEX fk_pets_owner;

ALTER TABLE owners DROP INDEX uq_owners_code;

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0002';

DO RELEASE_LOCK(CONCAT('retort:', DATABASE()));
