versions/0001_tags.mig:12:47: error: an index on an expression cannot be written for mysql (MariaDB has no functional key parts: index a generated column)
    create unique index ux_tags_code on tags ((lower(code)));
                                              ^~~~~~~~~~~~~
versions/0001_tags.mig:13:41: error: an index on an expression cannot be written for mysql (MariaDB has no functional key parts: index a generated column)
    create index ix_tags_label on tags ((upper("Label")) desc, id);
                                        ^~~~~~~~~~~~~~~~~~~~~
versions/0002_widen.mig:12:41: error: an index on an expression cannot be written for mysql (MariaDB has no functional key parts: index a generated column)
    create index ix_tags_label on tags ((upper("Label")) desc, id);
                                        ^~~~~~~~~~~~~~~~~~~~~
