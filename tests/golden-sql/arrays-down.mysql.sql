versions/0001_posts.mig:9:14: error: an array type cannot be written for mysql: it has no arrays (keep the list in a json column, or in a table of its own)
        tags text[] not null default '{}',
             ^~~~~~
versions/0001_posts.mig:10:16: error: an array type cannot be written for mysql: it has no arrays (keep the list in a json column, or in a table of its own)
        scores integer[],
               ^~~~~~~~~
versions/0001_posts.mig:11:14: error: an array type cannot be written for mysql: it has no arrays (keep the list in a json column, or in a table of its own)
        grid integer[][]
             ^~~~~~~~~~~
versions/0001_posts.mig:13:47: error: a gin index cannot be written for mysql: it has only B-tree indexes (btree and hash are written as one)
    create index ix_posts_tags on posts using gin (tags);
                                              ^~~
versions/0002_changes.mig:7:41: error: an array type cannot be written for mysql: it has no arrays (keep the list in a json column, or in a table of its own)
    alter table posts add column labels varchar(20)[] default '{new}';
                                        ^~~~~~~~~~~~~
versions/0002_changes.mig:8:48: error: an array type cannot be written for mysql: it has no arrays (keep the list in a json column, or in a table of its own)
    alter table posts alter column scores type bigint[];
                                               ^~~~~~~~
versions/0002_changes.mig:9:47: error: an array type cannot be written for mysql: it has no arrays (keep the list in a json column, or in a table of its own)
    alter table posts alter column title type text[] using (array[title]);
                                              ^~~~~~
versions/0002_changes.mig:9:61: error: using cannot be written for mysql: MODIFY COLUMN converts the values itself
    alter table posts alter column title type text[] using (array[title]);
                                                            ^~~~~~~~~~~~
versions/0002_changes.mig:9:5: note: without using, MODIFY COLUMN converts the values as MySQL casts them
versions/0002_changes.mig:15:59: error: using cannot be written for mysql: MODIFY COLUMN converts the values itself
    alter table posts alter column title type text using (title[1]);
                                                          ^~~~~~~~
versions/0002_changes.mig:15:5: note: without using, MODIFY COLUMN converts the values as MySQL casts them
versions/0002_changes.mig:16:48: error: an array type cannot be written for mysql: it has no arrays (keep the list in a json column, or in a table of its own)
    alter table posts alter column scores type integer[];
                                               ^~~~~~~~~
versions/0003_moods.mig:8:40: error: an array type cannot be written for mysql: it has no arrays (keep the list in a json column, or in a table of its own)
    alter table posts add column moods mood[] not null default '{happy}';
                                       ^~~~~~
