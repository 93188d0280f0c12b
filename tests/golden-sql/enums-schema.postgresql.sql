CREATE TYPE mood AS ENUM ('meh', 'blue', 'ok', 'happy', 'it''s fine');

CREATE TABLE people (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    feeling mood DEFAULT 'ok',
    later mood,
    CONSTRAINT pk_people PRIMARY KEY (id)
);

CREATE TABLE tickets (
    id INTEGER NOT NULL,
    state mood,
    CONSTRAINT pk_tickets PRIMARY KEY (id)
);

