//! Whole policies from configuration files: read with serde (TOML here), checked by the same
//! checker as `cors!`, every problem reported at its path in the document, the same message as
//! the macro's for the same mistake, and nothing panics on any input.

use std::path::Path;

use corsage::{Functions, Live, Policy, RequestHead};
use proptest::prelude::*;

#[path = "../../examples/live.rs"]
#[allow(dead_code)]
mod live_example;

fn problems_of(toml_text: &str) -> String {
    let policy: Policy = toml::from_str(toml_text).expect("the document parses");
    Live::new(policy, Functions::new())
        .map(drop)
        .unwrap_err()
        .to_string()
}

#[test]
fn the_example_policy_file_serves_the_readme_policy() {
    let live = live_example::load(Path::new("examples/policy.toml")).unwrap();
    let snapshot = live.snapshot();
    snapshot
        .probe("GET /file/at/report.txt")
        .origin("http://localhost:3000")
        .assert_allowed();
    snapshot
        .probe("GET /file/at/report.txt")
        .origin("http://192.168.0.17:8080")
        .assert_allowed();
    snapshot
        .probe("OPTIONS /file/at/x")
        .origin("https://app.example.com")
        .request_method("PUT")
        .request_headers("x-domain-token")
        .decide(|decision| {
            assert!(decision.is_allowed());
            assert_eq!(decision.max_age(), Some(600));
        });
    snapshot
        .probe("GET /public/index.html")
        .origin("https://anyone.example")
        .assert_allowed();
    snapshot
        .probe("GET /file/at/x")
        .origin("https://evil.example")
        .assert_reason("OriginRefused");
}

#[test]
fn every_problem_of_a_file_is_reported_at_its_path() {
    let problems = problems_of(
        r#"
        [settings]
        refused_preflight_status = 302

        [[allow]]
        origins = ["https://app.example.com/", "https://*.github.io", { regex = 'https://.*example\.com' }]

          [[allow.resource]]
          path = "api/*"
          methods = ["get", "TRACE", "GET"]
          headers = ["x-token", "cookie", "X-Token"]
          max_age = 100000
          credentials = true

        [[allow]]
        origins = []
        "#,
    );
    let lines: Vec<&str> = problems.lines().collect();
    assert_eq!(
        lines,
        [
            "settings.refused_preflight_status: a refused preflight's status is a 2xx, 4xx or 5xx code, such as 403 (the default) or 204",
            "allow[0].origins[0]: an origin has no trailing slash, and browsers never send one; write \"https://app.example.com\"",
            "allow[0].origins[1]: `github.io` is a public suffix (anyone can register a site under it), so `*.github.io` would allow strangers' sites; name your own domain, as in \"https://*.yours.github.io\"",
            "allow[0].origins[2]: this regex accepts \"https://aexample.com\", which is neither `example.com` nor a subdomain of one, and anyone can register it; a prefix attack: put a `\\.` before the domain, as in r\"^https://([a-z0-9-]+\\.)*example\\.com$\"",
            "allow[0].resource[0].path: a path pattern starts with `/` (or is \"*\" for every path); write \"/api/*\"",
            "allow[0].resource[0].methods[1]: `TRACE` can never be allowed: the Fetch standard forbids it in cross-origin requests; remove it",
            "allow[0].resource[0].methods[2]: `GET` is listed twice; remove one",
            "allow[0].resource[0].headers[1]: browsers never let scripts set \"cookie\" (a forbidden request header), so allowing it has no effect; remove it",
            "allow[0].resource[0].headers[2]: \"x-token\" is listed twice (header names ignore case); remove one",
            "allow[0].resource[0].max_age: `max_age` is a number of seconds from 0 to 86400 (browsers cap it there: Chromium at 7200); write 86400 or less",
            "allow[0].resource[0].credentials: `credentials = true` with the wildcard origin \"https://*.github.io\": any subdomain, and whoever controls one of them; if that is what you mean, write `unsafe = true` in the `[[allow]]` table to say so, or list exact https origins (this origin: allow[0].origins[1])",
            "allow[1]: this `[[allow]]` table has no `origins`; add them, such as `origins = [\"https://app.example.com\"]`, or name the block (`name = \"tenants\"`) to fill its origins while serving",
            "allow[1]: this `[[allow]]` table has no `[[allow.resource]]`; add one, such as `path = \"/api/*\"`, or `path = \"*\"` for every path",
        ]
    );
}

