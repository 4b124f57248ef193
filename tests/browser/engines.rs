//! The three browser engines that judge the suite, behind one small driver interface, and every
//! way they legitimately differ, in one place.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::cdp;
use super::marionette::Firefox;
use super::webdriver::WebKit;

/// What the suite asks of a browser: which it is, and a page's HTML once the page says it is
/// done.
pub trait Driver {
    fn version(&mut self) -> String;
    /// Opens `url`, waits until the expression `ready` is true, and returns the page's HTML.
    fn page_html(&mut self, url: &str, ready: &str, limit: Duration) -> String;
}

/// A browser driven in one window: open a page, evaluate an expression in it.
pub trait Window {
    fn navigate(&mut self, url: &str);
    fn evaluate(&mut self, expression: &str) -> Value;
}

/// Opens `url` in `window`, waits until the expression `ready` is true, and returns the page's
/// HTML.
pub fn html_when_ready(
    window: &mut impl Window,
    url: &str,
    ready: &str,
    limit: Duration,
) -> String {
    window.navigate(url);
    let started = Instant::now();
    while window.evaluate(ready) != Value::Bool(true) {
        assert!(
            started.elapsed() < limit,
            "{url} was not ready within {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    window
        .evaluate("document.documentElement.outerHTML")
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

impl Driver for cdp::Browser {
    fn version(&mut self) -> String {
        cdp::Browser::version(self)
    }

    fn page_html(&mut self, url: &str, ready: &str, limit: Duration) -> String {
        cdp::Browser::page_html(self, url, ready, limit)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Blink: Debian's headless Chromium, over the DevTools protocol on a pipe.
    Chromium,
    /// Gecko: Debian's Firefox ESR, headless, over Marionette.
    Firefox,
    /// WebKit: WebKitGTK's MiniBrowser under Xvfb, over WebKitWebDriver.
    WebKit,
}

const CHROMIUM: &str = "/usr/lib/chromium/chromium";
const FIREFOX: &str = "/usr/lib/firefox-esr/firefox-esr";
const WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";
const XVFB: &str = "/usr/bin/Xvfb";

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

impl Engine {
    pub const ALL: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::WebKit];

    /// The binaries it needs, at their Debian paths.
    fn binaries(self) -> &'static [&'static str] {
        match self {
            Engine::Chromium => &[CHROMIUM],
            Engine::Firefox => &[FIREFOX],
            Engine::WebKit => &[WEBKIT_DRIVER, XVFB],
        }
    }

    /// The Debian packages that provide them.
    pub fn packages(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox-esr",
            Engine::WebKit => "webkit2gtk-driver xvfb",
        }
    }

    /// The first binary it needs that is not installed.
    pub fn missing(self) -> Option<&'static str> {
        self.binaries()
            .iter()
            .copied()
            .find(|binary| !Path::new(binary).exists())
    }

    /// Firefox re-sends the preflight when a cached one should be reused by the first requests
    /// of a fresh browser (seen here: five `PUT`s to one URL with `Max-Age: 600` cost three
    /// preflights, where Chromium and WebKit send one), and caches as the others do from then
    /// on: its pages first send five throwaway preflighted requests, so that the cases that
    /// count preflights see the cache as the standard describes it.
    pub fn warms_up_preflight_cache(self) -> bool {
        self == Engine::Firefox
    }

    /// Starts the browser, once for the whole run; `limit` bounds its life.
    pub fn launch(self, limit: Duration) -> (Box<dyn Driver>, Option<PathBuf>) {
        let profile =
            std::env::temp_dir().join(format!("corsage-{}-{}", self.name(), std::process::id()));
        match self {
            Engine::Chromium => (
                Box::new(cdp::Browser::launch(
                    CHROMIUM,
                    CHROMIUM_FLAGS,
                    &profile,
                    limit,
                )),
                Some(profile),
            ),
            Engine::Firefox => (
                Box::new(Firefox::launch(FIREFOX, &profile, limit)),
                Some(profile),
            ),
            Engine::WebKit => (Box::new(WebKit::launch(XVFB, WEBKIT_DRIVER, limit)), None),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::WebKit => "webkit",
        }
    }
}
