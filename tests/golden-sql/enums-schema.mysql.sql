CREATE TABLE people (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    feeling ENUM('meh', 'blue', 'ok', 'happy', 'it''s fine') DEFAULT 'ok',
    later ENUM('meh', 'blue', 'ok', 'happy', 'it''s fine'),
    CONSTRAINT pk_people PRIMARY KEY (id)
);

CREATE TABLE tickets (
    id INTEGER NOT NULL,
    state ENUM('meh', 'blue', 'ok', 'happy', 'it''s fine'),
    CONSTRAINT pk_tickets PRIMARY KEY (id)
);