/// Rules that could never match what a browser sends are refused, from a file as from the macro.
#[test]
fn rules_that_can_never_match_are_refused() {
    let problems = problems_of(
        r#"
        [[allow]]
        origins = ["wss://app.example.com", "http://*.168.0.1:3000"]
          [[allow.resource]]
          path = "/api/*"
          methods = ["*"]
          headers = "*"
          vary = ["*"]
          expose = ["*", "x-total"]
          credentials = true

        [[allow]]
        origins = ["*"]
          [[allow.resource]]
          path = "/device/*"
          private_network = true
        "#,
    );
    let lines: Vec<&str> = problems.lines().collect();
    assert_eq!(
        lines,
        [
            "allow[0].origins[0]: browsers send the origin of the page, never a wss:// origin (a WebSocket opened by an https page sends https://...); write \"https://app.example.com\"",
            "allow[0].origins[1]: `168.0.1` is (part of) an IP address, which has no subdomains, so `*.168.0.1` matches no origin a browser sends; list the addresses, as in \"http://192.168.0.10:3000\"",
            "allow[0].resource[0].methods[0]: a browser never sends a method named `*`; write `methods = \"any\"` for the standard methods, or list them",
            "allow[0].resource[0].headers[0]: a browser never sends a header named `*`; write `headers = \"any\"` to accept any header, or list them",
            "allow[0].resource[0].expose: `expose = \"any\"` (or `\"*\"`) is not honoured with credentials (browsers read `*` as a header named \"*\"); list the header names",
            "allow[0].resource[0].vary[0]: `Vary: *` would make every response uncacheable; list the request headers the response depends on",
            "allow[1].resource[0].private_network: `private_network = true` cannot be used in a block that allows \"*\" (any origin): every site on the internet could reach the user's local network; move the origins that need it to a block of their own (allowed here: allow[1].origins[0])",
        ]
    );
}

#[test]
fn refuse_others_where_every_origin_is_allowed_is_refused() {
    let problems = problems_of(
        r#"
        [[allow]]
        origins = ["*"]
          [[allow.resource]]
          path = "/transfer"
          methods = ["POST"]
          refuse_others = true
        "#,
    );
    assert_eq!(
        problems,
        "allow[0].resource[0].refuse_others: `refuse_others = true` does nothing in a block that allows \"*\": every origin is allowed on this path, none refused; remove it, or move the resource to a block that lists its origins (allowed here: allow[0].origins[0])"
    );
}

/// Credentials with a plain-http private-network address: accepted while developing, refused in
/// a release build unless the block is `unsafe`; loopback everywhere.
#[test]
fn private_network_addresses_with_credentials_are_refused_in_release_builds() {
    let policy = |unsafe_: bool, origin: &str| -> Policy {
        toml::from_str(&format!(
            "[[allow]]\nunsafe = {unsafe_}\norigins = [{origin:?}]\n[[allow.resource]]\npath = \"/api/*\"\ncredentials = true\n"
        ))
        .unwrap()
    };
    let lan = policy(false, "http://192.168.1.10:3000");
    let every_build = lan.check_every_build(&Functions::new()).unwrap_err();
    let problem = every_build.iter().next().unwrap();
    assert!(problem.release_only());
    assert!(
        problem
            .message()
            .contains("every café and office network reuses such addresses")
    );
    assert_eq!(
        problem.location().to_string(),
        "allow[0].resource[0].credentials"
    );
    // This test runs in a debug build: the policy loads.
    assert_eq!(cfg!(debug_assertions), lan.check(&Functions::new()).is_ok());
    // `unsafe` acknowledges it (and is not needless), in every build.
    assert!(
        policy(true, "http://192.168.1.10:3000")
            .check_every_build(&Functions::new())
            .is_ok()
    );
    assert!(
        policy(false, "http://localhost:3000")
            .check_every_build(&Functions::new())
            .is_ok()
    );
    assert!(
        policy(true, "http://localhost:3000")
            .check_every_build(&Functions::new())
            .unwrap_err()
            .to_string()
            .contains("needs no `unsafe`")
    );
}

