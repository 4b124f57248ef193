//! Real browsers are the judges: each case is a `fetch()` (or a WebSocket) from a page on one
//! origin to an API on another, and the outcome each engine reports must be the one the
//! policy's decision API predicts. Blink (Chromium), Gecko (Firefox ESR) and WebKit (WebKitGTK's
//! MiniBrowser) run every case, from Debian's packages, inside a private network namespace
//! (`unshare -n`) that has only loopback: the test re-executes itself there, serves the pages
//! and the APIs in-process, counts every request that reaches the APIs, and drives each browser
//! (started once per run) through its own protocol.
//!
//! Without a browser or `unshare` its part is skipped with a message, except under `CI=true`,
//! where it fails.

use std::collections::HashMap;
use std::time::{Duration, Instant};

#[path = "browser/cases.rs"]
mod cases;
#[path = "browser/cdp.rs"]
mod cdp;
#[path = "browser/engines.rs"]
mod engines;
#[path = "browser/expected.rs"]
mod expected;
#[path = "browser/marionette.rs"]
mod marionette;
#[path = "browser/pages.rs"]
mod pages;
#[path = "browser/servers.rs"]
mod servers;
#[path = "browser/webdriver.rs"]
mod webdriver;
// Shared with the other tests; this one only runs itself inside a network namespace with it.
#[allow(dead_code)]
#[path = "../examples/grpc_web.rs"]
mod grpc_web_example;
#[allow(dead_code)]
#[path = "../examples/readme.rs"]
mod readme_example;
#[allow(dead_code)]
mod support;

use cases::{Api, BROWSER_API, Case, Page, cases, tenants_live};
use engines::Engine;
use expected::{Outcome, expected};
use servers::{Recorder, browser_api, recorded, serve};

const INSIDE: &str = "CORSAGE_BROWSER_SUITE_INSIDE";
const TEST_NAME: &str = "every_engine_agrees_with_the_policy";

#[test]
fn every_engine_agrees_with_the_policy() {
    if support::isolated::inside(INSIDE) {
        return inside_the_namespace();
    }
    if let Some(missing) = support::isolated::unshare_unavailable() {
        let install = "run the suite as root, with iproute2 and util-linux installed";
        return support::isolated::skip("the browser suite", &missing, install);
    }
    support::isolated::rerun_inside(TEST_NAME, INSIDE, "browser suite:");
}

/// What one engine did with one case, beside what the policy predicts.
struct Verdict<'c> {
    engine: Engine,
    case: &'c Case,
    actual: Outcome,
    expected: Outcome,
}

