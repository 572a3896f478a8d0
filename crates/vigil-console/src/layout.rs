//! The one page shell every console page shares: header, navigation (only the pages the
//! user's role may open), main content, and the security headers of every response.

use crate::session::Signed;
use axum::http::{header, HeaderValue};
use axum::response::{Html, Response};
use maud::{html, Markup, DOCTYPE};
use vigil_store::Permission;

/// The console's sections, in navigation order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Screen,
    Batch,
    Alerts,
    Subjects,
    Lists,
    Audit,
    Sharing,
}

impl Nav {
    const ALL: [Nav; 7] = [
        Nav::Screen,
        Nav::Batch,
        Nav::Alerts,
        Nav::Subjects,
        Nav::Lists,
        Nav::Audit,
        Nav::Sharing,
    ];

    fn label(self) -> &'static str {
        match self {
            Nav::Screen => "Screen",
            Nav::Batch => "Batch",
            Nav::Alerts => "Alerts",
            Nav::Subjects => "Subjects",
            Nav::Lists => "Lists",
            Nav::Audit => "Audit",
            Nav::Sharing => "Sharing",
        }
    }

    fn href(self) -> &'static str {
        match self {
            Nav::Screen => "/screen",
            Nav::Batch => "/batch",
            Nav::Alerts => "/alerts",
            Nav::Subjects => "/subjects",
            Nav::Lists => "/lists",
            Nav::Audit => "/audit",
            Nav::Sharing => "/sharing",
        }
    }

    /// The permission the section's JSON counterpart checks.
    fn permission(self) -> Permission {
        match self {
            Nav::Screen | Nav::Batch => Permission::Screen,
            Nav::Alerts => Permission::ReadAlerts,
            Nav::Subjects => Permission::ManageSubjects,
            Nav::Lists => Permission::ReadLists,
            Nav::Audit => Permission::ReadAudit,
            Nav::Sharing => Permission::ManageSharing,
        }
    }
}

fn head(title: &str) -> Markup {
    html! {
        (DOCTYPE)
        meta charset="utf-8";
        meta name="viewport" content="width=device-width, initial-scale=1";
        title { (title) " · Vigil" }
        link rel="stylesheet" href="/assets/console.css";
        script src="/assets/console.js" defer {}
    }
}

/// A page for a signed-in user.
pub fn page(signed: &Signed, active: Nav, title: &str, body: Markup) -> Html<String> {
    let markup = html! {
        html lang="en" {
            head { (head(title)) }
            body {
                a.skip href="#main" { "Skip to content" }
                header.top {
                    a.brand href="/screen" { "Vigil" }
                    nav aria-label="Sections" {
                        ul {
                            @for item in Nav::ALL.into_iter().filter(|n| signed.may(n.permission())) {
                                li {
                                    a href=(item.href())
                                      aria-current=[(item == active).then_some("page")] { (item.label()) }
                                }
                            }
                        }
                    }
                    div.who {
                        span { (signed.user.name) " · " (signed.user.role) }
                        form method="post" action="/logout" {
                            (csrf_field(signed))
                            button.link type="submit" { "Sign out" }
                        }
                    }
                }
                main #main tabindex="-1" { (body) }
            }
        }
    };
    Html(markup.into_string())
}

/// A page without navigation: sign-in and errors.
pub fn bare(title: &str, body: Markup) -> Html<String> {
    let markup = html! {
        html lang="en" {
            head { (head(title)) }
            body.bare {
                header.top { a.brand href="/screen" { "Vigil" } }
                main #main.narrow { (body) }
            }
        }
    };
    Html(markup.into_string())
}

/// The hidden field every form carries.
pub fn csrf_field(signed: &Signed) -> Markup {
    html! { input type="hidden" name="csrf" value=(signed.csrf); }
}

/// A score as a meter (red when high: the browser colours it from `optimum`) and a number.
pub fn score(value: f64) -> Markup {
    html! {
        span.score {
            meter min="0" max="1" low="0.8" high="0.9" optimum="0" value=(value)
                aria-label="score" {}
            span.value { (format!("{value:.3}")) }
        }
    }
}

/// Headers on every console response: no framing, no sniffing, scripts and styles only
/// from the console itself, and pages kept out of shared caches.
pub async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    let set = |name: &'static str, value: &'static str| (name, HeaderValue::from_static(value));
    for (name, value) in [
        set(
            "content-security-policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        ),
        set("x-content-type-options", "nosniff"),
        set("x-frame-options", "DENY"),
        set("referrer-policy", "same-origin"),
    ] {
        headers.insert(name, value);
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
