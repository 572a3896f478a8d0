"""Vigil's TAXII 2.1 server as the OASIS Python client (taxii2-client) sees it.

Run by crates/vigil/tests/cli_share.rs against a live `vigil serve`:
    python3 taxii_client.py BASE_URL USER PASSWORD EXPECTED_DESIGNATION_OBJECTS
Lists collections, pages through objects with as_pages, filters by type, adds objects
and polls their status. Any mismatch raises, and the exit code is non-zero.
"""

import sys
import uuid

from taxii2client.v21 import Server, as_pages

AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
RED_IDS = {
    "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
    "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
}


def check(condition, message):
    if not condition:
        raise SystemExit("MISMATCH: " + message)


def main():
    base, user, password, expected = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    server = Server(base + "/taxii2/", user=user, password=password)
    check(server.title, "discovery has a title")
    root = server.default
    check(root is not None and root.url.endswith("/taxii2/vigil/"), "default API root")
    check("application/taxii+json;version=2.1" in root.versions, "API root versions")

    by_alias = {c.alias: c for c in root.collections}
    check(set(by_alias) == {"designations", "inbox"}, "collections: %s" % sorted(by_alias))
    designations, inbox = by_alias["designations"], by_alias["inbox"]
    check(designations.can_read and not designations.can_write, "designations is read-only")

    objects, pages = [], 0
    for envelope in as_pages(designations.get_objects, per_request=7):
        pages += 1
        objects.extend(envelope.get("objects", []))
    check(len(objects) == expected, "paged %d objects, expected %d" % (len(objects), expected))
    check(pages == (expected + 6) // 7, "pages: %d" % pages)
    check(len({o["id"] for o in objects}) == len(objects), "no object twice across pages")
    for o in objects:
        check(not RED_IDS & set(o.get("object_marking_refs", [])), "a RED object leaked: " + o["id"])

    actors = designations.get_objects(type="threat-actor").get("objects", [])
    check(actors and all(o["type"] == "threat-actor" for o in actors), "type filter")
    check(all(o["threat_actor_types"] == ["terrorist"] for o in actors), "threat_actor_types")

    manifest = designations.get_manifest(limit=3)
    check(len(manifest["objects"]) == 3 and manifest["more"], "manifest page")

    indicator = {
        "type": "indicator",
        "spec_version": "2.1",
        "id": "indicator--" + str(uuid.uuid4()),
        "created": "2026-01-01T00:00:00.000Z",
        "modified": "2026-01-01T00:00:00.000Z",
        "name": "Courier phone number",
        "pattern": "[phone-number:value = '+00-0000-0000']",
        "pattern_type": "stix",
        "valid_from": "2026-01-01T00:00:00Z",
        "object_marking_refs": [AMBER],
    }
    status = inbox.add_objects({"objects": [indicator]})
    check(status.status == "complete", "status %s" % status.status)
    check(status.success_count == 1 and status.total_count == 1, "one success")
    status.refresh()  # polls status/{id} without the trailing slash
    check(status.success_count == 1, "status after refresh")
    again = inbox.add_objects({"objects": [indicator]})
    check(again.success_count == 1 and again.failure_count == 0, "re-posting is idempotent")
    versions = inbox.object_versions(indicator["id"])["versions"]
    check(len(versions) == 1, "one version after two posts: %s" % versions)
    got = inbox.get_object(indicator["id"])["objects"][0]
    check(got["name"] == indicator["name"], "object by id")
    print("taxii2-client: %d objects in %d pages; all checks passed" % (len(objects), pages))


if __name__ == "__main__":
    main()
