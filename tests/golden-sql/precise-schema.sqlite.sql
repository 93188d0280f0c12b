CREATE TABLE events (
    id INTEGER NOT NULL,
    label VARCHAR(20) NOT NULL,
    at DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    seen DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT pk_events PRIMARY KEY (id)
);

