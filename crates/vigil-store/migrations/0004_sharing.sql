-- Intelligence sharing (TAXII 2.1 / STIX 2.1): partner agencies and their grants, the
-- collections this node serves, the STIX objects in them (every version), POST status
-- records, what this node published from its lists, and where each pull from a partner
-- stopped.

CREATE TABLE partners (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    -- HTTP Basic user name.
    user_name     TEXT NOT NULL UNIQUE,
    -- Public part of the password, so a `Bearer PASSWORD` finds its partner without
    -- trying every hash.
    key_id        TEXT NOT NULL UNIQUE,
    -- PHC string (argon2id) of the whole password; the password itself is never stored.
    password_hash TEXT NOT NULL,
    -- TLP rank: 0 clear, 1 green, 2 amber, 3 amber+strict, 4 red.
    max_tlp       INTEGER NOT NULL CHECK (max_tlp BETWEEN 0 AND 4),
    created_at    TEXT NOT NULL
);

CREATE TABLE taxii_collections (
    -- The TAXII collection id (a UUID).
    id          TEXT PRIMARY KEY,
    -- The name used on the command line (`--collection designations`).
    alias       TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    description TEXT,
    created_at  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE partner_grants (
    partner    INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    collection TEXT    NOT NULL REFERENCES taxii_collections (id),
    can_read   INTEGER NOT NULL,
    can_write  INTEGER NOT NULL,
    PRIMARY KEY (partner, collection)
) WITHOUT ROWID;

-- One row per object version. Row ids grow with `date_added`, which is unique and
-- increasing, so paging by row id is paging by date added.
CREATE TABLE taxii_objects (
    id           INTEGER PRIMARY KEY,
    collection   TEXT    NOT NULL REFERENCES taxii_collections (id),
    stix_id      TEXT    NOT NULL,
    type         TEXT    NOT NULL,
    spec_version TEXT    NOT NULL,
    -- The object's `modified` (else `created`, else date added), normalised to
    -- YYYY-MM-DDTHH:MM:SS.ffffffZ so text order is time order.
    version      TEXT    NOT NULL,
    date_added   TEXT    NOT NULL,
    tlp          INTEGER NOT NULL CHECK (tlp BETWEEN 0 AND 4),
    json         TEXT    NOT NULL,
    UNIQUE (collection, stix_id, version)
);
CREATE INDEX taxii_objects_by_collection ON taxii_objects (collection, id);

CREATE TABLE taxii_status (
    id           TEXT PRIMARY KEY,
    -- Only the partner that posted may read the status.
    partner      INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    -- The status resource as served.
    json         TEXT NOT NULL
) WITHOUT ROWID;

-- What this node published from its own lists: the content last published per object,
-- so re-publishing unchanged content adds nothing and a change becomes a new version.
CREATE TABLE share_published (
    collection   TEXT NOT NULL REFERENCES taxii_collections (id),
    stix_id      TEXT NOT NULL,
    -- The list the object came from ('' for shared objects such as markings).
    source       TEXT NOT NULL,
    entity_id    TEXT,
    content_hash TEXT NOT NULL,
    created      TEXT NOT NULL,
    modified     TEXT NOT NULL,
    -- The object as last published, so a delisting can republish it flagged.
    json         TEXT NOT NULL,
    tlp          INTEGER NOT NULL,
    PRIMARY KEY (collection, stix_id)
) WITHOUT ROWID;

-- Where the last pull from a partner's collection stopped (its X-TAXII-Date-Added-Last).
CREATE TABLE share_pull_state (
    partner     TEXT NOT NULL,
    collection  TEXT NOT NULL,
    added_after TEXT NOT NULL,
    pulled_at   TEXT NOT NULL,
    PRIMARY KEY (partner, collection)
) WITHOUT ROWID;
