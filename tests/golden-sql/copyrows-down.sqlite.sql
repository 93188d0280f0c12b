-- retort 0.1.0: downgrade 0003 -> base (sqlite), 3 revisions
-- run with: sqlite3 -bail DATABASE < THIS_FILE
-- source sha256 b988fc2f46f9944b5bbec7ed7b77293dc0d32862c4196b0ba9bd74f175576951

BEGIN IMMEDIATE;

CREATE TEMP TABLE retort_guard (ok INTEGER CONSTRAINT "retort: this script expects alembic_version to hold exactly: 0003" CHECK (ok));
INSERT INTO retort_guard SELECT (SELECT count(*) FROM alembic_version) = 1 AND (SELECT count(*) FROM alembic_version WHERE version_num IN ('0003')) = 1;
DROP TABLE retort_guard;

-- Running downgrade 0003 -> 0002
-- a late team takes the next id

DELETE FROM teams WHERE (name = 'late');

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0003';

-- Running downgrade 0002 -> 0001
-- teams from people

DELETE FROM teams;

UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002';

-- Running downgrade 0001 -> 
-- people and their teams

DROP TABLE teams;

DROP TABLE people;

DELETE FROM alembic_version WHERE alembic_version.version_num = '0001';

DROP TABLE alembic_version;

COMMIT;
