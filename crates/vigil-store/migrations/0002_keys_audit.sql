-- API keys (stored as SHA-256 of the key, never the key) and the audit trail.
CREATE TABLE api_keys (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    role        TEXT NOT NULL CHECK (role IN ('screener', 'admin')),
    key_hash    TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    actor          TEXT NOT NULL,
    action         TEXT NOT NULL,
    request        TEXT NOT NULL,
    response       TEXT NOT NULL,
    list_versions  TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