fn inside_the_namespace() {
    support::isolated::loopback_up();
    let cases = cases();
    let browser = Recorder::default();
    let readme = Recorder::default();
    let grpc_web = Recorder::default();
    let tenants = Recorder::default();
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
        serve(
            recorded(grpc_web_example::app(), grpc_web_example::CORS, &grpc_web),
            "127.0.0.1:8002",
        )
        .await;
        serve(
            recorded(browser_api(), tenants_live().clone(), &tenants),
            "127.0.0.1:8003",
        )
        .await;
        for address in [
            "127.0.0.1:3000",
            "[::1]:3000",
            "127.0.0.1:3002",
            "127.0.0.1:3003",
        ] {
            serve(pages::pages(&cases), address).await;
        }
    });
    // The servers go on in the runtime's worker threads while this thread drives the browsers.
    let mut verdicts = Vec::new();
    let mut summaries = Vec::new();
    for engine in Engine::ALL {
        if let Some(binary) = engine.missing() {
            let install = format!("install it with: apt-get install -y {}", engine.packages());
            let missing = format!("{binary} is missing");
            support::isolated::skip(&format!("{engine:?}"), &missing, &install);
            continue;
        }
        for recorder in [&browser, &readme, &grpc_web, &tenants] {
            recorder.clear();
        }
        let started = Instant::now();
        let (doms, version) = run(engine);
        let mut results = HashMap::new();
        for (page, dom) in &doms {
            assert!(
                dom.contains("<p id=\"done\">done</p>"),
                "{engine:?}: the page {page:?} did not finish:\n{dom}"
            );
            results.extend(results_of(dom));
        }
        for case in &cases {
            let recorder = match case.api {
                Api::Browser => &browser,
                Api::Readme => &readme,
                Api::GrpcWeb => &grpc_web,
                Api::Tenants => &tenants,
            };
            let actual = Outcome {
                script: results
                    .get(case.id)
                    .cloned()
                    .unwrap_or_else(|| "no result".into()),
                preflights: count(recorder, true, case.id, true),
                reached_handler: count(recorder, false, case.id, false),
            };
            if case.credentials && actual.script.starts_with("ok") {
                let cookie_sent = recorder.at_handler.lock().unwrap()[case.id]
                    .iter()
                    .all(|(_, had_cookie)| *had_cookie);
                assert!(
                    cookie_sent,
                    "{engine:?} {}: the credentialed request came without the cookie",
                    case.id
                );
            }
            // The premise of the socket rule: a browser sends the user's cookies with a
            // WebSocket handshake, whatever site the page is on.
            if case.websocket {
                let handshakes = recorder.at_door.lock().unwrap();
                let with_cookie = handshakes.get(case.id).is_some_and(|seen| {
                    !seen.is_empty() && seen.iter().all(|(_, had_cookie)| *had_cookie)
                });
                assert!(
                    with_cookie,
                    "{engine:?} {}: the handshake came without the cookie",
                    case.id
                );
            }
            verdicts.push(Verdict {
                engine,
                case,
                actual,
                expected: expected(case),
            });
        }
        summaries.push(format!(
            "{version}: {} cases, {:.1} s",
            cases.len(),
            started.elapsed().as_secs_f64()
        ));
    }
    let mut disagreements = Vec::new();
    for verdict in &verdicts {
        let agree = verdict.actual == verdict.expected;
        println!(
            "{:8} {:8} {:45} page saw: {:28} preflights {} handler {}   policy: {} / {} / {}",
            if agree { "agree" } else { "DISAGREE" },
            verdict.engine.name(),
            verdict.case.id,
            verdict.actual.script,
            verdict.actual.preflights,
            verdict.actual.reached_handler,
            verdict.expected.script,
            verdict.expected.preflights,
            verdict.expected.reached_handler
        );
        if !agree {
            disagreements.push(format!("{} {}", verdict.engine.name(), verdict.case.id));
        }
    }
    println!(
        "browser suite: {} disagreements; {}",
        disagreements.len(),
        summaries.join("; ")
    );
    assert!(
        disagreements.is_empty(),
        "browsers disagreed with the policy on {disagreements:?} (each line above gives what the page saw and what reached the server)"
    );
}

/// Opens every page in one browser and returns each page's HTML once it says it is done, with
/// the browser's version.
fn run(engine: Engine) -> (HashMap<Page, String>, String) {
    let (mut browser, profile) = engine.launch(Duration::from_secs(180));
    let version = browser.version();
    let mut doms = HashMap::new();
    for page in Page::ALL {
        let ready = "document.getElementById('done')?.textContent === 'done'";
        let html = browser.page_html(&page.url(engine), ready, Duration::from_secs(60));
        doms.insert(page, html);
    }
    drop(browser);
    if let Some(profile) = profile {
        let _ = std::fs::remove_dir_all(profile);
    }
    (doms, version)
}

/// How many requests for `id` reached the door (the layer) or the handler, preflights or not.
fn count(recorder: &Recorder, at_door: bool, id: &str, options: bool) -> usize {
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

#[test]
fn the_guide_shows_the_example_policy() {
    let example = include_str!("../examples/readme.rs");
    let guide = include_str!("../src/guide.md");
    let start = example.find("static CORS").unwrap();
    let end = start + example[start..].find("\n};").unwrap() + 3;
    let policy = &example[start..end];
    assert!(
        guide.contains(policy),
        "src/guide.md and examples/readme.rs show different policies:\n{policy}"
    );
}
