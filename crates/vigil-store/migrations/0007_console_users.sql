-- Console users (people signing in to the web console; API keys stay for machines), their
-- sessions (only a SHA-256 of the session id is stored), and console settings such as the
-- four-eyes rule for confirmed alerts.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('screener', 'analyst', 'supervisor', 'admin')),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    disabled_at   TEXT
);
CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE console_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- A first review of a confirmed alert waiting for a second reviewer (four-eyes).
CREATE TABLE alert_reviews (
    alert_id    INTEGER PRIMARY KEY REFERENCES alerts(id) ON DELETE CASCADE,
    reviewer    TEXT NOT NULL,
    reason      TEXT NOT NULL,
    reviewed_at TEXT NOT NULL
);
