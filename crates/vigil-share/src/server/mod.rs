//! The TAXII 2.1 server, mounted by `vigil serve` under `/taxii2/`. One API root,
//! `/taxii2/vigil/`. Partners authenticate with their own credentials (see [`auth`]),
//! not the screening API keys; every request is checked against the partner's grants and
//! maximum TLP, and audited (`taxii.*` actions, actor `partner:NAME`).
//!
//! Paths are served with and without the trailing slash. Requests run on blocking
//! threads: SQLite and argon2 block.

mod auth;
mod error;
mod filters;
mod media;
mod meta;
mod objects;
mod ownership;

pub use media::TAXII_MEDIA_TYPE;

use auth::PartnerAuth;
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{OriginalUri, Query};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, MethodRouter};
use axum::Router;
use error::TaxiiError;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::Arc;
use vigil_store::{AuditRecord, Grant, Partner, Store, TaxiiCollection};

/// The one API root's path segment.
pub const API_ROOT: &str = "vigil";

/// How the TAXII server runs.
#[derive(Debug, Clone)]
pub struct TaxiiConfig {
    pub data_dir: PathBuf,
    /// Shown in discovery and the API root.
    pub title: String,
    /// Largest POST body accepted (413 above it); announced in the API root.
    pub max_content_length: usize,
}

struct Inner {
    config: TaxiiConfig,
    auth: PartnerAuth,
}

#[derive(Clone)]
pub(crate) struct TaxiiState(Arc<Inner>);

/// The TAXII routes, with their own state; merge into the service's router.
pub fn taxii_router(config: TaxiiConfig) -> Router {
    let state = TaxiiState(Arc::new(Inner {
        config,
        auth: PartnerAuth::default(),
    }));
    let routes: Vec<(&str, MethodRouter<TaxiiState>)> = vec![
        ("/taxii2/", get(meta::discovery)),
        ("/taxii2/{root}/", get(meta::api_root)),
        ("/taxii2/{root}/status/{status}/", get(meta::status)),
        ("/taxii2/{root}/collections/", get(meta::collections)),
        (
            "/taxii2/{root}/collections/{collection}/",
            get(meta::collection),
        ),
        (
            "/taxii2/{root}/collections/{collection}/manifest/",
            get(objects::manifest),
        ),
        (
            "/taxii2/{root}/collections/{collection}/objects/",
            get(objects::get_objects).post(objects::add_objects),
        ),
        (
            "/taxii2/{root}/collections/{collection}/objects/{object}/",
            get(objects::get_object).delete(objects::delete_object),
        ),
        (
            "/taxii2/{root}/collections/{collection}/objects/{object}/versions/",
            get(objects::versions),
        ),
    ];
    let mut router = Router::new();
    for (path, method_router) in routes {
        router = router
            .route(path, method_router.clone())
            .route(path.trim_end_matches('/'), method_router);
    }
    // No catch-all: axum cannot mix one with these parameters, so an unknown path under
    // /taxii2/ gets the service's own JSON 404.
    router.with_state(state)
}

/// What a handler needs: the store, the authenticated partner and the configuration.
pub(crate) struct Call<'a> {
    pub store: Store,
    pub partner: Partner,
    pub config: &'a TaxiiConfig,
}

impl Call<'_> {
    /// The collection (by id or alias) with the partner's grant on it: 404 when there is
    /// no such collection, 403 when the partner may not read (or write) it.
    pub fn collection(
        &self,
        id: &str,
        read: bool,
        write: bool,
    ) -> Result<(TaxiiCollection, Grant), TaxiiError> {
        let collection = self
            .store
            .collection(id)?
            .ok_or_else(|| TaxiiError::not_found(format!("no collection {id:?}")))?;
        let grant = self
            .store
            .grants(self.partner.id)?
            .into_iter()
            .find(|g| g.collection.id == collection.id);
        let allowed = grant
            .as_ref()
            .is_some_and(|g| (!read || g.can_read) && (!write || g.can_write));
        match grant {
            Some(grant) if allowed => Ok((collection, grant)),
            _ => Err(TaxiiError::forbidden(format!(
                "partner {} may not {} collection {id:?}",
                self.partner.name,
                if write { "write to" } else { "read" }
            ))),
        }
    }
}

