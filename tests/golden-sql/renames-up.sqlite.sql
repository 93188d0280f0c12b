-- retort 0.1.0: upgrade base -> 0003 (sqlite), 3 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 43e1d3bf72fbad21f1c620ae6c4091da90466b292717f9133df07e3cc5e9d22b
PRAGMA foreign_keys = OFF;

BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TEMP TABLE retort_guard (ok INTEGER CONSTRAINT "retort: this script expects alembic_version to be empty" CHECK (ok));
INSERT INTO retort_guard SELECT (SELECT count(*) FROM alembic_version) = 0;
DROP TABLE retort_guard;

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

-- rebuild pets (SQLite cannot alter it in place)
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_pets (
    id INTEGER NOT NULL,
    name VARCHAR(20) NOT NULL,
    owner INTEGER,
    CONSTRAINT pk_pets PRIMARY KEY (id),
    CONSTRAINT fk_pets_owner FOREIGN KEY (owner) REFERENCES owners (id) ON DELETE CASCADE,
    CONSTRAINT ck_pets_name CHECK (length(name) > 0)
);
INSERT INTO _retort_new_pets (id, name, owner)
    SELECT id, name, owner FROM pets;
DROP TABLE pets;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_pets RENAME TO pets;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX ix_old ON pets (name);
CREATE TEMP TABLE retort_fk_after (ok INTEGER CONSTRAINT "retort: rebuilding pets added foreign key violations" CHECK (ok));
INSERT INTO retort_fk_after SELECT (SELECT count(*) FROM pragma_foreign_key_check) <= (SELECT n FROM retort_fk_before);
DROP TABLE retort_fk_after;
DROP TABLE retort_fk_before;

-- rebuild owners (SQLite cannot alter it in place)
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_owners (
    id INTEGER NOT NULL,
    code VARCHAR(10) NOT NULL,
    CONSTRAINT owners_pkey PRIMARY KEY (id),
    CONSTRAINT uq_owners_code UNIQUE (code)
);
INSERT INTO _retort_new_owners (id, code)
    SELECT id, code FROM owners;
DROP TABLE owners;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_owners RENAME TO owners;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE retort_fk_after (ok INTEGER CONSTRAINT "retort: rebuilding owners added foreign key violations" CHECK (ok));
INSERT INTO retort_fk_after SELECT (SELECT count(*) FROM pragma_foreign_key_check) <= (SELECT n FROM retort_fk_before);
DROP TABLE retort_fk_after;
DROP TABLE retort_fk_before;

DROP INDEX ix_old;
CREATE INDEX ix_pets_name ON pets (name);

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

-- Running upgrade 0002 -> 0003
-- dropped and made again by their new names

-- rebuild pets (SQLite cannot alter it in place)
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_pets (
    id INTEGER NOT NULL,
    name VARCHAR(20) NOT NULL,
    owner INTEGER,
    CONSTRAINT pk_pets PRIMARY KEY (id)
);
INSERT INTO _retort_new_pets (id, name, owner)
    SELECT id, name, owner FROM pets;
DROP TABLE pets;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_pets RENAME TO pets;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE retort_fk_after (ok INTEGER CONSTRAINT "retort: rebuilding pets added foreign key violations" CHECK (ok));
INSERT INTO retort_fk_after SELECT (SELECT count(*) FROM pragma_foreign_key_check) <= (SELECT n FROM retort_fk_before);
DROP TABLE retort_fk_after;
DROP TABLE retort_fk_before;

-- rebuild owners (SQLite cannot alter it in place)
CREATE TEMP TABLE retort_fk_before AS SELECT count(*) AS n FROM pragma_foreign_key_check;
CREATE TABLE _retort_new_owners (
    id INTEGER NOT NULL,
    code VARCHAR(10) NOT NULL,
    CONSTRAINT owners_pkey PRIMARY KEY (id)
);
INSERT INTO _retort_new_owners (id, code)
    SELECT id, code FROM owners;
DROP TABLE owners;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_new_owners RENAME TO owners;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE retort_fk_after (ok INTEGER CONSTRAINT "retort: rebuilding owners added foreign key violations" CHECK (ok));
INSERT INTO retort_fk_after SELECT (SELECT count(*) FROM pragma_foreign_key_check) <= (SELECT n FROM retort_fk_before);
DROP TABLE retort_fk_after;
DROP TABLE retort_fk_before;

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0002';

COMMIT;

PRAGMA foreign_keys = ON;
