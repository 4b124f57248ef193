//! Chromium is the judge: each case is a `fetch()` (or a WebSocket) from a page on one origin to an API on
//! another, and the outcome the browser reports must be the one the policy's decision API
//! predicts. Runs headless Debian Chromium inside a private network namespace (`unshare -n`)
//! that has only loopback: the test re-executes itself there, serves the pages and the APIs
//! in-process, counts every request that reaches the APIs, and drives Chromium over the
//! DevTools protocol.
//!
//! Without Chromium or `unshare` the test is skipped with a message, except under `CI=true`,
//! where it fails.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use corsage::{cors, Cors, RequestHead};

#[path = "browser/cdp.rs"]
mod cdp;
// Shared with the other tests; this one only runs itself inside a network namespace with it.
#[allow(dead_code)]
#[path = "../examples/readme.rs"]
mod readme_example;
#[allow(dead_code)]
mod support;

const CHROMIUM: &str = "/usr/lib/chromium/chromium";
const INSIDE: &str = "CORSAGE_BROWSER_SUITE_INSIDE";
const TEST_NAME: &str = "chromium_agrees_with_the_policy";

/// The API built for the browser cases; `README` (the example's own app) is the other one.
static BROWSER_API: Cors = cors! {
    allow {
        origins "http://127.0.0.1:3000", "localhost:3000";
        resource "/simple";
        resource "/put", methods: [get, put], headers: "x-custom";
        resource "/cred", methods: [get, post], credentials: true;
        resource "/nocred";
        resource "/expose", expose: "x-exposed";
        resource "/cached", methods: [put], max_age: 600;
        resource "/uncached", methods: [put], max_age: 0;
        resource "/cond", if: |request| request.uri().query().is_some_and(|q| q.contains("flag=on"));
        resource "/auth", headers: any;
        resource "/missing";
        resource "/boom";
    }
    allow {
        origins regex(r"^http://127\.0\.0\.1:300[3-4]$");
        resource "/simple";
    }
    allow {
        origins "null";
        resource "/sandboxed";
    }
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Page {
    /// `http://127.0.0.1:3000`, listed exactly (and as a bare host in the README policy).
    Listed,
    /// `http://localhost:3000`: a different host, listed as the bare `"localhost:3000"`.
    Localhost,
    /// `http://127.0.0.1:3002`: listed nowhere.
    Unlisted,
    /// `http://127.0.0.1:3003`: accepted by a regex.
    Regex,
    /// A sandboxed iframe (`sandbox="allow-scripts"`) in a page from 127.0.0.1:3000: its
    /// origin is opaque, so its requests say `Origin: null`. It posts its results to the page.
    Sandboxed,
}

impl Page {
    const ALL: [Page; 5] = [
        Page::Listed,
        Page::Localhost,
        Page::Unlisted,
        Page::Regex,
        Page::Sandboxed,
    ];

    fn origin(self) -> &'static str {
        match self {
            Page::Listed => "http://127.0.0.1:3000",
            Page::Localhost => "http://localhost:3000",
            Page::Unlisted => "http://127.0.0.1:3002",
            Page::Regex => "http://127.0.0.1:3003",
            Page::Sandboxed => "null",
        }
    }

    fn url(self) -> String {
        match self {
            Page::Sandboxed => "http://127.0.0.1:3000/frame-host".to_owned(),
            page => format!("{}/page-{page:?}", page.origin()),
        }
    }

    fn path(self) -> String {
        match self {
            Page::Sandboxed => "/sandboxed-frame".to_owned(),
            page => format!("/page-{page:?}"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Api {
    Browser,
    Readme,
}

impl Api {
    fn base(self) -> &'static str {
        match self {
            Api::Browser => "http://127.0.0.1:8001",
            Api::Readme => "http://127.0.0.1:8000",
        }
    }

    fn policy(self) -> Cors {
        match self {
            Api::Browser => BROWSER_API,
            Api::Readme => readme_example::CORS,
        }
    }
}

struct Case {
    id: &'static str,
    page: Page,
    api: Api,
    /// Path and query; the case id is appended to the query so that no two cases share a
    /// preflight cache entry.
    target: &'static str,
    method: &'static str,
    headers: &'static [(&'static str, &'static str)],
    credentials: bool,
    /// A response header the script reads.
    read: Option<&'static str>,
    /// Fetch twice, to see whether the second needs a preflight.
    twice: bool,
    /// Open a WebSocket to the target instead of fetching it, send `hello`, and wait for the
    /// echo.
    websocket: bool,
}

const fn case(id: &'static str, page: Page, api: Api, target: &'static str) -> Case {
    Case {
        id,
        page,
        api,
        target,
        method: "GET",
        headers: &[],
        credentials: false,
        read: None,
        twice: false,
        websocket: false,
    }
}

impl Case {
    const fn method(mut self, method: &'static str) -> Case {
        self.method = method;
        self
    }
    const fn headers(mut self, headers: &'static [(&'static str, &'static str)]) -> Case {
        self.headers = headers;
        self
    }
    const fn with_credentials(mut self) -> Case {
        self.credentials = true;
        self
    }
    const fn read(mut self, header: &'static str) -> Case {
        self.read = Some(header);
        self
    }
    const fn twice(mut self) -> Case {
        self.twice = true;
        self
    }
    const fn websocket(mut self) -> Case {
        self.websocket = true;
        self
    }

    fn target_with_id(&self) -> String {
        let separator = if self.target.contains('?') { '&' } else { '?' };
        format!("{}{separator}case={}", self.target, self.id)
    }

    fn url(&self) -> String {
        let base = self.api.base();
        match self.websocket {
            true => format!("ws{}{}", &base["http".len()..], self.target_with_id()),
            false => format!("{base}{}", self.target_with_id()),
        }
    }
}

const CUSTOM: &[(&str, &str)] = &[("x-custom", "1")];

fn cases() -> Vec<Case> {
    use Api::*;
    use Page::*;
    vec![
        case("simple-get-listed-origin", Listed, Browser, "/simple"),
        case("simple-get-unlisted-origin", Unlisted, Browser, "/simple"),
        case("bare-host-origin", Localhost, Browser, "/simple"),
        case("regex-origin", Regex, Browser, "/simple"),
        case("preflight-put-custom-header", Listed, Browser, "/put")
            .method("PUT")
            .headers(CUSTOM),
        case("preflight-method-not-listed", Listed, Browser, "/put")
            .method("DELETE")
            .headers(CUSTOM),
        case("preflight-header-not-listed", Listed, Browser, "/put")
            .method("PUT")
            .headers(&[("x-unlisted", "1")]),
        case("preflight-unlisted-origin", Unlisted, Browser, "/put")
            .method("PUT")
            .headers(CUSTOM),
        case(
            "credentials-on-credentialed-resource",
            Listed,
            Browser,
            "/cred",
        )
        .with_credentials(),
        case(
            "credentials-on-resource-without-credentials",
            Listed,
            Browser,
            "/nocred",
        )
        .with_credentials(),
        case("exposed-header-readable", Listed, Browser, "/expose").read("x-exposed"),
        case("unexposed-header-reads-null", Listed, Browser, "/expose").read("x-hidden"),
        case(
            "max-age-600-skips-second-preflight",
            Listed,
            Browser,
            "/cached",
        )
        .method("PUT")
        .twice(),
        case(
            "max-age-0-preflights-every-time",
            Listed,
            Browser,
            "/uncached",
        )
        .method("PUT")
        .twice(),
        case("if-true", Listed, Browser, "/cond?flag=on"),
        case("if-false", Listed, Browser, "/cond?flag=off"),
        case("authorization-with-headers-any", Listed, Browser, "/auth")
            .headers(&[("authorization", "Bearer token")]),
        case("status-404-readable", Listed, Browser, "/missing"),
        case("status-500-readable", Listed, Browser, "/boom"),
        case("null-origin-named", Sandboxed, Browser, "/sandboxed"),
        case("null-origin-not-named", Sandboxed, Browser, "/simple"),
        case("null-origin-against-star", Sandboxed, Readme, "/public/x"),
        case(
            "readme-file-at-put-with-token",
            Listed,
            Readme,
            "/file/at/report.txt",
        )
        .method("PUT")
        .headers(&[("x-domain-token", "t")])
        .read("some-custom-response-header"),
        case(
            "readme-file-at-bare-localhost",
            Localhost,
            Readme,
            "/file/at/report.txt",
        )
        .read("some-custom-response-header"),
        case(
            "readme-list-all-get-with-token",
            Listed,
            Readme,
            "/file/list_all/",
        )
        .headers(&[("x-domain-token", "t")]),
        case(
            "readme-list-all-post-refused",
            Listed,
            Readme,
            "/file/list_all/",
        )
        .method("POST")
        .headers(&[("x-domain-token", "t")]),
        case(
            "readme-list-all-unlisted-origin",
            Unlisted,
            Readme,
            "/file/list_all/",
        ),
        case("readme-public-star", Unlisted, Readme, "/public/x"),
        case("readme-public-prefix-itself", Listed, Readme, "/public"),
        case("readme-publicity-not-public", Listed, Readme, "/publicity"),
        case(
            "readme-api-v1-host-condition-false",
            Unlisted,
            Readme,
            "/api/v1/x",
        )
        .headers(&[("x-anything", "1")]),
        case(
            "websocket-listed-origin-echoes",
            Listed,
            Readme,
            "/file/at/live",
        )
        .websocket(),
        case(
            "websocket-unlisted-origin-refused",
            Unlisted,
            Readme,
            "/file/at/live",
        )
        .websocket(),
    ]
}

/// What the browser should report, and what the API should see, as the policy decides it.
#[derive(Debug, PartialEq)]
struct Outcome {
    /// `ok STATUS VALUE` where the script can read the response, `refused` otherwise.
    script: String,
    preflights: usize,
    reached_handler: usize,
}

fn status_of(target: &str) -> u16 {
    match target.split('?').next() {
        Some("/missing") => 404,
        Some("/boom") => 500,
        _ => 200,
    }
}

fn header_value_of(header: &str) -> &'static str {
    match header {
        "x-exposed" => "exposed-value",
        "x-hidden" => "hidden-value",
        "some-custom-response-header" => "exposed",
        _ => "",
    }
}

/// A request the way Chromium sends it, to ask the policy about.
fn browser_request(case: &Case, preflight: bool) -> http::Request<()> {
    let mut builder = http::Request::builder()
        .uri(case.target_with_id())
        .header("origin", case.page.origin())
        .header("host", &case.api.base()["http://".len()..]);
    if preflight {
        let mut names: Vec<&str> = case.headers.iter().map(|(name, _)| *name).collect();
        names.sort_unstable();
        builder = builder
            .method("OPTIONS")
            .header("access-control-request-method", case.method);
        if !names.is_empty() {
            builder = builder.header("access-control-request-headers", names.join(","));
        }
    } else {
        builder = builder.method(case.method);
        for (name, value) in case.headers {
            builder = builder.header(*name, *value);
        }
    }
    builder.body(()).unwrap()
}

/// The Fetch standard's outcome, with every CORS question answered by `Cors::decide`. The
/// cases use only non-safelisted request headers, so any header means a preflight.
fn expected(case: &Case) -> Outcome {
    let policy = case.api.policy();
    if case.websocket {
        // No preflight, no CORS check in the browser: the layer's refusal is the only guard.
        let handshake = http::Request::get(case.target_with_id())
            .header("origin", case.page.origin())
            .header("host", &case.api.base()["http://".len()..])
            .header("upgrade", "websocket")
            .header("connection", "upgrade")
            .body(())
            .unwrap();
        let blocked = policy.decide(&RequestHead::from(&handshake)).is_blocked();
        return Outcome {
            script: if blocked { "refused" } else { "ok echo hello" }.to_owned(),
            preflights: 0,
            reached_handler: usize::from(!blocked),
        };
    }
    let fetches = if case.twice { 2 } else { 1 };
    let needs_preflight =
        !matches!(case.method, "GET" | "HEAD" | "POST") || !case.headers.is_empty();
    let mut preflights = 0;
    if needs_preflight {
        let request = browser_request(case, true);
        let decision = policy.decide(&RequestHead::from(&request));
        let passes = decision.is_allowed() && (!case.credentials || decision.allows_credentials());
        if !passes {
            // A refused preflight is never followed by the request, nor retried in a loop.
            return Outcome {
                script: "refused".into(),
                preflights: 1,
                reached_handler: 0,
            };
        }
        preflights = if decision.max_age().unwrap_or(0) > 0 {
            1
        } else {
            fetches
        };
    }
    let request = browser_request(case, false);
    let decision = policy.decide(&RequestHead::from(&request));
    let readable = decision.is_allowed() && (!case.credentials || decision.allows_credentials());
    let script = if readable {
        let value = match case.read {
            Some(header) if decision.exposes(header) => format!("{:?}", header_value_of(header)),
            Some(_) => "null".to_owned(),
            None => "-".to_owned(),
        };
        format!("ok {} {value}", status_of(case.target))
    } else {
        "refused".to_owned()
    };
    // A refused simple request still reaches the handler once; the second fetch is not made.
    let reached_handler = if readable { fetches } else { 1 };
    Outcome {
        script,
        preflights,
        reached_handler,
    }
}

#[test]
fn chromium_agrees_with_the_policy() {
    if support::isolated::inside(INSIDE) {
        return inside_the_namespace();
    }
    let missing = if Path::new(CHROMIUM).exists() {
        support::isolated::unshare_unavailable()
    } else {
        Some(format!("Chromium is not installed ({CHROMIUM} is missing)"))
    };
    if let Some(missing) = missing {
        let install = "install it with: apt-get install -y chromium (as root)";
        return support::isolated::skip("the Chromium end-to-end suite", &missing, install);
    }
    support::isolated::rerun_inside(TEST_NAME, INSIDE, "browser suite:");
}

/// Requests one API saw, by case id: (method, had the cookie).
type Seen = Arc<Mutex<HashMap<String, Vec<(String, bool)>>>>;

struct Recorder {
    at_door: Seen,
    at_handler: Seen,
}

async fn record(State(seen): State<Seen>, request: Request, next: Next) -> Response {
    let case = request
        .uri()
        .query()
        .and_then(|query| query.split('&').find_map(|pair| pair.strip_prefix("case=")))
        .unwrap_or("")
        .to_owned();
    let had_cookie = request
        .headers()
        .get("cookie")
        .is_some_and(|c| c.as_bytes().windows(18).any(|w| w == b"suite=browser-test"));
    let method = request.method().to_string();
    seen.lock()
        .unwrap()
        .entry(case)
        .or_default()
        .push((method, had_cookie));
    next.run(request).await
}

/// Wraps an app in two recorders: one outside the CORS layer (every request, preflights
/// included) and one inside it (what reached the handlers).
fn recorded(app_inside_cors: Router, cors: Cors, recorder: &Recorder) -> Router {
    app_inside_cors
        .layer(middleware::from_fn_with_state(
            recorder.at_handler.clone(),
            record,
        ))
        .layer(cors)
        .layer(middleware::from_fn_with_state(
            recorder.at_door.clone(),
            record,
        ))
}

fn browser_api() -> Router {
    async fn ok(uri: axum::http::Uri) -> impl IntoResponse {
        let status = StatusCode::from_u16(status_of(uri.path())).unwrap();
        (
            status,
            [("x-exposed", "exposed-value"), ("x-hidden", "hidden-value")],
            "ok",
        )
    }
    Router::new().fallback(ok)
}

/// The page that runs `page`'s cases, one `fetch()` after another, and reports each outcome as
/// `<li id="CASE">` items (in its own DOM, or posted to the parent by the sandboxed frame).
fn page_html(page: Page, cases: &[Case]) -> String {
    let list: Vec<String> = cases
        .iter()
        .filter(|case| case.page == page)
        .map(|case| {
            let headers: Vec<String> = case
                .headers
                .iter()
                .map(|(name, value)| format!("{name:?}: {value:?}"))
                .collect();
            format!(
                "{{id: {:?}, url: {:?}, method: {:?}, headers: {{{}}}, credentials: {}, read: {}, twice: {}, websocket: {}}}",
                case.id,
                case.url(),
                case.method,
                headers.join(", "),
                if case.credentials { "\"include\"" } else { "\"same-origin\"" },
                case.read.map_or("null".to_owned(), |r| format!("{r:?}")),
                case.twice,
                case.websocket,
            )
        })
        .collect();
    format!(
        r#"<!doctype html><html><body><ul id="results"></ul><p id="done"></p><script>
const cases = [{}];
const inFrame = {};
(async () => {{
  const outcomes = [];
  for (const c of cases) {{
    let text;
    if (c.websocket) {{
      outcomes.push([c.id, await echo(c.url)]);
      continue;
    }}
    try {{
      let response;
      for (let i = 0; i < (c.twice ? 2 : 1); i++) {{
        // The default cache mode: with "no-store", Chromium skips its preflight cache too.
        response = await fetch(c.url, {{method: c.method, headers: c.headers, credentials: c.credentials}});
        await response.text();
      }}
      text = "ok " + response.status + " " + (c.read === null ? "-" : JSON.stringify(response.headers.get(c.read)));
    }} catch (error) {{
      text = "refused";
    }}
    outcomes.push([c.id, text]);
  }}
  if (inFrame) {{
    parent.postMessage(outcomes, "*");
  }} else {{
    report(outcomes);
  }}
}})();
{}
</script></body></html>"#,
        list.join(",\n"),
        page == Page::Sandboxed,
        REPORT_JS,
    )
}

/// Writes outcomes into the page: `<li id="CASE">TEXT</li>`, then `<p id="done">done</p>`.
/// `echo(url)` opens a WebSocket, sends `hello`, and resolves to `ok echo MESSAGE`, or to
/// `refused` when the handshake fails.
const REPORT_JS: &str = r#"function echo(url) {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.onopen = () => socket.send("hello");
    socket.onmessage = (event) => { resolve("ok echo " + event.data); socket.close(); };
    socket.onerror = () => resolve("refused");
    socket.onclose = () => resolve("refused");
  });
}
function report(outcomes) {
  for (const [id, text] of outcomes) {
    const item = document.createElement("li");
    item.id = id;
    item.textContent = text;
    document.getElementById("results").appendChild(item);
  }
  document.getElementById("done").textContent = "done";
}"#;