/// A successful answer and what the audit trail keeps of it.
pub(crate) struct Reply {
    pub status: StatusCode,
    pub body: Option<Value>,
    pub headers: Vec<(HeaderName, String)>,
    pub audit: Value,
}

impl Reply {
    pub fn ok(body: Value, audit: Value) -> Reply {
        Reply {
            status: StatusCode::OK,
            body: Some(body),
            headers: Vec::new(),
            audit,
        }
    }
}

/// The parts of a request every handler passes on.
pub(crate) struct Request {
    pub method: Method,
    pub uri: OriginalUri,
    pub headers: HeaderMap,
    pub query: Result<Query<Vec<(String, String)>>, QueryRejection>,
}

impl Request {
    pub fn query(&self) -> Result<Vec<(String, String)>, TaxiiError> {
        match &self.query {
            Ok(Query(pairs)) => Ok(pairs.clone()),
            Err(e) => Err(TaxiiError::bad_request(format!(
                "malformed query string: {e}"
            ))),
        }
    }
}

/// Authenticates, checks `Accept`, runs `f` on a blocking thread and audits the outcome.
pub(crate) async fn run<F>(state: TaxiiState, req: Request, action: &'static str, f: F) -> Response
where
    F: FnOnce(&mut Call<'_>, &Request) -> Result<Reply, TaxiiError> + Send + 'static,
{
    let outcome = tokio::task::spawn_blocking(move || {
        let config = &state.0.config;
        let store = Store::open(&config.data_dir).map_err(TaxiiError::internal);
        let store = match store {
            Ok(store) => store,
            Err(e) => return (e.into_response(), None),
        };
        let partner = match state.0.auth.authenticate(&store, &req.headers) {
            Ok(partner) => partner,
            Err(e) => {
                let record = audit_record("unauthenticated", action, &req, json!({"status": 401}));
                return (e.into_response(), Some((store, record)));
            }
        };
        let mut call = Call {
            store,
            partner,
            config,
        };
        let result = media::check_accept(&req.headers).and_then(|()| f(&mut call, &req));
        let actor = format!("partner:{}", call.partner.name);
        let (response, audit) = match result {
            Ok(reply) => {
                let audit = json!({"status": reply.status.as_u16(), "result": reply.audit});
                (respond(reply), audit)
            }
            Err(e) => {
                let audit = json!({"status": e.status.as_u16(), "error": e.description});
                (e.into_response(), audit)
            }
        };
        let record = audit_record(&actor, action, &req, audit);
        (response, Some((call.store, record)))
    })
    .await;
    match outcome {
        Ok((response, audit)) => {
            if let Some((mut store, record)) = audit {
                if let Err(e) = store.append_audit(&[record]) {
                    // A request that cannot be audited is not answered.
                    return TaxiiError::internal(format!("cannot write the audit trail: {e}"))
                        .into_response();
                }
            }
            response
        }
        Err(e) => TaxiiError::internal(e).into_response(),
    }
}

fn audit_record(actor: &str, action: &str, req: &Request, response: Value) -> AuditRecord {
    AuditRecord {
        at: chrono::Utc::now(),
        actor: actor.to_owned(),
        action: format!("taxii.{action}"),
        request: json!({
            "method": req.method.as_str(),
            "path": req.uri.path(),
            "query": req.uri.query(),
        }),
        response,
        list_versions: json!([]),
    }
}

fn respond(reply: Reply) -> Response {
    let body = match reply.body {
        Some(body) => Body::from(body.to_string()),
        None => Body::empty(),
    };
    let mut response = (reply.status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(TAXII_MEDIA_TYPE),
    );
    for (name, value) in reply.headers {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
    response
}

/// 404 unless `root` is this server's API root.
pub(crate) fn check_root(root: &str) -> Result<(), TaxiiError> {
    if root == API_ROOT {
        Ok(())
    } else {
        Err(TaxiiError::not_found(format!(
            "no API root {root:?}; this server's is /taxii2/{API_ROOT}/"
        )))
    }
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Request {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        let query = Query::<Vec<(String, String)>>::from_request_parts(parts, state).await;
        let uri = OriginalUri::from_request_parts(parts, state).await?;
        Ok(Request {
            method: parts.method.clone(),
            uri,
            headers: parts.headers.clone(),
            query,
        })
    }
}
