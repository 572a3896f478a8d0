//! The web console's security from outside, over HTTP as an attacker would try it: wrong
//! passwords (rate-limited, one message for unknown users and wrong passwords), missing or
//! forged CSRF tokens, made-up, ended and disabled sessions, the wrong role, `<script>` in
//! a listed name and a subject name, oversized uploads, and the cookie's attributes.

mod common;

use common::{add_user, run, serve, Server};

const PASSWORD: &str = "console-test-password";

/// A store with a small list holding a `<script>` name, a subject holding one, and users.
fn console(extra: &[&str]) -> (tempfile::TempDir, Server) {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("own.csv");
    std::fs::write(
        &list,
        "id,schema,name,aliases,weak_aliases,birth_date,nationality,id_number,program\n\
         X-1,person,<script>alert(1)</script> Omar Haddad,,,1970,SY,,TERROR\n\
         X-2,person,Hafiz Muhammad Saeed,,,1950-06-05,PK,,TERROR\n",
    )
    .unwrap();
    let out = run(
        dir.path(),
        &[
            "lists",
            "import",
            "--source",
            "own",
            "--format",
            "csv",
            list.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let subjects = dir.path().join("subjects.csv");
    std::fs::write(
        &subjects,
        "id,name,schema,birth_date,nationality,id_number\n\
         s-1,<script>alert(2)</script> Omar Haddad,person,1970,SY,\n\
         s-2,Hafiz Muhammad Saeed,person,1950-06-05,PK,\n",
    )
    .unwrap();
    let out = run(
        dir.path(),
        &[
            "subjects",
            "import",
            subjects.to_str().unwrap(),
            "--set",
            "retail",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let users = [
        ("ana", "analyst"),
        ("bob", "analyst"),
        ("sid", "screener"),
        ("sam", "supervisor"),
    ];
    for (name, role) in users {
        add_user(dir.path(), name, role, PASSWORD);
    }
    let server = serve(dir.path(), extra);
    (dir, server)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .new_agent()
}

#[derive(Debug)]
struct Reply {
    status: u16,
    cookies: Vec<String>,
    body: String,
}

fn reply(mut r: ureq::http::Response<ureq::Body>) -> Reply {
    let cookies = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    Reply {
        status: r.status().as_u16(),
        cookies,
        body: r.body_mut().read_to_string().unwrap_or_default(),
    }
}

fn get(base: &str, path: &str, cookie: &str) -> Reply {
    reply(
        agent()
            .get(format!("{base}{path}"))
            .header("cookie", cookie)
            .call()
            .unwrap(),
    )
}

fn post(base: &str, path: &str, cookie: &str, form: &str) -> Reply {
    let r = agent()
        .post(format!("{base}{path}"))
        .header("cookie", cookie)
        .content_type("application/x-www-form-urlencoded")
        .send(form)
        .unwrap();
    reply(r)
}

/// The value of `name="csrf"` in a page.
fn csrf(body: &str) -> String {
    let at = body.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
    body[at..].split('"').next().unwrap().to_owned()
}

fn cookie_value(cookies: &[String], name: &str) -> Option<String> {
    cookies
        .iter()
        .find_map(|c| c.strip_prefix(&format!("{name}=")))
        .map(|rest| rest.split(';').next().unwrap().to_owned())
}

/// Signs in through the form; `Err(reply)` when refused.
fn sign_in(base: &str, name: &str, password: &str) -> Result<String, Reply> {
    let page = get(base, "/login", "");
    let token = cookie_value(&page.cookies, "vigil_login").unwrap();
    let form = format!("csrf={}&name={name}&password={password}", csrf(&page.body));
    let r = post(base, "/login", &format!("vigil_login={token}"), &form);
    match cookie_value(&r.cookies, "vigil_session") {
        Some(id) if r.status == 303 => Ok(format!("vigil_session={id}")),
        _ => Err(r),
    }
}

fn session_csrf(base: &str, cookie: &str) -> String {
    csrf(&get(base, "/screen", cookie).body)
}

#[test]
fn wrong_passwords_are_rate_limited_with_one_message() {
    let (_dir, server) = console(&[]);
    let base = &server.base;
    let unknown = sign_in(base, "nobody", PASSWORD).unwrap_err();
    for _ in 0..5 {
        let wrong = sign_in(base, "ana", "not-the-password").unwrap_err();
        assert_eq!(wrong.status, 401);
        assert!(wrong.body.contains("Wrong user name or password."));
    }
    assert_eq!(unknown.status, 401);
    assert!(unknown.body.contains("Wrong user name or password."));
    // Locked out now, even with the right password.
    let locked = sign_in(base, "ana", PASSWORD).unwrap_err();
    assert_eq!(locked.status, 429);
    assert!(locked.body.contains("Too many failed attempts"));
    assert!(
        sign_in(base, "bob", PASSWORD).is_ok(),
        "other names are not locked"
    );
}

#[test]
fn forms_without_the_sessions_csrf_token_are_refused() {
    let (_dir, server) = console(&[]);
    let base = &server.base;
    let ana = sign_in(base, "ana", PASSWORD).unwrap();
    let bob = sign_in(base, "bob", PASSWORD).unwrap();
    let bobs_token = session_csrf(base, &bob);
    for form in [
        "name=Omar",
        "csrf=forged&name=Omar",
        &format!("csrf={bobs_token}&name=Omar"),
    ] {
        let r = post(base, "/screen", &ana, form);
        assert_eq!(r.status, 403, "{form}");
        assert!(r.body.contains("Form expired"));
    }
    let ok = post(
        base,
        "/screen",
        &ana,
        &format!("csrf={}&name=Omar+Haddad", session_csrf(base, &ana)),
    );
    assert_eq!(ok.status, 200);
    // The sign-in form itself needs its double-submit token.
    let r = post(base, "/login", "", &format!("name=ana&password={PASSWORD}"));
    assert_eq!(r.status, 403);
}

#[test]
fn made_up_ended_and_disabled_sessions_are_refused_at_once() {
    let (dir, server) = console(&[]);
    let base = &server.base;
    let forged = get(
        base,
        "/alerts",
        "vigil_session=00112233445566778899aabbccddeeff",
    );
    assert_eq!(forged.status, 303, "a made-up session goes to sign-in");
    let ana = sign_in(base, "ana", PASSWORD).unwrap();
    assert_eq!(get(base, "/alerts", &ana).status, 200);
    let out = post(
        base,
        "/logout",
        &ana,
        &format!("csrf={}", session_csrf(base, &ana)),
    );
    assert_eq!(out.status, 303);
    assert_eq!(
        get(base, "/alerts", &ana).status,
        303,
        "an ended session is refused"
    );
    let bob = sign_in(base, "bob", PASSWORD).unwrap();
    assert_eq!(get(base, "/alerts", &bob).status, 200);
    assert!(run(dir.path(), &["users", "disable", "bob"])
        .status
        .success());
    assert_eq!(
        get(base, "/alerts", &bob).status,
        303,
        "a disabled user is refused at once"
    );
    assert!(sign_in(base, "bob", PASSWORD).is_err());
}

#[test]
fn pages_check_the_role_the_api_checks() {
    let (_dir, server) = console(&[]);
    let base = &server.base;
    let sid = sign_in(base, "sid", PASSWORD).unwrap();
    assert_eq!(get(base, "/screen", &sid).status, 200);
    for path in ["/alerts", "/alerts/1", "/audit", "/subjects", "/sharing"] {
        let r = get(base, path, &sid);
        assert_eq!(r.status, 403, "{path}");
        assert!(r.body.contains("Not allowed"));
    }
    let ana = sign_in(base, "ana", PASSWORD).unwrap();
    assert_eq!(
        get(base, "/audit", &ana).status,
        403,
        "analysts do not read the audit trail"
    );
    let no_alert = get(base, "/alerts/not-a-number", &ana);
    assert_eq!(no_alert.status, 404);
    assert!(no_alert.body.contains("There is no alert not-a-number."));
    assert_eq!(
        get(base, "/v1/nothing", &ana).status,
        404,
        "API paths still answer JSON 404"
    );
}

#[test]
fn script_in_listed_and_subject_names_renders_as_text() {
    let (_dir, server) = console(&[]);
    let base = &server.base;
    let ana = sign_in(base, "ana", PASSWORD).unwrap();
    let name = "%3Cscript%3Ealert(1)%3C%2Fscript%3E+Omar+Haddad";
    let form = format!("csrf={}&name={name}", session_csrf(base, &ana));
    let screened = post(base, "/screen", &ana, &form);
    let at = screened.body.find("results-title").unwrap_or(0);
    assert!(
        screened
            .body
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; Omar Haddad"),
        "{}",
        &screened.body[at.saturating_sub(300)..(at + 300).min(screened.body.len())]
    );
    let alerts = get(base, "/alerts", &ana);
    assert!(alerts
        .body
        .contains("&lt;script&gt;alert(2)&lt;/script&gt; Omar Haddad"));
    for page in [&screened.body, &alerts.body] {
        assert!(!page.contains("<script>alert"), "no live script");
    }
    let entity = get(base, "/entity/own:X-1", &ana);
    assert!(entity.body.contains("&lt;script&gt;alert(1)"));
    assert!(!entity.body.contains("<script>alert"));
}

#[test]
fn an_oversized_upload_gets_a_clear_error() {
    let (_dir, server) = console(&["--max-upload-bytes", "1000"]);
    let base = &server.base;
    let ana = sign_in(base, "ana", PASSWORD).unwrap();
    let token = session_csrf(base, &ana);
    let csv = format!("name\n{}", "Omar Haddad\n".repeat(500));
    let boundary = "vigilboundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
    );
    let r = agent()
        .post(format!("{base}/batch"))
        .header("cookie", &ana)
        .content_type(format!("multipart/form-data; boundary={boundary}"))
        .send(body.as_str())
        .unwrap();
    let r = reply(r);
    assert_eq!(r.status, 413);
    assert!(r.body.contains("File too large"), "{}", r.body);
}

#[test]
fn the_session_cookie_is_http_only_strict_and_secure_behind_tls() {
    let (_dir, server) = console(&[]);
    let base = &server.base;
    let page = get(base, "/login", "");
    let token = cookie_value(&page.cookies, "vigil_login").unwrap();
    let form = format!("csrf={}&name=ana&password={PASSWORD}", csrf(&page.body));
    let r = agent()
        .post(format!("{base}/login"))
        .header("cookie", format!("vigil_login={token}"))
        .header("x-forwarded-proto", "https")
        .content_type("application/x-www-form-urlencoded")
        .send(form.as_str())
        .unwrap();
    let r = reply(r);
    let session = r
        .cookies
        .iter()
        .find(|c| c.starts_with("vigil_session="))
        .unwrap();
    for attribute in ["HttpOnly", "SameSite=Strict", "Secure"] {
        assert!(session.contains(attribute), "{session}");
    }
    let plain = page
        .cookies
        .iter()
        .find(|c| c.starts_with("vigil_login="))
        .unwrap();
    assert!(!plain.contains("Secure"), "no Secure without TLS: {plain}");
}

#[test]
fn four_eyes_needs_a_second_different_reviewer_and_is_audited() {
    let (_dir, server) = console(&[]);
    let base = &server.base;
    let (ana, sam) = (
        sign_in(base, "ana", PASSWORD).unwrap(),
        sign_in(base, "sam", PASSWORD).unwrap(),
    );
    let (ana_csrf, sam_csrf) = (session_csrf(base, &ana), session_csrf(base, &sam));
    let switch = format!("csrf={ana_csrf}&four_eyes=on");
    assert_eq!(
        post(base, "/alerts/settings", &ana, &switch).status,
        403,
        "analysts cannot switch it"
    );
    let switch = format!("csrf={sam_csrf}&four_eyes=on");
    assert_eq!(post(base, "/alerts/settings", &sam, &switch).status, 303);
    let confirm = |csrf: &str| format!("csrf={csrf}&decision=confirmed&reason=same+person");
    assert_eq!(
        post(base, "/alerts/1/decision", &ana, &confirm(&ana_csrf)).status,
        303
    );
    let page = get(base, "/alerts/1", &ana).body;
    assert!(
        page.contains("awaiting second review"),
        "still open after one review"
    );
    let again = post(base, "/alerts/1/decision", &ana, &confirm(&ana_csrf));
    assert_eq!(
        again.status, 403,
        "an analyst cannot give the second review"
    );
    assert_eq!(
        post(base, "/alerts/1/decision", &sam, &confirm(&sam_csrf)).status,
        303
    );
    let page = get(base, "/alerts/1", &sam).body;
    assert!(
        page.contains("confirmed by <strong>sam</strong>"),
        "closed by the second reviewer"
    );
    assert!(page.contains("first review by ana"));
    // One person cannot be both reviewers.
    assert_eq!(
        post(base, "/alerts/2/decision", &sam, &confirm(&sam_csrf)).status,
        303
    );
    let own = post(base, "/alerts/2/decision", &sam, &confirm(&sam_csrf));
    assert_eq!(own.status, 400);
    assert!(own.body.contains("different user"));
    let audit = get(base, "/audit?action=alert_first_review", &sam).body;
    assert!(
        audit.contains("ana") && audit.contains("sam"),
        "both first reviews are audited"
    );
    let decisions = get(base, "/audit?action=alert_decision&user=sam", &sam).body;
    assert!(decisions.contains("first review by ana"));
}
