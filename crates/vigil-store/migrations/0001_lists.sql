-- List versions, content-addressed entity records, version membership and per-version diffs.

CREATE TABLE list_versions (
    id           INTEGER PRIMARY KEY,
    source       TEXT    NOT NULL,
    -- 1, 2, 3, ... per source.
    version      INTEGER NOT NULL,
    -- SHA-256 of the raw input file(s).
    sha256       TEXT    NOT NULL,
    -- The file's own date as it writes it (UN dateGenerated); NULL when it has none.
    file_date    TEXT,
    -- RFC 3339, UTC.
    imported_at  TEXT    NOT NULL,
    entity_count INTEGER NOT NULL,
    added        INTEGER NOT NULL,
    removed      INTEGER NOT NULL,
    changed      INTEGER NOT NULL,
    warnings     INTEGER NOT NULL,
    UNIQUE (source, version)
);

-- One row per distinct entity content: `hash` is the SHA-256 of the canonical JSON, so an
-- entity unchanged across versions is stored once. (A rowid table: its rows are large and
-- their hashes random, which suits an append-only table plus a small hash index.)
CREATE TABLE entity_records (
    id   INTEGER PRIMARY KEY,
    hash TEXT    NOT NULL UNIQUE,
    json TEXT    NOT NULL
);

-- Which entity records make up each version.
CREATE TABLE version_entities (
    version_id  INTEGER NOT NULL REFERENCES list_versions (id),
    entity_id   TEXT    NOT NULL,
    record_hash TEXT    NOT NULL REFERENCES entity_records (hash),
    PRIMARY KEY (version_id, entity_id)
) WITHOUT ROWID;

-- Entity lookup by id, ignoring case ("un-sc:qde.118" finds "un-sc:QDe.118").
CREATE INDEX version_entities_by_entity ON version_entities (entity_id COLLATE NOCASE);

-- What each version changed against the previous version of the same source.
CREATE TABLE version_changes (
    version_id INTEGER NOT NULL REFERENCES list_versions (id),
    entity_id  TEXT    NOT NULL,
    change     TEXT    NOT NULL CHECK (change IN ('added', 'removed', 'changed')),
    -- The entity's caption (the new one, or the old one for a removal).
    name       TEXT    NOT NULL,
    -- For 'changed': a JSON array of {"field", "old", "new"}.
    fields     TEXT,
    PRIMARY KEY (version_id, entity_id)
) WITHOUT ROWID;