/// Hosts the sandboxed frame, and reports what it posts.
fn frame_host_html() -> String {
    format!(
        r#"<!doctype html><html><body><ul id="results"></ul><p id="done"></p>
<script>{REPORT_JS}
window.addEventListener("message", (event) => report(event.data));
</script>
<iframe sandbox="allow-scripts" src="{}"></iframe></body></html>"#,
        Page::Sandboxed.path()
    )
}

fn pages(cases: &[Case]) -> Router {
    let host = frame_host_html();
    let mut router = Router::new().route(
        "/frame-host",
        get(move || async move { ([("content-type", "text/html")], host) }),
    );
    for page in Page::ALL {
        let html = page_html(page, cases);
        router = router.route(
            &page.path(),
            get(move || async move {
                let mut headers = HeaderMap::new();
                headers.insert("content-type", HeaderValue::from_static("text/html"));
                // Cookies are per host, not port: this one goes with credentialed requests
                // to 127.0.0.1:8001.
                headers.insert(
                    "set-cookie",
                    HeaderValue::from_static("suite=browser-test; Path=/; SameSite=Lax"),
                );
                (headers, html)
            }),
        );
    }
    router
}

async fn serve(router: Router, address: &str) {
    let address: SocketAddr = address.parse().unwrap();
    let listener = tokio::net::TcpListener::bind(address).await.unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
}

