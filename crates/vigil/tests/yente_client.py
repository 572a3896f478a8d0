"""Vigil's yente API as real yente clients see it, and Vigil's FtM output as FtM validates it.

Run by crates/vigil/tests/yente_client.rs:
    python3 yente_client.py enrich BASE_URL API_KEY
        nomenklatura's YenteEnricher matches example entities against a live `vigil serve`
        and expands a match through /entities; every entity Vigil returns is validated.
    python3 yente_client.py validate FILE
        every line of an FtM JSON lines file (`vigil export --format ftm`) is validated.
Any mismatch raises, and the exit code is non-zero.
"""

import json
import sys
import tempfile

import requests
from followthemoney import Dataset, StatementEntity, model, registry
from followthemoney.dataset.util import dataset_name_check
from nomenklatura.cache import Cache
from nomenklatura.db import Session, get_engine
from nomenklatura.enrich import make_enricher


def check(condition, message):
    if not condition:
        raise SystemExit("MISMATCH: " + message)


def validate(data, where):
    """FtM's validators on one entity as JSON: id, schema, datasets, every property and
    value (nested entities included)."""
    check(registry.entity.validate(data["id"]), "%s: FtM id %r" % (where, data["id"]))
    schema = model.get(data["schema"])
    check(schema is not None, "%s: FtM schema %r" % (where, data["schema"]))
    for name in data.get("datasets", []):
        try:
            dataset_name_check(name)
        except ValueError as exc:
            raise SystemExit("MISMATCH: %s: dataset %r: %s" % (where, name, exc))
    for prop_name, values in data["properties"].items():
        prop = schema.get(prop_name)
        check(prop is not None, "%s: %s has no property %r" % (where, schema.name, prop_name))
        for value in values:
            if isinstance(value, dict):
                validate(value, "%s.%s" % (where, prop_name))
                continue
            check(
                prop.type.validate(value),
                "%s: %s=%r is not a valid %s" % (where, prop_name, value, prop.type.name),
            )
            cleaned = prop.type.clean(value)
            check(
                prop.type.name != "country" or cleaned == value,
                "%s: country %r is not FtM's lower-case code" % (where, value),
            )
    # FtM reads it back without complaint.
    dataset = Dataset.make({"name": "vigil_check", "title": "check"})
    StatementEntity.from_data(dataset, data, cleaned=False)


def enrich(base, key):
    dataset = Dataset.make({"name": "client_test", "title": "Client test"})
    with tempfile.TemporaryDirectory() as tmp:
        session = Session(get_engine("sqlite:///%s/nk.db" % tmp))
        cache = Cache(session, dataset, create=True)
        config = {
            "type": "nomenklatura.enrich.yente:YenteEnricher",
            "api": base + "/",
            "api_key": key,
            "cache_days": 0,
        }
        enricher = make_enricher(dataset, cache, config)
        query = StatementEntity.from_data(
            dataset,
            {
                "id": "q1",
                "schema": "Person",
                "properties": {
                    "name": ["Hafez Mohammad Saeed"],
                    "birthDate": ["1950-06-05"],
                    "nationality": ["pk"],
                },
            },
        )
        matches = list(enricher.match_wrapped(query))
        ids = [m.id for m in matches]
        check("own-OWN-1" in ids, "enricher matches: %s" % ids)
        for match in matches:
            check(match.schema.name == "Person", "match schema %s" % match.schema.name)
        expanded = list(enricher.expand_wrapped(query, matches[0]))
        check(expanded and expanded[0].id == "own-OWN-1", "expand: %s" % expanded)
        check("Hafiz Muhammad Saeed" in expanded[0].get("name"), "expanded names")
        # The raw answers, as yente clients read them, through FtM's validators.
        headers = {"Authorization": "ApiKey " + key}
        body = {"queries": {"q": {"schema": "Thing", "properties": {"name": ["Saeed"]}}}}
        answer = requests.post(base + "/match/default?cutoff=0", json=body, headers=headers)
        check(answer.status_code == 200, "match: %s" % answer.text)
        results = answer.json()["responses"]["q"]["results"]
        check(results, "match returns candidates")
        for result in results:
            validate(result, "match result %s" % result["id"])
            entity = requests.get(base + "/entities/" + result["id"], headers=headers)
            check(entity.status_code == 200, "entity %s: %s" % (result["id"], entity.text))
            validate(entity.json(), "entity %s" % result["id"])
        enricher.close()
    print("enricher: %d matches, %d expanded; all checks passed" % (len(matches), len(expanded)))


def validate_file(path):
    count = 0
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            validate(json.loads(line), "%s:%d" % (path, number))
            count += 1
    check(count > 0, "no entities in %s" % path)
    print("validated %d entities; all checks passed" % count)


def main():
    if sys.argv[1] == "enrich":
        enrich(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "validate":
        validate_file(sys.argv[2])
    else:
        raise SystemExit("usage: yente_client.py enrich BASE KEY | validate FILE")


if __name__ == "__main__":
    main()
