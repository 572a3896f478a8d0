//! Sign-in and sign-out. The sign-in form is protected by a double-submit token (a cookie and
//! a field that must agree) since there is no session yet; failures are rate-limited per
//! name and answered with one message for an unknown name and a wrong password alike.

use crate::error::PageError;
use crate::layout;
use crate::password;
use crate::session::{self, Signed};
use crate::Console;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::html;
use serde::Deserialize;

const LOGIN_COOKIE: &str = "vigil_login";
const WRONG: &str = "Wrong user name or password.";

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct SignIn {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    csrf: String,
}

#[derive(Deserialize)]
pub struct SignOut {
    #[serde(default)]
    csrf: String,
}

pub async fn form(
    State(console): State<Console>,
    headers: HeaderMap,
    Query(q): Query<Next>,
) -> Result<Response, PageError> {
    render(
        &console,
        &headers,
        q.next.as_deref().unwrap_or(""),
        None,
        StatusCode::OK,
    )
}

fn render(
    console: &Console,
    headers: &HeaderMap,
    next: &str,
    error: Option<&str>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let token = session::random_token()?;
    let body = html! {
        h1 { "Sign in" }
        @if let Some(error) = error {
            p.notice.error role="alert" #login-error { (error) }
        }
        form.card method="post" action="/login" {
            input type="hidden" name="csrf" value=(token);
            input type="hidden" name="next" value=(safe_next(next));
            label for="name" { "User name" }
            input #name name="name" type="text" autocomplete="username" required autofocus;
            label for="password" { "Password" }
            input #password name="password" type="password" autocomplete="current-password" required;
            button.primary type="submit" { "Sign in" }
        }
        p.muted { "Accounts are created by an administrator with " code { "vigil users add" } "." }
    };
    let cookie = session::set_cookie(
        LOGIN_COOKIE,
        &token,
        session::secure(console, headers),
        None,
    );
    Ok((
        status,
        [(header::SET_COOKIE, cookie)],
        layout::bare("Sign in", body),
    )
        .into_response())
}

pub async fn sign_in(
    State(console): State<Console>,
    headers: HeaderMap,
    Form(form): Form<SignIn>,
) -> Result<Response, PageError> {
    let expected = session::cookie(&headers, LOGIN_COOKIE).unwrap_or_default();
    if expected.is_empty() || !session::constant_time_eq(expected.as_bytes(), form.csrf.as_bytes())
    {
        return Err(PageError::Csrf);
    }
    if let Err(wait) = console.logins.check(&form.name) {
        let minutes = wait.as_secs().div_ceil(60);
        let message = format!("Too many failed attempts. Try again in {minutes} minute(s).");
        return render(
            &console,
            &headers,
            &form.next,
            Some(&message),
            StatusCode::TOO_MANY_REQUESTS,
        );
    }
    let name = form.name.clone();
    let creds = crate::pages::db(&console, move |store| Ok(store.user_credentials(&name)?)).await?;
    let password = form.password.clone();
    let stored = creds.as_ref().map(|(_, hash)| hash.clone());
    let ok = tokio::task::spawn_blocking(move || password::verify(stored.as_deref(), &password))
        .await
        .map_err(PageError::internal)?;
    let Some((user, _)) = creds.filter(|_| ok) else {
        console.logins.failed(&form.name);
        return render(
            &console,
            &headers,
            &form.next,
            Some(WRONG),
            StatusCode::UNAUTHORIZED,
        );
    };
    console.logins.succeeded(&form.name);
    let secure = session::secure(&console, &headers);
    let cookie = crate::pages::db(&console, move |store| {
        Ok(session::start(store, &user, secure)?)
    })
    .await?;
    let clear = session::set_cookie(LOGIN_COOKIE, "", secure, Some(0));
    let mut response = Redirect::to(safe_next(&form.next)).into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    response.headers_mut().append(header::SET_COOKIE, clear);
    Ok(response)
}

pub async fn sign_out(
    State(console): State<Console>,
    headers: HeaderMap,
    signed: Signed,
    Form(form): Form<SignOut>,
) -> Result<Response, PageError> {
    signed.check_csrf(&form.csrf)?;
    let id_hash = signed.id_hash().to_owned();
    crate::pages::db(&console, move |store| Ok(store.end_session(&id_hash)?)).await?;
    let clear = session::set_cookie(
        session::COOKIE,
        "",
        session::secure(&console, &headers),
        Some(0),
    );
    let mut response = Redirect::to("/login").into_response();
    response.headers_mut().append(header::SET_COOKIE, clear);
    Ok(response)
}

/// Only a path on this site (no `//host` or `scheme:`), so sign-in cannot redirect away.
fn safe_next(next: &str) -> &str {
    let local = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    if local && next != "/login" {
        next
    } else {
        "/screen"
    }
}