const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    // The standard's rule that `Access-Control-Allow-Headers: *` does not cover
    // `Authorization` (off by default in this build).
    "--enable-features=CorsNonWildcardRequestHeadersSupport",
    "about:blank",
];

/// Opens every page in one Chromium, each in a browser context of its own, and returns each
/// page's HTML once it says it is done.
fn run_chromium() -> (HashMap<Page, String>, String) {
    let profile = std::env::temp_dir().join(format!("corsage-chromium-{}", std::process::id()));
    let mut browser =
        cdp::Browser::launch(CHROMIUM, CHROMIUM_FLAGS, &profile, Duration::from_secs(90));
    let version = browser.version();
    let mut doms = HashMap::new();
    for page in Page::ALL {
        let ready = "document.getElementById('done')?.textContent === 'done'";
        doms.insert(
            page,
            browser.page_html(&page.url(), ready, Duration::from_secs(30)),
        );
    }
    drop(browser);
    let _ = std::fs::remove_dir_all(&profile);
    (doms, version)
}

/// `<li id="ID">TEXT</li>` items of a page's HTML.
fn results_of(dom: &str) -> HashMap<String, String> {
    let mut results = HashMap::new();
    for item in dom.split("<li id=\"").skip(1) {
        let Some((id, rest)) = item.split_once("\">") else {
            continue;
        };
        let Some((text, _)) = rest.split_once("</li>") else {
            continue;
        };
        let text = text.replace("&quot;", "\"").replace("&amp;", "&");
        results.insert(id.to_owned(), text);
    }
    results
}

