-- Ongoing monitoring: screened subjects (customers, passengers), the alerts raised on them,
-- analysts' decisions, and the durable outbox of webhook notifications.

CREATE TABLE subjects (
    id          INTEGER PRIMARY KEY,
    -- The subject set ("retail", "crew"); a subject is identified by (set_name, subject_id).
    set_name    TEXT NOT NULL,
    subject_id  TEXT NOT NULL,
    name        TEXT NOT NULL,
    -- As given (validated on import); NULL when not given.
    schema      TEXT,
    birth_date  TEXT,
    nationality TEXT,
    id_number   TEXT,
    -- RFC 3339, UTC.
    updated_at  TEXT NOT NULL,
    UNIQUE (set_name, subject_id)
);

-- A counter bumped by every subjects import, so a cached subject index knows it is stale.
CREATE TABLE monitor_meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO monitor_meta (key, value) VALUES ('subjects_generation', 0);

CREATE TABLE alerts (
    id            INTEGER PRIMARY KEY,
    subject       INTEGER NOT NULL REFERENCES subjects (id),
    entity_id     TEXT    NOT NULL,
    -- The entity record (content hash) the alert was raised on: a false positive is raised
    -- again only when the entity's record changes.
    record_hash   TEXT    NOT NULL,
    status        TEXT    NOT NULL
        CHECK (status IN ('open', 'confirmed', 'false_positive', 'delisted')),
    score         REAL    NOT NULL,
    entity_name   TEXT    NOT NULL,
    matched_name  TEXT    NOT NULL,
    -- The matcher's explanation, JSON.
    explanation   TEXT    NOT NULL,
    -- The list version that raised the alert.
    list_source   TEXT    NOT NULL,
    list_version  INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    decided_by    TEXT,
    reason        TEXT,
    decided_at    TEXT
);
CREATE INDEX alerts_by_subject ON alerts (subject, entity_id);
CREATE INDEX alerts_by_entity ON alerts (entity_id, status);
CREATE INDEX alerts_by_status ON alerts (status);

CREATE TABLE webhooks (
    id         INTEGER PRIMARY KEY,
    url        TEXT NOT NULL UNIQUE,
    -- The HMAC-SHA256 key: the receiver needs it too, so it is stored as given.
    secret     TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- One row per (webhook, notification); delivered by a worker with exponential backoff.
CREATE TABLE webhook_outbox (
    id              INTEGER PRIMARY KEY,
    webhook         INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    body            TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    last_error      TEXT,
    created_at      TEXT    NOT NULL,
    delivered_at    TEXT
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (status, next_attempt_at);
