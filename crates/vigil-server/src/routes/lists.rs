//! Lists and entities: `GET /v1/lists`, `GET /v1/lists/{source}/diff`,
//! `GET /v1/entities/{id}`, and the admin upload `POST /v1/lists/{source}/import`.

use crate::auth::Caller;
use crate::error::ApiError;
use crate::routes::served;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use vigil_lists::{ListFormat, ParsedList};
use vigil_store::{AuditRecord, ImportPolicy, Store, StoreError};

pub async fn entity(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    // Listed entities are answered from memory; removed ones from the store's history.
    if let Some(entity) = served(&state)?.index.entity(&id) {
        return Ok(Json(json!({ "entity": entity, "listed": true })));
    }
    let record = blocking(&state, move |store| match store.entity(&id)? {
        Some(record) => Ok(Some(record)),
        None => store.entity_by_partner_id(&id),
    })
    .await?;
    match record {
        Some(record) => Ok(Json(json!({
            "entity": record.entity,
            "listed": record.removed_in.is_none(),
            "removed_in_version": record.removed_in,
        }))),
        None => Err(ApiError::not_found("no such entity")),
    }
}

pub async fn lists(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let lists = blocking(&state, |store| store.lists()).await?;
    Ok(Json(json!({ "lists": lists })))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiffParams {
    version: Option<u32>,
}

pub async fn diff(
    State(state): State<AppState>,
    Path(source): Path<String>,
    Query(params): Query<DiffParams>,
) -> Result<Json<Value>, ApiError> {
    let diff = blocking(&state, move |store| store.diff(&source, params.version)).await?;
    Ok(Json(
        serde_json::to_value(diff).map_err(ApiError::internal)?,
    ))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportParams {
    format: Option<String>,
    /// Accept a version that removes more than 5% of the list or is dated earlier.
    #[serde(default)]
    allow_shrink: bool,
}

/// Uploads a list: the raw file as the body (`?format=` when the source name does not say
/// it), or `multipart/form-data` with the OFAC files. Parsed and validated completely before
/// one transaction stores it; then the served index is swapped atomically.
pub async fn import(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(source): Path<String>,
    Query(params): Query<ImportParams>,
    req: Request,
) -> Result<Json<Value>, ApiError> {
    vigil_core::check_source_name(&source).map_err(|e| ApiError::field("source", e.to_string()))?;
    let format = match params.format.as_deref() {
        Some(f) => f
            .parse::<ListFormat>()
            .map_err(|e| ApiError::field("format", e))?,
        None => ListFormat::for_source(&source).ok_or_else(|| {
            ApiError::field(
                "format",
                "required for this source: un-sc, ofac-sdn, ftm or csv",
            )
        })?,
    };
    let files = read_files(req, &state).await?;
    let parse_source = source.clone();
    let parsed = tokio::task::spawn_blocking(move || {
        vigil_lists::parse_files(&parse_source, format, &files)
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
    let policy = ImportPolicy {
        allow_shrink: params.allow_shrink,
    };
    let outcome = store_and_swap(&state, parsed, policy, &caller.name).await?;
    state.audit.record(AuditRecord {
        at: chrono::Utc::now(),
        actor: caller.name.clone(),
        action: "import".into(),
        request: json!({ "source": source, "format": format.as_str() }),
        response: outcome.clone(),
        list_versions: json!([]),
    });
    Ok(Json(outcome))
}

async fn read_files(req: Request, state: &AppState) -> Result<BTreeMap<String, Vec<u8>>, ApiError> {
    let is_multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let mut files = BTreeMap::new();
    if is_multipart {
        let mut form = Multipart::from_request(req, state)
            .await
            .map_err(|e| ApiError::bad_request(e.body_text()))?;
        while let Some(field) = form
            .next_field()
            .await
            .map_err(|e| ApiError::bad_request(e.body_text()))?
        {
            let name = field
                .file_name()
                .or(field.name())
                .unwrap_or("upload")
                .to_owned();
            let bytes = field
                .bytes()
                .await
                .map_err(|e| ApiError::bad_request(e.body_text()))?;
            files.insert(name, bytes.to_vec());
        }
    } else {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| ApiError::new(e.status(), e.body_text()))?;
        files.insert("upload".to_owned(), bytes.to_vec());
    }
    if files.values().all(Vec::is_empty) {
        return Err(ApiError::bad_request("the upload is empty"));
    }
    Ok(files)
}

async fn store_and_swap(
    state: &AppState,
    parsed: ParsedList,
    policy: ImportPolicy,
    actor: &str,
) -> Result<Value, ApiError> {
    let outcome = blocking(state, move |store| store.import_with(&parsed, policy)).await?;
    let s = state.clone();
    tokio::task::spawn_blocking(move || s.reload())
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    let mut value = serde_json::to_value(&outcome).map_err(ApiError::internal)?;
    // Monitoring: re-screen the subjects the new version could affect (null if unchanged).
    let (s, actor) = (state.clone(), actor.to_owned());
    value["monitoring"] = tokio::task::spawn_blocking(move || {
        crate::routes::monitor::after_import(&s, &outcome, &actor)
    })
    .await
    .map_err(ApiError::internal)??;
    Ok(value)
}

/// Runs a store operation on a blocking thread with its own connection.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    op: impl FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, ApiError> {
    let dir = state.data_dir.clone();
    tokio::task::spawn_blocking(move || Store::open(&dir).and_then(|mut store| op(&mut store)))
        .await
        .map_err(ApiError::internal)?
        .map_err(store_error)
}

fn store_error(err: StoreError) -> ApiError {
    match err {
        StoreError::UnknownSource(_) | StoreError::UnknownVersion { .. } => {
            ApiError::not_found(err.to_string())
        }
        StoreError::EmptyList { .. }
        | StoreError::DuplicateEntity { .. }
        | StoreError::ForeignEntity { .. } => {
            ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, err.to_string())
        }
        // The import guard: the stored list stays; the caller may confirm with
        // `allow_shrink=true`.
        StoreError::Shrink { .. } | StoreError::DateBackwards { .. } => {
            ApiError::new(StatusCode::CONFLICT, err.to_string())
        }
        other => ApiError::internal(other),
    }
}
