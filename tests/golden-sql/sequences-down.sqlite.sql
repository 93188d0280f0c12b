versions/0001_tickets.mig:4:5: error: sqlite has no sequences: create sequence cannot be written for it (an integer primary key with autoincrement numbers rows portably)
    create sequence ticket_no as integer increment by 10 start with 100 no cycle;
    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
versions/0001_tickets.mig:7:37: error: sqlite has no sequences: nextval cannot be written for it
        no integer not null default nextval(ticket_no),
                                    ^~~~~~~~~~~~~~~~~~
versions/0001_tickets.mig:14:5: error: sqlite has no sequences: drop sequence cannot be written for it (an integer primary key with autoincrement numbers rows portably)
    drop sequence ticket_no;
    ^~~~~~~~~~~~~~~~~~~~~~~
versions/0002_batches.mig:5:5: error: sqlite has no sequences: create sequence cannot be written for it (an integer primary key with autoincrement numbers rows portably)
    create sequence if not exists "Batch No" minvalue 1 maxvalue 1000 cache 5;
    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
versions/0002_batches.mig:6:57: error: sqlite has no sequences: nextval cannot be written for it
    alter table tickets add column batch bigint default nextval("Batch No");
                                                        ^~~~~~~~~~~~~~~~~~~
versions/0002_batches.mig:11:5: error: sqlite has no sequences: drop sequence cannot be written for it (an integer primary key with autoincrement numbers rows portably)
    drop sequence if exists "Batch No";
    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
versions/0003_restart.mig:5:5: error: sqlite has no sequences: alter sequence cannot be written for it (an integer primary key with autoincrement numbers rows portably)
    alter sequence ticket_no restart with 500;
    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
versions/0003_restart.mig:7:32: error: sqlite has no sequences: nextval cannot be written for it
    update tickets set batch = nextval("Batch No") where (id = 1);
                               ^~~~~~~~~~~~~~~~~~~
