-- The store of uploads for many authorities in one database (store/pg_store.py).
-- Every row carries its authority; row-level security, forced on every table (the owner too),
-- lets a transaction see and write only the rows of the authority it set (app.authority).
-- The app connects as improvement_app (or a login role granted it), which owns nothing: it may
-- read and add rows, change only an entry's removal and activation stamps, and never update or
-- delete the audit trail (changes) or the theme corrections.

CREATE TABLE entries (
    authority     text        NOT NULL CHECK (authority <> ''),
    sha256        text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    file          text        NOT NULL,
    ext           text        NOT NULL,
    kind          text        NOT NULL,
    format        text        NOT NULL,
    records       integer     NOT NULL,
    stored_at     timestamptz NOT NULL,
    active_since  timestamptz NOT NULL,
    questions     integer,
    metadata      jsonb       NOT NULL DEFAULT '{}',
    who           text,
    removed       boolean     NOT NULL DEFAULT false,
    removed_at    timestamptz,
    warnings      jsonb       NOT NULL DEFAULT '[]',
    unmapped      jsonb       NOT NULL DEFAULT '[]',
    PRIMARY KEY (authority, sha256)
);

CREATE TABLE originals (
    authority  text  NOT NULL,
    sha256     text  NOT NULL,
    data       bytea NOT NULL,
    PRIMARY KEY (authority, sha256),
    FOREIGN KEY (authority, sha256) REFERENCES entries
);

CREATE TABLE normalised (
    authority  text  NOT NULL,
    sha256     text  NOT NULL,
    part       text  NOT NULL CHECK (part IN ('frame', 'reach', 'pairs', 'comments')),
    parquet    bytea NOT NULL,
    PRIMARY KEY (authority, sha256, part),
    FOREIGN KEY (authority, sha256) REFERENCES entries
);

CREATE TABLE changes (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    authority  text        NOT NULL,
    sha256     text        NOT NULL,
    -- store/entry.py's actions; 'original downloaded' is the roles issue's line for a download
    action     text        NOT NULL CHECK (action IN ('added', 'removed', 'restored', 'reinstated',
                                                      'original downloaded')),
    at         timestamptz NOT NULL,
    who        text,
    FOREIGN KEY (authority, sha256) REFERENCES entries
);
CREATE INDEX changes_of_an_entry ON changes (authority, sha256);

CREATE TABLE theme_corrections (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    authority   text        NOT NULL,
    comment_id  text        NOT NULL,
    theme       text        NOT NULL CHECK (theme <> ''),
    who         text        NOT NULL CHECK (who <> ''),
    at          timestamptz NOT NULL,
    sha256      text        NOT NULL,
    file        text        NOT NULL
);
CREATE INDEX theme_corrections_of_an_authority ON theme_corrections (authority, id);

ALTER TABLE entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE entries FORCE ROW LEVEL SECURITY;
CREATE POLICY one_authority ON entries
    USING (authority = current_setting('app.authority', true))
    WITH CHECK (authority = current_setting('app.authority', true));

ALTER TABLE originals ENABLE ROW LEVEL SECURITY;
ALTER TABLE originals FORCE ROW LEVEL SECURITY;
CREATE POLICY one_authority ON originals
    USING (authority = current_setting('app.authority', true))
    WITH CHECK (authority = current_setting('app.authority', true));

ALTER TABLE normalised ENABLE ROW LEVEL SECURITY;
ALTER TABLE normalised FORCE ROW LEVEL SECURITY;
CREATE POLICY one_authority ON normalised
    USING (authority = current_setting('app.authority', true))
    WITH CHECK (authority = current_setting('app.authority', true));

ALTER TABLE changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE changes FORCE ROW LEVEL SECURITY;
CREATE POLICY one_authority ON changes
    USING (authority = current_setting('app.authority', true))
    WITH CHECK (authority = current_setting('app.authority', true));

ALTER TABLE theme_corrections ENABLE ROW LEVEL SECURITY;
ALTER TABLE theme_corrections FORCE ROW LEVEL SECURITY;
CREATE POLICY one_authority ON theme_corrections
    USING (authority = current_setting('app.authority', true))
    WITH CHECK (authority = current_setting('app.authority', true));

REVOKE ALL ON entries, originals, normalised, changes, theme_corrections FROM PUBLIC;
GRANT SELECT, INSERT ON entries, originals, normalised, changes, theme_corrections TO improvement_app;
GRANT UPDATE (removed, removed_at, active_since) ON entries TO improvement_app;
