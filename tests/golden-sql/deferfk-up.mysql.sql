versions/0001_tree.mig:10:23: error: a deferrable foreign key cannot be written for mysql: it checks every constraint at once
        other integer references parents (id) deferrable,
                      ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
versions/0001_tree.mig:11:9: error: a deferrable foreign key cannot be written for mysql: it checks every constraint at once
        constraint fk_children_parent foreign key (parent) references parents (id) on delete cascade deferrable initially deferred
        ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
