CREATE TABLE events (
    id INTEGER NOT NULL,
    label VARCHAR(20) NOT NULL,
    at TIMESTAMP WITHOUT TIME ZONE NOT NULL DEFAULT statement_timestamp(),
    seen TIMESTAMP WITH TIME ZONE DEFAULT statement_timestamp(),
    CONSTRAINT pk_events PRIMARY KEY (id)
);

