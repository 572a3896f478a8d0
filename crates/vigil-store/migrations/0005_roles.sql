-- API keys may hold any of the four roles (screener, analyst, supervisor, admin). SQLite
-- cannot change a CHECK constraint, so the table is rebuilt with its rows.
CREATE TABLE api_keys_new (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    role        TEXT NOT NULL CHECK (role IN ('screener', 'analyst', 'supervisor', 'admin')),
    key_hash    TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);
INSERT INTO api_keys_new (id, name, role, key_hash, created_at, revoked_at)
    SELECT id, name, role, key_hash, created_at, revoked_at FROM api_keys;
DROP TABLE api_keys;
ALTER TABLE api_keys_new RENAME TO api_keys;