fn inside_the_namespace() {
    let started = Instant::now();
    support::isolated::loopback_up();
    let cases = cases();
    let browser = Recorder {
        at_door: Seen::default(),
        at_handler: Seen::default(),
    };
    let readme = Recorder {
        at_door: Seen::default(),
        at_handler: Seen::default(),
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        serve(
            recorded(browser_api(), BROWSER_API, &browser),
            "127.0.0.1:8001",
        )
        .await;
        serve(
            recorded(readme_example::app(), readme_example::CORS, &readme),
            "127.0.0.1:8000",
        )
        .await;
        for address in [
            "127.0.0.1:3000",
            "[::1]:3000",
            "127.0.0.1:3002",
            "127.0.0.1:3003",
        ] {
            serve(pages(&cases), address).await;
        }
    });
    // The servers go on in the runtime's worker threads while this thread drives Chromium.
    let (doms, chromium_version) = run_chromium();
    let mut results = HashMap::new();
    for (page, dom) in &doms {
        assert!(
            dom.contains("<p id=\"done\">done</p>"),
            "the page {page:?} did not finish:\n{dom}"
        );
        results.extend(results_of(dom));
    }
    let count = |recorder: &Recorder, at_door: bool, id: &str, options: bool| {
        let seen = if at_door {
            &recorder.at_door
        } else {
            &recorder.at_handler
        };
        seen.lock().unwrap().get(id).map_or(0, |requests| {
            requests
                .iter()
                .filter(|(method, _)| (method == "OPTIONS") == options)
                .count()
        })
    };
    let mut disagreements = Vec::new();
    for case in &cases {
        let recorder = match case.api {
            Api::Browser => &browser,
            Api::Readme => &readme,
        };
        let actual = Outcome {
            script: results
                .get(case.id)
                .cloned()
                .unwrap_or_else(|| "no result".into()),
            preflights: count(recorder, true, case.id, true),
            reached_handler: count(recorder, false, case.id, false),
        };
        let expected = expected(case);
        let verdict = if actual == expected {
            "agree"
        } else {
            "DISAGREE"
        };
        println!(
            "{verdict:8} {:45} browser: {:28} preflights {} handler {}   policy: {} / {} / {}",
            case.id,
            actual.script,
            actual.preflights,
            actual.reached_handler,
            expected.script,
            expected.preflights,
            expected.reached_handler
        );
        if actual != expected {
            disagreements.push(case.id);
        }
        if case.credentials && actual.script.starts_with("ok") {
            let cookie_sent = recorder.at_handler.lock().unwrap()[case.id]
                .iter()
                .all(|(_, had_cookie)| *had_cookie);
            assert!(
                cookie_sent,
                "{}: the credentialed request came without the cookie",
                case.id
            );
        }
    }
    println!(
        "browser suite: {} cases, {} disagreements, {chromium_version}, {:.1} s",
        cases.len(),
        disagreements.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        disagreements.is_empty(),
        "Chromium disagreed with the policy on {disagreements:?}"
    );
}

#[test]
fn the_readme_shows_the_example_policy() {
    let example = include_str!("../examples/readme.rs");
    let readme = include_str!("../README.md");
    let start = example.find("static CORS").unwrap();
    let end = start + example[start..].find("\n};").unwrap() + 3;
    let policy = &example[start..end];
    assert!(
        readme.contains(policy),
        "README.md and examples/readme.rs show different policies:\n{policy}"
    );
}
