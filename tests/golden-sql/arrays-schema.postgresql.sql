CREATE TYPE mood AS ENUM ('happy', 'sad');

CREATE TABLE posts (
    id INTEGER NOT NULL,
    title TEXT[] NOT NULL,
    tags TEXT[] NOT NULL DEFAULT '{}',
    scores BIGINT[],
    grid INTEGER[][],
    labels VARCHAR(20)[] DEFAULT '{new}',
    moods mood[] NOT NULL DEFAULT '{happy}',
    CONSTRAINT pk_posts PRIMARY KEY (id)
);
CREATE INDEX ix_posts_tags ON posts USING gin (tags);

