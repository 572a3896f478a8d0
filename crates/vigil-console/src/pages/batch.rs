//! Batch: upload a CSV of names (columns `name`, optional `id`, `schema`, `birth_date`,
//! `nationality`, `id_number`, as `vigil screen --input`), watch its progress, download the
//! hits as CSV or JSON lines. Screens with `MatchIndex::screen` and records the batch in the
//! audit trail as `POST /v1/screen` does.

use crate::error::PageError;
use crate::jobs::Job;
use crate::layout::{self, csrf_field, Nav};
use crate::session::Signed;
use crate::Console;
use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Json;
use maud::html;
use serde_json::json;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use vigil_server::{QueryResults, ScreenQuery};
use vigil_store::Permission;

const COLUMNS: [&str; 6] = [
    "id",
    "name",
    "schema",
    "birth_date",
    "nationality",
    "id_number",
];

pub async fn form(
    State(console): State<Console>,
    signed: Signed,
) -> Result<Html<String>, PageError> {
    signed.require(Permission::Screen)?;
    let jobs = console.jobs.of(&signed.user.name);
    let body = html! {
        h1 { "Batch screening" }
        form.card method="post" action="/batch" enctype="multipart/form-data" {
            (csrf_field(&signed))
            label for="file" { "CSV file" }
            input #file name="file" type="file" accept=".csv,text/csv" required;
            p.muted { "Columns: " code { "name" } " (required), " code { "id" } ", " code { "schema" } ", "
                code { "birth_date" } ", " code { "nationality" } ", " code { "id_number" } ". UTF-8, at most "
                (console.config.max_upload_bytes / 1024) " KiB." }
            button.primary type="submit" { "Screen the file" }
        }
        @if !jobs.is_empty() {
            h2 { "Your recent batches" }
            table.data { tbody { @for job in &jobs {
                tr {
                    td { a href=(format!("/batch/{}", job.id)) { (job.file_name) } }
                    td { (job.total()) " rows" }
                    td { @if job.is_finished() { "finished" } @else { "running" } }
                }
            } } }
        }
    };
    Ok(layout::page(&signed, Nav::Batch, "Batch", body))
}

pub async fn upload(
    State(console): State<Console>,
    signed: Signed,
    form: Multipart,
) -> Result<Response, PageError> {
    signed.require(Permission::Screen)?;
    let upload = crate::upload::read(form, &signed, console.config.max_upload_bytes).await?;
    let queries = parse(&upload.file_name, &upload.text)?;
    if queries.len() > console.app.limits.max_batch * 100 {
        return Err(PageError::BadRequest(format!(
            "{}: more than {} rows; split the file",
            upload.file_name,
            console.app.limits.max_batch * 100
        )));
    }
    let served = console.app.served().ok_or_else(|| {
        PageError::Unavailable("The lists are still loading; try again in a moment.".into())
    })?;
    let job = console.jobs.add(Job {
        id: crate::session::random_token()?[..16].to_owned(),
        owner: signed.user.name.clone(),
        file_name: upload.file_name,
        queries,
        done: Default::default(),
        finished: Default::default(),
        results: Default::default(),
    });
    let (app, caller, running) = (console.app.clone(), signed.caller(), job.clone());
    tokio::task::spawn_blocking(move || run(&app, &caller, &served, &running));
    Ok(Redirect::to(&format!("/batch/{}", job.id)).into_response())
}

