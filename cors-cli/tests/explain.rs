//! `corsage explain` says what `Live::decide` decides, on requests generated over the example
//! policy file's origins, paths, methods and headers, as preflights and as requests.

mod support;

use corsage::{Functions, Live, Policy, RequestHead};
use support::corsage;

const FILE: &str = "../examples/policy.toml";

#[test]
fn the_command_decides_as_the_library_does() {
    let text = std::fs::read_to_string(FILE).unwrap();
    let live = Live::new(Policy::from_toml(&text).unwrap(), Functions::new()).unwrap();
    let origins = [
        "http://localhost:3000",
        "https://app.example.com",
        "http://192.168.0.7",
        "https://evil.example",
    ];
    let paths = ["/file/at/x", "/file/list_all/", "/public/a", "/other"];
    let mut checked = 0;
    for origin in origins {
        for path in paths {
            for (method, header) in [
                ("GET", None),
                ("PUT", Some("x-domain-token")),
                ("DELETE", None),
            ] {
                for preflight in [false, true] {
                    let mut args = vec![
                        "explain", "--format", "json", FILE, "--origin", origin, "--path", path,
                        "--method", method,
                    ];
                    let mut request = http::Request::builder().uri(path).header("origin", origin);
                    if preflight {
                        args.push("--preflight");
                        request = request
                            .method("OPTIONS")
                            .header("access-control-request-method", method);
                        if let Some(header) = header {
                            args.extend(["--header", header]);
                            request = request.header("access-control-request-headers", header);
                        }
                    } else {
                        request = request.method(method);
                    }
                    let request = request.body(()).unwrap();
                    let snapshot = live.snapshot();
                    let decision = snapshot.decide(&RequestHead::from(&request));
                    let (code, stdout, stderr) = corsage(&args);
                    let answer: serde_json::Value =
                        serde_json::from_str(&stdout).unwrap_or_else(|_| panic!("{stderr}"));
                    let at = format!("{origin} {method} {path} preflight={preflight}");
                    assert_eq!(answer["allowed"], decision.is_allowed(), "{at}");
                    assert_eq!(code, if decision.is_allowed() { 0 } else { 2 }, "{at}");
                    assert_eq!(answer["reason"], decision.reason().name(), "{at}");
                    assert_eq!(answer["kind"], decision.kind().name(), "{at}");
                    let rule = decision.reason().rule().map(
                        |rule| serde_json::json!({"block": rule.block, "resource": rule.resource}),
                    );
                    assert_eq!(
                        answer["rule"],
                        rule.unwrap_or(serde_json::Value::Null),
                        "{at}"
                    );
                    if !decision.is_allowed() {
                        assert!(answer["console"].as_str().unwrap().starts_with(&format!("Access to fetch at '{path}' from origin '{origin}' has been blocked by CORS policy: ")), "{at}");
                    }
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 96);
}

#[test]
fn a_refused_method_names_the_fix() {
    let (code, stdout, _) = corsage(&[
        "explain",
        FILE,
        "--origin",
        "https://app.example.com",
        "--path",
        "/file/at/x",
        "--method",
        "DELETE",
        "--preflight",
    ]);
    assert_eq!(code, 2);
    assert!(stdout.contains("reason: method-refused"), "{stdout}");
    assert!(
        stdout.contains(
            "add \"DELETE\" to the `methods` of the resource \"/file/at/*\" (allow[0].resource[0])"
        ),
        "{stdout}"
    );
}