/// The checker is the macro's: for the same mistake, a file gets the very message the compiler
/// prints (pinned in the UI cases), apart from the location.
#[test]
fn a_file_gets_the_macros_message_for_the_same_mistake() {
    let cases = [
        (
            "origin_trailing_slash",
            r#"origins = ["https://app.example.com/"]"#,
            r#"path = "/api/*""#,
        ),
        (
            "origin_wildcard_on_public_suffix",
            r#"origins = ["https://*.github.io"]"#,
            r#"path = "/api/*""#,
        ),
        (
            "header_listed_twice",
            r#"origins = ["https://app.example.com"]"#,
            r#"path = "/api/*"
          headers = ["x-token", "X-Token"]"#,
        ),
        (
            "method_forbidden",
            r#"origins = ["https://app.example.com"]"#,
            r#"path = "/api/*"
          methods = ["GET", "TRACE"]"#,
        ),
    ];
    for (case, origins, resource) in cases {
        let problems = problems_of(&format!(
            "[[allow]]\n{origins}\n  [[allow.resource]]\n  {resource}\n"
        ));
        let (_, message) = problems.split_once(": ").unwrap();
        let stderr =
            std::fs::read_to_string(format!("cors-macros/tests/ui/{case}.stderr")).unwrap();
        let first = stderr.lines().next().unwrap();
        assert_eq!(first, format!("error: {message}"), "{case}");
    }
}

/// The file front end maps each problem's place to the line and column it was written at; the
/// problems come in the order written.
#[test]
fn problems_point_at_the_line_and_column_in_the_file() {
    let text = r#"[settings]
refused_preflight_status = 302
hosts = ["api.example.com", "http://localhost:8000"]

[[allow]]
name = "app"
origins = ["https://a.example", "https://A.example"]

  [[allow.resource]]
  path = "api"
  headers = ["x-token", "cookie"]
  max_age = 100000
  public_socket = true
  credentials = true
"#;
    let policy: Policy = toml::from_str(text).unwrap();
    let problems = Live::new(policy, Functions::new()).map(drop).unwrap_err();
    let places: Vec<(String, Option<(usize, usize)>)> = problems
        .in_file(text)
        .into_iter()
        .map(|p| (p.place.unwrap(), Some((p.line, p.column))))
        .collect();
    assert_eq!(
        places,
        [
            (
                "settings.refused_preflight_status".to_owned(),
                Some((2, 28))
            ),
            ("settings.hosts[1]".to_owned(), Some((3, 29))),
            ("allow[0].origins[1]".to_owned(), Some((7, 33))),
            ("allow[0].resource[0].path".to_owned(), Some((10, 10))),
            ("allow[0].resource[0].headers[1]".to_owned(), Some((11, 25))),
            ("allow[0].resource[0].max_age".to_owned(), Some((12, 13))),
            (
                "allow[0].resource[0].public_socket".to_owned(),
                Some((13, 19))
            ),
        ]
    );
    let messages: Vec<String> = problems.iter().map(|p| p.message().to_owned()).collect();
    assert_eq!(
        [&messages[1], &messages[6]],
        [
            "a host has no scheme: requests name the host and port alone; write \"localhost:8000\"",
            "`public_socket = true` with `credentials = true`: a socket is either public or the user's; split the paths, or remove one",
        ]
    );
}

/// A file that names an origin function and a condition, which the program registers.
const FUNCTIONS_POLICY: &str = r#"
    [[allow]]
    unsafe = true
    origins = [{ function = "is_partner" }]
      [[allow.resource]]
      path = "/api/*"
      if = "is_beta"
      credentials = true
"#;