/// Parses and validates every row first: a bad row rejects the file, naming its line.
fn parse(file: &str, text: &str) -> Result<Vec<ScreenQuery>, PageError> {
    let bad = |line: u64, message: String| {
        PageError::BadRequest(format!("{file}: line {line}: {message}"))
    };
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = csv
        .headers()
        .map_err(|e| bad(1, e.to_string()))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    if !headers.iter().any(|h| h == "name") {
        return Err(bad(
            1,
            format!(
                "the header needs a `name` column (known: {})",
                COLUMNS.join(", ")
            ),
        ));
    }
    let mut queries = Vec::new();
    for record in csv.records() {
        let record =
            record.map_err(|e| bad(e.position().map_or(0, |p| p.line()), e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line());
        let cell = |column: &str| {
            let i = headers.iter().position(|h| h == column)?;
            Some(record.get(i)?.trim().to_owned()).filter(|v| !v.is_empty())
        };
        let query = ScreenQuery {
            id: cell("id"),
            name: cell("name").unwrap_or_default(),
            schema: cell("schema"),
            birth_date: cell("birth_date"),
            nationality: cell("nationality"),
            id_number: cell("id_number"),
        };
        vigil_server::to_query(&query).map_err(|e| bad(line, e.to_string()))?;
        queries.push(query);
    }
    if queries.is_empty() {
        return Err(bad(2, "no rows below the header".into()));
    }
    Ok(queries)
}

fn run(
    app: &vigil_server::AppState,
    caller: &vigil_server::Caller,
    served: &vigil_server::Served,
    job: &Job,
) {
    let options = vigil_server::screen_options(None, None).unwrap_or_default();
    let mut results = Vec::with_capacity(job.total());
    for query in &job.queries {
        let hits = vigil_server::to_query(query)
            .map(|q| served.index.screen(&q, &options))
            .unwrap_or_default();
        results.push(hits);
        job.done.fetch_add(1, Ordering::Release);
    }
    let responses: Vec<QueryResults> = results
        .iter()
        .enumerate()
        .map(|(i, hits)| QueryResults {
            query_id: job.query_id(i),
            results: hits.clone(),
        })
        .collect();
    vigil_server::audit_summary(
        app,
        caller,
        "screen",
        served,
        json!(job.queries),
        vigil_server::screen_summary(&responses),
    );
    *job.results.lock().unwrap_or_else(|e| e.into_inner()) = results;
    job.finished.store(true, Ordering::Release);
}

fn job(console: &Console, signed: &Signed, id: &str) -> Result<Arc<Job>, PageError> {
    signed.require(Permission::Screen)?;
    console.jobs.get(id, &signed.user.name).ok_or_else(|| {
        PageError::NotFound("No such batch (batches are kept while the service runs).".into())
    })
}

pub async fn show(
    State(console): State<Console>,
    signed: Signed,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let job = job(&console, &signed, &id)?;
    let results = job
        .results
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let hits: usize = results.iter().map(Vec::len).sum();
    let body = html! {
        h1 { "Batch " (job.file_name) }
        @if !job.is_finished() {
            div.card data-status=(format!("/batch/{}/status", job.id)) {
                label for="progress" { "Screening" }
                progress #progress max=(job.total()) value=(job.done.load(Ordering::Acquire)) {}
                p data-progress-text { (job.done.load(Ordering::Acquire)) " of " (job.total()) " screened" }
                p.muted { "This page updates itself; without script, reload it." }
            }
        } @else {
            p.notice.ok #batch-done { (job.total()) " names screened, " (hits) " hit(s)." }
            p {
                a.button #download-csv href=(format!("/batch/{}/hits.csv", job.id)) download { "Download hits (CSV)" } " "
                a.button #download-jsonl href=(format!("/batch/{}/hits.jsonl", job.id)) download { "Download hits (JSON lines)" }
            }
            table.data {
                thead { tr { th scope="col" { "Query" } th scope="col" { "Name" } th scope="col" { "Score" } th scope="col" { "Matched" } th scope="col" { "Entity" } } }
                tbody { @for (i, hits) in results.iter().enumerate() { @for m in hits {
                    tr {
                        td { (job.query_id(i)) } td { (job.queries[i].name) }
                        td { (layout::score(m.score)) } td { (m.matched_name) }
                        td { a href=(format!("/entity/{}", m.entity_id)) { (m.caption) } " " code { (m.entity_id) } }
                    }
                } } }
            }
        }
    };
    Ok(layout::page(&signed, Nav::Batch, "Batch", body))
}

pub async fn status(
    State(console): State<Console>,
    signed: Signed,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let job = job(&console, &signed, &id)?;
    let body = json!({ "done": job.done.load(Ordering::Acquire), "total": job.total(), "finished": job.is_finished() });
    Ok(Json(body).into_response())
}

pub async fn hits_csv(
    State(console): State<Console>,
    signed: Signed,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let job = finished(&console, &signed, &id)?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let header = [
        "query_id",
        "query_name",
        "entity_id",
        "caption",
        "matched_name",
        "schema",
        "score",
    ];
    out.write_record(header).map_err(PageError::internal)?;
    for (i, hits) in job
        .results
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .enumerate()
    {
        for m in hits {
            let row = [
                job.query_id(i),
                job.queries[i].name.clone(),
                m.entity_id.clone(),
                m.caption.clone(),
                m.matched_name.clone(),
                m.schema.as_str().to_owned(),
                format!("{:.4}", m.score),
            ];
            out.write_record(row.iter().map(|cell| spreadsheet_safe(cell)))
                .map_err(PageError::internal)?;
        }
    }
    let bytes = out.into_inner().map_err(PageError::internal)?;
    Ok(download(&job, "csv", "text/csv; charset=utf-8", bytes))
}

pub async fn hits_jsonl(
    State(console): State<Console>,
    signed: Signed,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let job = finished(&console, &signed, &id)?;
    let mut bytes = Vec::new();
    for (i, hits) in job
        .results
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .enumerate()
    {
        let line = json!({ "query_id": job.query_id(i), "results": hits });
        bytes.extend_from_slice(line.to_string().as_bytes());
        bytes.push(b'\n');
    }
    Ok(download(&job, "jsonl", "application/x-ndjson", bytes))
}

fn finished(console: &Console, signed: &Signed, id: &str) -> Result<Arc<Job>, PageError> {
    let job = job(console, signed, id)?;
    if !job.is_finished() {
        return Err(PageError::BadRequest("The batch is still running.".into()));
    }
    Ok(job)
}

fn download(job: &Job, extension: &str, content_type: &'static str, bytes: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"vigil-hits-{}.{extension}\"", job.id);
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) gets a leading quote.
fn spreadsheet_safe(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}
