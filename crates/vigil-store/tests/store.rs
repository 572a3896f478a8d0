//! Store behaviour on small hand-made lists: versions, idempotence, diffs, rollback.

use serde_json::json;
use vigil_core::{Entity, Name, NameKind, Schema};
use vigil_lists::ParsedList;
use vigil_store::{ImportOutcome, ImportPolicy, Store, StoreError, UnchangedReason};

/// These tests remove entities from three-entity lists on purpose.
const SHRINK: ImportPolicy = ImportPolicy { allow_shrink: true };

fn person(source: &str, id: &str, name: &str) -> Entity {
    Entity::new(source, id, Schema::Person, name)
}

fn list(source: &str, sha: &str, entities: Vec<Entity>) -> ParsedList {
    ParsedList {
        source: source.to_owned(),
        entities,
        file_date: Some("2026-01-01".to_owned()),
        sha256: sha.to_owned(),
        warnings: vec!["one warning".to_owned()],
    }
}

fn abc() -> Vec<Entity> {
    vec![
        person("t", "A", "Alpha One"),
        person("t", "B", "Bravo Two"),
        person("t", "C", "Charlie Three"),
    ]
}

fn imported(outcome: ImportOutcome) -> vigil_store::ListVersion {
    match outcome {
        ImportOutcome::Imported { version } => version,
        other => panic!("expected a new version, got {other:?}"),
    }
}

#[test]
fn first_import_creates_version_one_with_everything_added() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    assert!(store.lists().unwrap().is_empty());
    let v = imported(store.import(&list("t", "sha1", abc())).unwrap());
    assert_eq!((v.source.as_str(), v.version), ("t", 1));
    assert_eq!(
        (v.entity_count, v.added, v.removed, v.changed),
        (3, 3, 0, 0)
    );
    assert_eq!(v.warnings, 1);
    assert_eq!(v.file_date.as_deref(), Some("2026-01-01"));
    assert_eq!(store.lists().unwrap(), vec![v]);
    assert_eq!(store.current_entities().unwrap(), abc());
    let diff = store.diff("t", None).unwrap();
    assert_eq!(diff.previous_version, None);
    assert_eq!(diff.added.len(), 3);
    assert_eq!(diff.added[0].name, "Alpha One");
}

#[test]
fn reimporting_identical_content_creates_no_version() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    imported(store.import(&list("t", "sha1", abc())).unwrap());
    match store.import(&list("t", "sha1", abc())).unwrap() {
        ImportOutcome::Unchanged { version, reason } => {
            assert_eq!(version.version, 1);
            assert_eq!(reason, UnchangedReason::SameFile);
        }
        other => panic!("{other:?}"),
    }
    // Another file (other hash) with the same entities in another order.
    let mut reordered = abc();
    reordered.reverse();
    match store.import(&list("t", "sha2", reordered)).unwrap() {
        ImportOutcome::Unchanged { reason, .. } => {
            assert_eq!(reason, UnchangedReason::SameEntities)
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(store.versions("t").unwrap().len(), 1);
}

#[test]
fn diff_reports_added_removed_and_changed_fields() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    imported(store.import(&list("t", "sha1", abc())).unwrap());

    let mut bravo = person("t", "B", "Bravo Second");
    bravo.remarks = Some("renamed".to_owned());
    bravo.add_name(Name::new("Bravo Two", NameKind::Alias));
    let v2 = vec![
        person("t", "A", "Alpha One"),
        bravo,
        person("t", "D", "Delta Four"),
    ];
    let v = imported(
        store
            .import_with(&list("t", "sha2", v2.clone()), SHRINK)
            .unwrap(),
    );
    assert_eq!((v.version, v.entity_count), (2, 3));
    assert_eq!((v.added, v.removed, v.changed), (1, 1, 1));

    let diff = store.diff("t", None).unwrap();
    assert_eq!((diff.version, diff.previous_version), (2, Some(1)));
    let ids = |v: &[vigil_store::EntitySummary]| v.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&diff.added), ["t:D"]);
    assert_eq!(ids(&diff.removed), ["t:C"]);
    assert_eq!(diff.removed[0].name, "Charlie Three");
    assert_eq!(diff.changed.len(), 1);
    let changed = &diff.changed[0];
    assert_eq!(
        (changed.id.as_str(), changed.name.as_str()),
        ("t:B", "Bravo Second")
    );
    let fields: Vec<_> = changed.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["name", "names", "remarks"]);
    assert_eq!(changed.fields[0].old, Some(json!("Bravo Two")));
    assert_eq!(changed.fields[0].new, Some(json!("Bravo Second")));
    assert_eq!(changed.fields[2].old, None);
    assert_eq!(changed.fields[2].new, Some(json!("renamed")));

    // The first version's diff is still there, and the current entities are version 2's.
    assert_eq!(store.diff("t", Some(1)).unwrap().added.len(), 3);
    assert_eq!(store.current_entities_of("t").unwrap(), {
        let mut sorted = v2;
        sorted.sort_by(|a, b| a.id.cmp(&b.id));
        sorted
    });
}