#[test]
fn functions_are_named_in_the_file_and_registered_by_the_program() {
    let text = FUNCTIONS_POLICY;
    assert_eq!(
        problems_of(text),
        "allow[0].origins[0]: no origin function is registered as `is_partner` (none is registered); register it with `Functions::origin` before loading the policy\n\
         allow[0].resource[0].if: no condition is registered as `is_beta` (none is registered); register it with `Functions::condition` before loading the policy"
    );
    fn is_partner(origin: &str, _: &RequestHead<'_>) -> bool {
        origin.ends_with(".partner.example")
    }
    let functions = Functions::new()
        .origin("is_partner", is_partner)
        .condition("is_beta", |head| head.headers().contains_key("x-beta"));
    let live = Live::new(toml::from_str(text).unwrap(), functions).unwrap();
    let snapshot = live.snapshot();
    snapshot
        .probe("GET /api/x")
        .origin("https://a.partner.example")
        .header("x-beta", "1")
        .assert_allowed();
    snapshot
        .probe("GET /api/x")
        .origin("https://a.partner.example")
        .assert_reason("ConditionFalse");
}

/// Functions may be closures that hold state loaded at start-up, shared with the program.
#[test]
fn functions_may_be_closures_that_hold_state() {
    use std::collections::HashSet;
    use std::sync::{Arc, RwLock};
    let text = FUNCTIONS_POLICY;
    let partners: Arc<RwLock<HashSet<String>>> = Arc::default();
    let beta = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let functions = Functions::new()
        .origin("is_partner", {
            let partners = partners.clone();
            move |origin, _| partners.read().unwrap().contains(origin)
        })
        .condition("is_beta", {
            let beta = beta.clone();
            move |_| beta.load(std::sync::atomic::Ordering::Relaxed)
        });
    let live = Live::new(toml::from_str(text).unwrap(), functions).unwrap();
    let probe = |origin: &str, expected: &str| {
        live.snapshot()
            .probe("GET /api/x")
            .origin(origin)
            .assert_reason(expected);
    };
    probe("https://a.partner.example", "OriginRefused");
    partners
        .write()
        .unwrap()
        .insert("https://a.partner.example".to_owned());
    probe("https://a.partner.example", "Allowed");
    beta.store(false, std::sync::atomic::Ordering::Relaxed);
    probe("https://a.partner.example", "ConditionFalse");
}

#[test]
fn a_reload_that_fails_keeps_the_running_policy() {
    let directory = std::env::temp_dir().join(format!("corsage-config-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let path = directory.join("policy.toml");
    std::fs::copy("examples/policy.toml", &path).unwrap();
    let live = live_example::load(&path).unwrap();
    // A syntax error, then a policy that fails a check: both refused, with where and why.
    std::fs::write(&path, "[[allow]\norigins = [").unwrap();
    let syntax = live_example::reload(&live, &path).unwrap_err();
    let expected = "1:9: unclosed array table, expected `]`";
    assert_eq!(syntax, format!("{}:{expected}", path.display()));
    std::fs::write(
        &path,
        "[[allow]]\norigins = [\"https://new.example/\"]\n[[allow.resource]]\npath = \"*\"\n",
    )
    .unwrap();
    let refused = live_example::reload(&live, &path).unwrap_err();
    assert_eq!(
        refused,
        format!(
            "{}:2:12: allow[0].origins[0]: an origin has no trailing slash, and browsers never send one; write \"https://new.example\"",
            path.display()
        )
    );
    live.snapshot()
        .probe("GET /file/at/x")
        .origin("http://localhost:3000")
        .assert_allowed();
    // A good file takes effect.
    std::fs::write(
        &path,
        "[[allow]]\norigins = [\"https://new.example\"]\n[[allow.resource]]\npath = \"*\"\n",
    )
    .unwrap();
    live_example::reload(&live, &path).unwrap();
    let snapshot = live.snapshot();
    snapshot
        .probe("GET /file/at/x")
        .origin("https://new.example")
        .assert_allowed();
    snapshot
        .probe("GET /file/at/x")
        .origin("http://localhost:3000")
        .assert_reason("OriginRefused");
    std::fs::remove_dir_all(&directory).unwrap();
}

const WORDS: &[&str] = &[
    "*",
    "null",
    "any",
    "https://a.example",
    "https://*.example.com",
    "http://localhost:3000",
    "/api/*",
    "/users/:id",
    "api",
    "GET",
    "get",
    "TRACE",
    "x-token",
    "cookie",
    "a,b",
    "",
    " ",
    "é",
    "https://A.example:443/",
    "^https://(a|b)\\.example\\.com$",
    "(",
    ".*",
    "tenants",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(WORDS).prop_map(str::to_owned),
        ".{0,12}",
    ]
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        word().prop_map(|w| format!("{w:?}")),
        proptest::collection::vec(word(), 0..4).prop_map(|ws| format!("{ws:?}")),
        word().prop_map(|w| format!("{{ regex = {w:?} }}")),
        word().prop_map(|w| format!("{{ function = {w:?} }}")),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
    ]
}

