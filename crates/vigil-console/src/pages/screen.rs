//! Screen: one name with optional schema, birth date, nationality and document; the results
//! with score, matched name, list, and the explanation in words. The same call and audit
//! record as `POST /v1/screen`.

use crate::error::PageError;
use crate::layout::{self, csrf_field, Nav};
use crate::session::Signed;
use crate::Console;
use axum::extract::State;
use axum::response::Html;
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;
use serde_json::{json, Value};
use vigil_core::Schema;
use vigil_match::Match;
use vigil_server::{QueryResults, ScreenQuery};
use vigil_store::Permission;

#[derive(Deserialize, Default)]
pub struct ScreenForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    schema: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    nationality: String,
    #[serde(default)]
    id_number: String,
}

impl ScreenForm {
    fn query(&self) -> ScreenQuery {
        let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        ScreenQuery {
            id: None,
            name: self.name.clone(),
            schema: opt(&self.schema),
            birth_date: opt(&self.birth_date),
            nationality: opt(&self.nationality),
            id_number: opt(&self.id_number),
        }
    }
}

pub async fn form(signed: Signed) -> Result<Html<String>, PageError> {
    signed.require(Permission::Screen)?;
    Ok(render(&signed, &ScreenForm::default(), None, None))
}

pub async fn screen(
    State(console): State<Console>,
    signed: Signed,
    Form(form): Form<ScreenForm>,
) -> Result<Html<String>, PageError> {
    signed.require(Permission::Screen)?;
    signed.check_csrf(&form.csrf)?;
    let query = form.query();
    let parsed = match vigil_server::to_query(&query) {
        Ok(parsed) => parsed,
        Err(e) => return Ok(render(&signed, &form, Some(&e.to_string()), None)),
    };
    let served = console.app.served().ok_or_else(|| {
        PageError::Unavailable("The lists are still loading; try again in a moment.".into())
    })?;
    let options = vigil_server::screen_options(None, None).map_err(|_| PageError::Internal)?;
    let responses = vec![QueryResults {
        query_id: "0".into(),
        results: served.index.screen(&parsed, &options),
    }];
    vigil_server::audit_summary(
        &console.app,
        &signed.caller(),
        "screen",
        &served,
        json!([query]),
        vigil_server::screen_summary(&responses),
    );
    Ok(render(&signed, &form, None, Some(&responses[0].results)))
}

fn render(
    signed: &Signed,
    form: &ScreenForm,
    error: Option<&str>,
    results: Option<&[Match]>,
) -> Html<String> {
    let body = html! {
        h1 { "Screen a name" }
        (query_form(signed, form))
        @if let Some(error) = error {
            p.notice.error role="alert" { (error) }
        }
        @if let Some(results) = results {
            (result_list(&form.name, results))
        }
    };
    layout::page(signed, Nav::Screen, "Screen", body)
}

fn query_form(signed: &Signed, form: &ScreenForm) -> Markup {
    html! {
        form.card.grid method="post" action="/screen" {
            (csrf_field(signed))
            div.wide {
                label for="name" { "Name" }
                input #name name="name" type="text" required value=(form.name) autofocus
                    placeholder="e.g. Hafiz Mohammad Sayeed";
            }
            div {
                label for="schema" { "Kind" }
                select #schema name="schema" {
                    option value="" { "Any" }
                    @for schema in Schema::ALL {
                        option value=(schema.as_str()) selected[form.schema == schema.as_str()] {
                            (schema.as_str())
                        }
                    }
                }
            }
            div {
                label for="birth_date" { "Birth date" }
                input #birth_date name="birth_date" type="text" value=(form.birth_date)
                    placeholder="1950 or 1950-06-05";
            }
            div {
                label for="nationality" { "Nationality" }
                input #nationality name="nationality" type="text" value=(form.nationality)
                    placeholder="PK or Pakistan";
            }
            div {
                label for="id_number" { "Document number" }
                input #id_number name="id_number" type="text" value=(form.id_number);
            }
            div.actions { button.primary type="submit" { "Screen" } }
        }
    }
}