#[test]
fn failed_import_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    imported(store.import(&list("t", "sha1", abc())).unwrap());
    let before = (store.lists().unwrap(), store.current_entities().unwrap());

    // The duplicate comes after new entities that were already inserted in the transaction.
    let mut duplicated = vec![person("t", "NEW", "New One")];
    duplicated.extend(abc());
    duplicated.push(person("t", "B", "Bravo Again"));
    let err = store.import(&list("t", "sha2", duplicated)).unwrap_err();
    assert!(
        matches!(&err, StoreError::DuplicateEntity { entity_id, .. } if entity_id == "t:B"),
        "{err}"
    );
    assert_eq!(err.to_string(), "list t: entity t:B appears more than once");

    let mut foreign = abc();
    foreign.push(person("other", "X", "Elsewhere"));
    let err = store.import(&list("t", "sha3", foreign)).unwrap_err();
    assert!(
        err.to_string()
            .contains("\"other:X\" does not start with \"t:\""),
        "{err}"
    );

    let err = store.import(&list("t", "sha4", Vec::new())).unwrap_err();
    assert!(matches!(err, StoreError::EmptyList { .. }));

    assert_eq!(
        (store.lists().unwrap(), store.current_entities().unwrap()),
        before
    );
    assert!(store.entity("t:NEW").unwrap().is_none());
    // And the next real import still becomes version 2.
    let mut next = abc();
    next.push(person("t", "NEW", "New One"));
    assert_eq!(
        imported(store.import(&list("t", "sha5", next)).unwrap()).version,
        2
    );
}

#[test]
fn entity_lookup_ignores_case_and_reports_removal() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    imported(store.import(&list("t", "sha1", abc())).unwrap());
    imported(
        store
            .import_with(
                &list("t", "sha2", vec![person("t", "A", "Alpha One")]),
                SHRINK,
            )
            .unwrap(),
    );
    let a = store.entity("T:a").unwrap().expect("found ignoring case");
    assert_eq!(a.entity.id, "t:A");
    assert_eq!((a.version, a.latest_version, a.removed_in), (2, 2, None));
    let c = store
        .entity("t:C")
        .unwrap()
        .expect("removed entities stay visible");
    assert_eq!(c.entity.name, "Charlie Three");
    assert_eq!((c.version, c.removed_in), (1, Some(2)));
    assert!(store.entity("t:Z").unwrap().is_none());
}

#[test]
fn several_sources_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        imported(store.import(&list("t", "sha1", abc())).unwrap());
        imported(
            store
                .import(&list("u", "sha1", vec![person("u", "1", "Uniform")]))
                .unwrap(),
        );
    }
    let store = Store::open(dir.path()).unwrap();
    let lists = store.lists().unwrap();
    let sources: Vec<_> = lists
        .iter()
        .map(|l| (l.source.as_str(), l.version))
        .collect();
    assert_eq!(sources, [("t", 1), ("u", 1)]);
    assert_eq!(store.current_entities().unwrap().len(), 4);
    assert_eq!(store.current_entities_of("u").unwrap()[0].name, "Uniform");
    assert!(store.current_entities_of("nope").unwrap().is_empty());
    assert!(store.versions("nope").unwrap().is_empty());
}

#[test]
fn diff_names_unknown_sources_and_versions() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let err = store.diff("t", None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no list named \"t\" in the store (see `vigil lists`)"
    );
    imported(store.import(&list("t", "sha1", abc())).unwrap());
    let err = store.diff("t", Some(7)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "list t has no version 7 (versions 1 to 1 exist)"
    );
}

#[test]
fn open_names_the_path_it_cannot_create() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let err = Store::open(&file.join("sub")).err().expect("cannot open");
    assert!(err.to_string().contains("not-a-dir"), "{err}");
}

fn people(source: &str, range: std::ops::Range<u32>) -> Vec<Entity> {
    range
        .map(|i| person(source, &format!("P{i}"), &format!("Person Number {i}")))
        .collect()
}

#[test]
fn a_version_removing_more_than_five_percent_is_refused_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    imported(
        store
            .import(&list("t", "sha1", people("t", 0..100)))
            .unwrap(),
    );
    // Five of 100 removed (plus additions) is within the share.
    let v2 = imported(
        store
            .import(&list("t", "sha2", people("t", 5..120)))
            .unwrap(),
    );
    assert_eq!((v2.removed, v2.entity_count), (5, 115));
    // Six of 115 is more than 5%: refused, naming the numbers, and nothing is stored.
    let err = store
        .import(&list("t", "sha3", people("t", 11..120)))
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Shrink {
                removed: 6,
                stored: 115,
                ..
            }
        ),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains("removes 6 of the 115") && message.contains("--allow-shrink"),
        "{message}"
    );
    assert_eq!(store.lists().unwrap()[0].version, 2);
    // Half the list gone (a file cut in half) is refused the same way.
    let half = store.import(&list("t", "sha4", people("t", 5..60)));
    assert!(matches!(half, Err(StoreError::Shrink { .. })));
    // Confirmed by the caller, it is imported.
    let v3 = imported(
        store
            .import_with(&list("t", "sha3", people("t", 11..120)), SHRINK)
            .unwrap(),
    );
    assert_eq!((v3.version, v3.removed), (3, 6));
}

#[test]
fn a_version_dated_before_the_stored_one_is_refused_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let dated = |sha: &str, date: &str| ParsedList {
        file_date: Some(date.to_owned()),
        ..list("t", sha, people("t", 0..10))
    };
    imported(
        store
            .import(&dated("sha1", "2026-02-27T00:00:09.554Z"))
            .unwrap(),
    );
    let mut old = dated("sha2", "2018-10-29T19:09:49.856-04:00");
    old.entities[0] = person("t", "P0", "Person Number Zero");
    let err = store.import(&old).unwrap_err();
    assert!(matches!(err, StoreError::DateBackwards { .. }), "{err:?}");
    assert!(err.to_string().contains("2018-10-29"), "{err}");
    imported(store.import_with(&old, SHRINK).unwrap());
}
