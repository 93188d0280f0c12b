versions/0001_slots.mig:10:9: error: a deferrable unique key cannot be written for mysql: it checks every constraint at once
        constraint uq_slots_pos unique (pos) deferrable
        ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
versions/0002_swap.mig:8:27: error: a deferrable unique key cannot be written for mysql: it checks every constraint at once
    alter table slots add constraint uq_slots_code unique (code) deferrable initially deferred;
                          ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
