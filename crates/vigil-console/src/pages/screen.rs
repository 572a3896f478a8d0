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
use serde_json::json;
use vigil_core::Schema;
use vigil_match::explain::Explanation;
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
                            h3 { a href=(format!("/entities/{}", m.entity_id)) { (m.caption) } }
                            p.muted {
                                "matched “" (m.matched_name) "” · " (m.schema.as_str()) " · "
                                span.tag { (list_of(&m.entity_id)) } " " code { (m.entity_id) }
                            }
                        }
                    }
                    details open[i == 0] {
                        summary { "Why this score" }
                        (explanation(&m.explanation))
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
pub fn explanation(e: &Explanation) -> Markup {
    html! {
        div.explanation {
            p {
                "Name similarity " strong { (format!("{:.3}", e.name_score)) }
                ", final score " strong { (format!("{:.3}", e.score)) }
                ". Compared “" (e.query_normalized) "” with “" (e.name_normalized) "”."
            }
            table {
                caption { "Words that aligned" }
                thead { tr { th scope="col" { "Query word" } th scope="col" { "Listed word" } th scope="col" { "How" } th scope="col" { "Similarity" } th scope="col" { "Weight" } } }
                tbody {
                    @for pair in &e.pairs {
                        tr {
                            td { (pair.query) } td { (pair.name) }
                            td { (method(pair.method)) }
                            td.num { (format!("{:.2}", pair.similarity)) }
                            td.num { (format!("{:.2}", pair.weight)) }
                        }
                    }
                }
            }
            @if !e.unmatched_query.is_empty() {
                p { "Query words with no counterpart: " (e.unmatched_query.join(", ")) }
            }
            @if !e.unmatched_name.is_empty() {
                p { "Listed words with no counterpart: " (e.unmatched_name.join(", ")) }
            }
            @if e.evidence.is_empty() {
                p.muted { "No birth date, nationality or document to weigh." }
            } @else {
                ul.evidence {
                    @for step in &e.evidence {
                        li {
                            span.tag { (step.kind.replace('_', " ")) } " " (step.detail)
                            @if step.delta != 0.0 {
                                " " span class=(if step.delta > 0.0 { "up" } else { "down" }) {
                                    (format!("{:+.3}", step.delta))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn method(m: vigil_match::explain::Method) -> &'static str {
    use vigil_match::explain::Method;
    match m {
        Method::Exact => "same word",
        Method::Key => "spelling variant (same sound)",
        Method::Fuzzy => "similar spelling",
        Method::Join => "joined words",
        Method::Translit => "romanised script",
        Method::Cognate => "same name in another language",
    }
}
