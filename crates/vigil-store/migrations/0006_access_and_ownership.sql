-- Access version: one counter bumped, in the same transaction, by every change to API keys,
-- partners and partner grants (the triggers below). A server compares it on each request
-- with the value its credential caches were filled at and drops them when it moved, so a
-- revocation, role change or partner removal takes effect on the next request, also on
-- other replicas sharing the store.
CREATE TABLE access_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO access_version (id, version) VALUES (1, 0);

CREATE TRIGGER api_keys_insert_access AFTER INSERT ON api_keys
    BEGIN UPDATE access_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER api_keys_update_access AFTER UPDATE ON api_keys
    BEGIN UPDATE access_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER api_keys_delete_access AFTER DELETE ON api_keys
    BEGIN UPDATE access_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER partners_insert_access AFTER INSERT ON partners
    BEGIN UPDATE access_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER partners_update_access AFTER UPDATE ON partners
    BEGIN UPDATE access_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER partners_delete_access AFTER DELETE ON partners
    BEGIN UPDATE access_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER partner_grants_insert_access AFTER INSERT ON partner_grants
    BEGIN UPDATE access_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER partner_grants_update_access AFTER UPDATE ON partner_grants
    BEGIN UPDATE access_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER partner_grants_delete_access AFTER DELETE ON partner_grants
    BEGIN UPDATE access_version SET version = version + 1 WHERE id = 1; END;

-- Who wrote each TAXII object version: NULL for this agency (`share publish`, pulls), else
-- the name of the partner that posted it. Only the contributor of an object's first
-- version may add or delete versions of it. Rows stored before this migration count as
-- the agency's.
ALTER TABLE taxii_objects ADD COLUMN contributor TEXT;
-- The object's `created_by_ref`, so an identity the agency (or another partner) writes
-- under cannot be claimed by a partner.
ALTER TABLE taxii_objects ADD COLUMN created_by TEXT;
UPDATE taxii_objects SET created_by = json_extract(json, '$.created_by_ref');
CREATE INDEX taxii_objects_by_created_by ON taxii_objects (created_by);
CREATE INDEX taxii_objects_by_stix_id ON taxii_objects (stix_id, id);

-- The STIX identity a partner writes as (`vigil partners add --identity`); when set, every
-- object it posts must carry it as `created_by_ref`.
ALTER TABLE partners ADD COLUMN identity TEXT;
