CREATE TABLE people (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    feeling TEXT DEFAULT 'ok' CHECK (feeling IN ('meh', 'blue', 'ok', 'happy', 'it''s fine')),
    later TEXT CHECK (later IN ('meh', 'blue', 'ok', 'happy', 'it''s fine')),
    CONSTRAINT pk_people PRIMARY KEY (id)
);

CREATE TABLE tickets (
    id INTEGER NOT NULL,
    state TEXT CHECK (state IN ('meh', 'blue', 'ok', 'happy', 'it''s fine')),
    CONSTRAINT pk_tickets PRIMARY KEY (id)
);

