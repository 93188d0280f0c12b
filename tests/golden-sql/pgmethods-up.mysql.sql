versions/0001_events.mig:13:49: error: a gin index cannot be written for mysql: it has only B-tree indexes (btree and hash are written as one)
    create index ix_events_body on events using gin (body);
                                                ^~~
versions/0001_events.mig:14:49: error: a gist index cannot be written for mysql: it has only B-tree indexes (btree and hash are written as one)
    create index ix_events_span on events using gist (span);
                                                ^~~~
versions/0001_events.mig:15:47: error: a brin index cannot be written for mysql: it has only B-tree indexes (btree and hash are written as one)
    create index ix_events_at on events using brin (at);
                                              ^~~~
