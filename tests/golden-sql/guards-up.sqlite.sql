versions/0002_columns.mig:7:5: error: add column if not exists cannot be written for sqlite: its ALTER TABLE cannot test for a column; write the plain statement (the model knows the column)
    alter table users add column if not exists nick varchar(20);
    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
versions/0002_columns.mig:8:5: error: drop column if exists cannot be written for sqlite: its ALTER TABLE cannot test for a column; write the plain statement (the model knows the column)
    alter table users drop column if exists legacy;
    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
versions/0002_columns.mig:9:5: error: add column if not exists cannot be written for sqlite: its ALTER TABLE cannot test for a column; write the plain statement (the model knows the column)
    alter table tags add column if not exists name varchar(20);
    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
versions/0002_columns.mig:13:5: error: add column if not exists cannot be written for sqlite: its ALTER TABLE cannot test for a column; write the plain statement (the model knows the column)
    alter table users add column if not exists legacy integer;
    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
versions/0002_columns.mig:14:5: error: drop column if exists cannot be written for sqlite: its ALTER TABLE cannot test for a column; write the plain statement (the model knows the column)
    alter table users drop column if exists nick;
    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