const KEYS: &[&str] = &[
    "origins",
    "name",
    "unsafe",
    "path",
    "methods",
    "headers",
    "expose",
    "max_age",
    "credentials",
    "if",
    "vary",
    "private_network",
    "refuse_others",
    "refused_preflight_status",
    "allowed_preflight_status",
    "debug_header",
    "decision_in_extensions",
];

fn document() -> impl Strategy<Value = String> {
    let line = (
        proptest::sample::select(&["[[allow]]", "[[allow.resource]]", "[settings]", ""][..]),
        proptest::sample::select(KEYS),
        value(),
    )
        .prop_map(|(table, key, value)| format!("{table}\n{key} = {value}\n"));
    proptest::collection::vec(line, 0..12).prop_map(|lines| lines.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// Any document: a parse error or a policy; any policy: checked, never a panic; a policy
    /// that passes serves.
    #[test]
    fn loading_never_panics(text in prop_oneof![document(), ".{0,200}"]) {
        if let Ok(policy) = toml::from_str::<Policy>(&text) {
            if let Ok(live) = Live::new(policy.clone(), Functions::new()) {
                live.snapshot().probe("GET /api/x").origin("https://a.example").decide(|_| ());
                prop_assert!(policy.check(&Functions::new()).is_ok());
            }
        }
    }
}

/// The example as users run it: a real process, a policy file, SIGHUP.
mod live_example_process {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpStream;
    use std::process::{ChildStderr, Command, Stdio};

    use crate::support::example::Running;

    struct Server {
        child: Running,
        stderr: BufReader<ChildStderr>,
        address: String,
    }

    impl Server {
        fn start(policy: &std::path::Path) -> Server {
            let mut child = Command::new(crate::support::example::binary("live"))
                .env("CORS_POLICY", policy)
                .env("PORT", "0")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("cargo test builds examples/live");
            let address = crate::support::example::banner_address(&mut child);
            let stderr = BufReader::new(child.stderr.take().unwrap());
            Server {
                child: Running(child),
                stderr,
                address,
            }
        }

        /// `Access-Control-Allow-Origin` of a GET to `path` from `origin`.
        fn allow_origin(&self, path: &str, origin: &str) -> Option<String> {
            let mut stream = TcpStream::connect(&self.address).unwrap();
            write!(
                stream,
                "GET {path} HTTP/1.1\r\nHost: {}\r\nOrigin: {origin}\r\nConnection: close\r\n\r\n",
                self.address
            )
            .unwrap();
            let mut response = String::new();
            stream.read_to_string(&mut response).unwrap();
            assert!(response.starts_with("HTTP/1.1 200"), "{response}");
            response.lines().find_map(|line| {
                let (name, value) = line.split_once(": ")?;
                name.eq_ignore_ascii_case("access-control-allow-origin")
                    .then(|| value.to_owned())
            })
        }

        /// Sends SIGHUP and returns what the server printed about it.
        fn hang_up(&mut self) -> String {
            let status = Command::new("kill")
                .args(["-HUP", &self.child.0.id().to_string()])
                .status()
                .unwrap();
            assert!(status.success());
            let mut said = String::new();
            loop {
                let mut line = String::new();
                assert!(self.stderr.read_line(&mut line).unwrap() > 0, "{said}");
                said.push_str(&line);
                if line.starts_with("reloaded") || line.starts_with("(still serving") {
                    return said;
                }
            }
        }
    }

    #[test]
    fn sighup_reloads_the_file_and_a_bad_file_keeps_the_running_policy() {
        let directory =
            std::env::temp_dir().join(format!("corsage-live-example-{}", std::process::id()));
        std::fs::create_dir_all(&directory).unwrap();
        let path = directory.join("policy.toml");
        std::fs::copy("examples/policy.toml", &path).unwrap();
        let mut server = Server::start(&path);
        let app = "https://app.example.com";
        assert_eq!(server.allow_origin("/file/at/x", app).as_deref(), Some(app));

        std::fs::write(
            &path,
            "[[allow]]\norigins = [\"https://new.example/\"]\n[[allow.resource]]\npath = \"*\"\nheaders = [\"cookie\"]\n",
        )
        .unwrap();
        let refused = server.hang_up();
        assert!(
            refused.contains(":2:12: allow[0].origins[0]: an origin has no trailing slash"),
            "{refused}"
        );
        assert!(
            refused.contains(
                "allow[0].resource[0].headers[0]: browsers never let scripts set \"cookie\""
            ),
            "{refused}"
        );
        assert_eq!(server.allow_origin("/file/at/x", app).as_deref(), Some(app));

        std::fs::write(
            &path,
            "[[allow]]\norigins = [\"https://new.example\"]\n[[allow.resource]]\npath = \"*\"\n",
        )
        .unwrap();
        assert!(server.hang_up().starts_with("reloaded"));
        assert_eq!(server.allow_origin("/file/at/x", app), None);
        assert_eq!(
            server
                .allow_origin("/anything", "https://new.example")
                .as_deref(),
            Some("https://new.example")
        );
        drop(server);
        std::fs::remove_dir_all(&directory).unwrap();
    }
}

/// Unknown keys are errors everywhere in a file, inline tables included, at their line and
/// column: a regex's flag written beside it is not silently dropped.
#[test]
fn unknown_keys_in_inline_tables_are_errors_at_their_place() {
    for (origin, expected) in [
        (
            r#"{ function = "f", regex = '^https://a\.example$' }"#,
            "an origin is written as a string, `{ regex = '...' }` or `{ function = \"name\" }`, with exactly one key",
        ),
        (
            r#"{ regex = '^https://a\.example$', case_insensitive = true }"#,
            "unknown key `case_insensitive` in an origin (flags go inside the regex, as in '(?i)^https://app\\.example\\.com$')",
        ),
        (
            r#"{ regx = '^https://a\.example$' }"#,
            "unknown key `regx` in an origin; did you mean `regex`?",
        ),
        (r#"{ regex = true }"#, "`regex` in an origin takes a string"),
    ] {
        let text = format!("[[allow]]\norigins = [{origin}]\n[[allow.resource]]\npath = \"*\"\n");
        let error = toml::from_str::<Policy>(&text).unwrap_err();
        assert!(error.message().starts_with(expected), "{origin}: {error}");
        let span = error.span().expect("the error has its place");
        let line = text[..span.start].matches('\n').count() + 1;
        assert_eq!(line, 2, "{origin}: {error}");
    }
    let text = "[[allow]]\norigins = [\"https://a.example\"]\n[[allow.resource]]\npath = { regex = '^/a$', flags = \"i\" }\n";
    let error = toml::from_str::<Policy>(text).unwrap_err();
    assert!(
        error
            .message()
            .starts_with("unknown key `flags` in a path (flags go inside the regex"),
        "{error}"
    );
}

/// The option and setting names the macro's grammar and the checker's places use are a file's
/// keys, one for one.
#[test]
fn option_and_setting_names_are_the_files_keys() {
    let resource = corsage::Resource {
        methods: Some(corsage::Names::Any),
        headers: Some(corsage::Names::Any),
        expose: Some(corsage::Names::Any),
        max_age: Some(1),
        condition: Some("f".into()),
        vary: Some(corsage::Names::Any),
        ..corsage::Resource::default()
    };
    let keys = |value: serde_json::Value| -> std::collections::BTreeSet<String> {
        value.as_object().unwrap().keys().cloned().collect()
    };
    let mut options = keys(serde_json::to_value(resource).unwrap());
    options.remove("path");
    let names = corsage::OptionName::ALL
        .iter()
        .map(|n| n.to_string())
        .collect();
    assert_eq!(options, names);
    let settings = keys(serde_json::to_value(corsage::Settings::default()).unwrap());
    let names = corsage::SettingName::ALL
        .iter()
        .map(|n| n.to_string())
        .collect();
    assert_eq!(settings, names);
}
