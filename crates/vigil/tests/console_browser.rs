//! The web console in a real browser: headless Chromium through WebDriver (Python selenium
//! and the system chromedriver), against a live `vigil serve` over the real UN lists. Skips
//! visibly when the browser tools are missing, unless `VIGIL_REQUIRE_BROWSER=1` (as in CI).
//! With `VIGIL_CONSOLE_SCREENSHOTS=DIR` the page screenshots are kept in DIR.

mod common;

use common::{add_user, run, serve};
use std::path::{Path, PathBuf};
use std::process::Command;

const PASSWORD: &str = "browser-test-password";

fn browser_tools() -> bool {
    let selenium = Command::new("python3")
        .args(["-c", "import selenium"])
        .output()
        .is_ok_and(|o| o.status.success());
    selenium
        && Path::new("/usr/bin/chromedriver").exists()
        && Path::new("/usr/bin/chromium").exists()
}

fn vigil_ok(data: &Path, args: &[&str]) {
    let out = run(data, args);
    assert!(
        out.status.success(),
        "vigil {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Two versions of the UN list (for a diff), a monitored subject with an alert, four users.
fn console_data(shared: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for year in ["2018-10-29", "2026-02-27"] {
        let list = shared.join(format!("lists/un/consolidated-{year}.xml"));
        vigil_ok(
            dir.path(),
            &[
                "lists",
                "import",
                "--source",
                "un-sc",
                // 2026 delists 201 of 2018's entities: real removals, past the 5% guard.
                "--allow-shrink",
                list.to_str().unwrap(),
            ],
        );
    }
    let subjects = dir.path().join("customers.csv");
    std::fs::write(
        &subjects,
        "id,name,schema,birth_date,nationality,id_number\n\
         cust-1,Hafiz Mohamad Saeed,person,1950-06-05,PK,\n",
    )
    .unwrap();
    vigil_ok(
        dir.path(),
        &[
            "subjects",
            "import",
            subjects.to_str().unwrap(),
            "--set",
            "retail",
        ],
    );
    add_user(dir.path(), "ana", "analyst", PASSWORD);
    add_user(dir.path(), "sam", "supervisor", PASSWORD);
    add_user(dir.path(), "sid", "screener", PASSWORD);
    add_user(dir.path(), "ada", "admin", PASSWORD);
    dir
}

#[test]
fn an_analyst_works_the_console_in_chromium() {
    if !browser_tools() {
        if std::env::var("VIGIL_REQUIRE_BROWSER").as_deref() == Ok("1") {
            panic!(
                "chromium, chromedriver or python3 selenium missing and VIGIL_REQUIRE_BROWSER=1"
            );
        }
        eprintln!("skipping: chromium, chromium-driver or python3 selenium not installed");
        return;
    }
    let Some(shared) = vigil_testkit::shared_data() else {
        return;
    };
    let data = console_data(&shared);
    let server = serve(data.path(), &[]);
    let shots: PathBuf = std::env::var_os("VIGIL_CONSOLE_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| data.path().join("screenshots"));
    let downloads = data.path().join("downloads");
    std::fs::create_dir_all(&shots).unwrap();
    std::fs::create_dir_all(&downloads).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/console_browser.py");
    let out = Command::new("python3")
        .arg(&script)
        .args([&server.base, PASSWORD])
        .arg(&shots)
        .arg(&downloads)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "console_browser.py failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("all checks passed"));
}
