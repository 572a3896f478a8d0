//! `share pull`: pages through a partner's collection, from where the last pull stopped
//! (the partner's `X-TAXII-Date-Added-Last`, kept per partner and collection), keeps
//! every object in a local mirror collection `partner:NAME:COLLECTION` (granted to
//! nobody unless an operator chooses), and imports the partner's designations as a new
//! version of the list `partner:NAME` — screened, diffed and monitored like any list.

use crate::client::TaxiiClient;
use crate::publish::ensure_collection;
use crate::stix::import::{Applied, PartnerDesignations};
use crate::stix::validate::check;
use crate::{ShareError, Tlp};
use serde_json::Value;
use sha2::{Digest, Sha256};
use vigil_lists::ParsedList;
use vigil_store::{ImportOutcome, NewObject, Store};

pub struct PullOptions<'a> {
    /// Discovery or API root URL.
    pub url: &'a str,
    /// The partner's collection (id, alias or title).
    pub collection: &'a str,
    /// The partner's name here: the list becomes `partner:NAME`.
    pub partner: &'a str,
    /// HTTP Basic user; `None` sends the password as a Bearer token.
    pub user: Option<&'a str>,
    pub password: &'a str,
    pub page_size: usize,
}

#[derive(Debug, Default, serde::Serialize)]
pub struct PullReport {
    pub list: String,
    pub pages: usize,
    pub objects: usize,
    pub designations: usize,
    pub removed: usize,
    /// Objects kept only in the mirror (not designations).
    pub other: usize,
    pub warnings: Vec<String>,
    /// The list version imported (or unchanged), `None` when the pull brought nothing.
    pub outcome: Option<ImportOutcome>,
    pub resumed_from: Option<String>,
}

pub fn pull(store: &mut Store, opts: &PullOptions<'_>) -> Result<PullReport, ShareError> {
    let name = opts.partner.trim();
    if name.is_empty() || name.contains(':') {
        return Err(ShareError::Invalid(format!(
            "partner name {name:?}: must be non-empty with no ':'"
        )));
    }
    let source = format!("{}{name}", vigil_core::PARTNER_SOURCE_PREFIX);
    let client = TaxiiClient::new(opts.user, opts.password);
    let api_root = client.api_root(opts.url)?;
    let collection_url = client.collection_url(&api_root, opts.collection)?;
    let resumed_from = store.pull_state(name, opts.collection)?;
    let mut report = PullReport {
        list: source.clone(),
        resumed_from: resumed_from.clone(),
        ..PullReport::default()
    };

    let mut objects = Vec::new();
    let mut next: Option<String> = None;
    let mut last_added = resumed_from.clone();
    loop {
        let page = client.objects(
            &collection_url,
            resumed_from.as_deref(),
            next.as_deref(),
            opts.page_size,
        )?;
        report.pages += 1;
        if page.date_added_last.is_some() {
            last_added = page.date_added_last.clone();
        }
        objects.extend(page.objects);
        match page.next {
            Some(token) if page.more => next = Some(token),
            _ => break,
        }
    }
    report.objects = objects.len();

    mirror(store, name, opts.collection, &objects, &mut report.warnings)?;
    let mut designations = PartnerDesignations::new(&source, store.current_entities_of(&source)?);
    // Designations before relationships, so a link never precedes its target.
    let is_relationship =
        |o: &&Value| o.get("type").and_then(Value::as_str) == Some("relationship");
    let ordered = objects
        .iter()
        .filter(|o| !is_relationship(o))
        .chain(objects.iter().filter(is_relationship));
    for object in ordered {
        match designations.apply(object) {
            Ok(Applied::Designation) => report.designations += 1,
            Ok(Applied::Removed) => report.removed += 1,
            Ok(Applied::Relationship) => {}
            Ok(Applied::Other) => report.other += 1,
            Err(message) => report.warnings.push(format!("{}: {message}", opts.url)),
        }
    }
    if report.designations + report.removed > 0 || store.versions(&source)?.is_empty() {
        report.outcome = import(store, &source, designations, &report.warnings)?;
    }
    if let Some(last) = last_added {
        store.set_pull_state(name, opts.collection, &last)?;
    }
    Ok(report)
}

/// Keeps every valid object as pulled, at its own TLP (unmarked: RED, never shown to
/// anyone by mistake).
fn mirror(
    store: &mut Store,
    partner: &str,
    collection: &str,
    objects: &[Value],
    warnings: &mut Vec<String>,
) -> Result<(), ShareError> {
    let mirror = ensure_collection(store, &format!("partner:{partner}:{collection}"))?;
    let mut kept = Vec::with_capacity(objects.len());
    for object in objects {
        match check(object) {
            Ok(c) => kept.push(NewObject {
                version: c.version.unwrap_or_else(crate::time::now),
                stix_id: c.id,
                object_type: c.object_type,
                spec_version: c.spec_version,
                tlp: c.tlp.unwrap_or(Tlp::Red).rank(),
                json: object.to_string(),
            }),
            Err(message) => warnings.push(format!(
                "object {}: not kept: {message}",
                object
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or("(no id)")
            )),
        }
    }
    store.add_objects(&mirror.id, &kept, None)?;
    Ok(())
}

fn import(
    store: &mut Store,
    source: &str,
    designations: PartnerDesignations,
    warnings: &[String],
) -> Result<Option<ImportOutcome>, ShareError> {
    if designations.is_empty() {
        if store.versions(source)?.is_empty() {
            return Ok(None);
        }
        return Err(ShareError::Invalid(format!(
            "{source}: the partner withdrew every designation; refusing to import an empty list \
             (the previous version stays in force)"
        )));
    }
    let entities = designations.into_entities();
    let mut hash = Sha256::new();
    for e in &entities {
        hash.update(serde_json::to_string(e).unwrap_or_default().as_bytes());
    }
    let list = ParsedList {
        source: source.to_owned(),
        entities,
        file_date: Some(crate::time::now()),
        sha256: hex::encode(hash.finalize()),
        warnings: warnings.to_vec(),
    };
    Ok(Some(store.import(&list)?))
}