fn result_list(name: &str, results: &[Match]) -> Markup {
    html! {
        section aria-labelledby="results-title" {
            h2 #results-title {
                @if results.is_empty() { "No match for “" (name) "”" }
                @else { (results.len()) " possible match(es) for “" (name) "”" }
            }
            @for (i, m) in results.iter().enumerate() {
                article.card.result {
                    header.result-head {
                        (layout::score(m.score))
                        div {
                            h3 { a href=(format!("/entity/{}", m.entity_id)) { (m.caption) } }
                            p.muted {
                                "matched “" (m.matched_name) "” · " (m.schema.as_str()) " · "
                                span.tag { (list_of(&m.entity_id)) } " " code { (m.entity_id) }
                            }
                        }
                    }
                    details open[i == 0] {
                        summary { "Why this score" }
                        (explanation(&serde_json::to_value(&m.explanation).unwrap_or_default()))
                    }
                }
            }
        }
    }
}

/// The list an entity id belongs to (`un-sc:QDi.263` → `un-sc`).
pub fn list_of(entity_id: &str) -> &str {
    entity_id
        .split_once(':')
        .map_or(entity_id, |(list, _)| list)
}

/// An explanation in words: aligned words, words left over, and what the evidence did.
/// Takes the explanation as JSON, the form alerts store it in and `Match` serialises to.
pub fn explanation(e: &Value) -> Markup {
    let num = |v: &Value| v.as_f64().unwrap_or(0.0);
    let text = |v: &Value| v.as_str().unwrap_or("").to_owned();
    let words = |v: &Value| {
        let items = v.as_array().into_iter().flatten();
        items.map(text).collect::<Vec<_>>().join(", ")
    };
    let list = |v: &Value| v.as_array().cloned().unwrap_or_default();
    html! {
        div.explanation {
            p {
                "Name similarity " strong { (format!("{:.3}", num(&e["name_score"]))) }
                ", final score " strong { (format!("{:.3}", num(&e["score"]))) }
                ". Compared “" (text(&e["query_normalized"])) "” with “" (text(&e["name_normalized"])) "”."
            }
            table {
                caption { "Words that aligned" }
                thead { tr { th scope="col" { "Query word" } th scope="col" { "Listed word" } th scope="col" { "How" } th.num scope="col" { "Similarity" } th.num scope="col" { "Weight" } } }
                tbody { @for pair in list(&e["pairs"]) {
                    tr {
                        td { (text(&pair["query"])) } td { (text(&pair["name"])) }
                        td { (method(pair["method"].as_str().unwrap_or(""))) }
                        td.num { (format!("{:.2}", num(&pair["similarity"]))) }
                        td.num { (format!("{:.2}", num(&pair["weight"]))) }
                    }
                } }
            }
            @if !list(&e["unmatched_query"]).is_empty() {
                p { "Query words with no counterpart: " (words(&e["unmatched_query"])) }
            }
            @if !list(&e["unmatched_name"]).is_empty() {
                p { "Listed words with no counterpart: " (words(&e["unmatched_name"])) }
            }
            (evidence(&list(&e["evidence"])))
        }
    }
}

fn evidence(steps: &[Value]) -> Markup {
    html! {
        @if steps.is_empty() {
            p.muted { "No birth date, nationality or document to weigh." }
        } @else {
            ul.evidence { @for step in steps {
                @let delta = step["delta"].as_f64().unwrap_or(0.0);
                li {
                    span.tag { (step["kind"].as_str().unwrap_or("").replace('_', " ")) } " "
                    (step["detail"].as_str().unwrap_or(""))
                    @if delta != 0.0 {
                        " " span class=(if delta > 0.0 { "up" } else { "down" }) { (format!("{delta:+.3}")) }
                    }
                }
            } }
        }
    }
}

/// How two words were found to correspond, in words (`vigil_match::explain::Method`).
fn method(m: &str) -> &'static str {
    match m {
        "exact" => "same word",
        "key" => "spelling variant (same sound)",
        "fuzzy" => "similar spelling",
        "join" => "joined words",
        "translit" => "romanised script",
        "cognate" => "same name in another language",
        _ => "aligned",
    }
}
