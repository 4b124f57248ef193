//! A minimal Marionette client for Firefox: frames of `LENGTH:JSON` over plain TCP, commands
//! `[0, id, name, params]`, replies `[1, id, error, result]`. Firefox has it built in, so no
//! geckodriver is needed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Prefs of the fresh profile: Marionette on a port Firefox picks, nothing that reaches out
/// at start-up, and the standard's rule that `Access-Control-Allow-Headers: *` does not cover
/// `Authorization` (as Chromium's flag does).
const PREFS: &[(&str, &str)] = &[
    ("marionette.port", "0"),
    ("browser.shell.checkDefaultBrowser", "false"),
    ("app.update.disabledForTesting", "true"),
    ("datareporting.policy.dataSubmissionEnabled", "false"),
    ("network.captive-portal-service.enabled", "false"),
    ("network.connectivity-service.enabled", "false"),
    ("browser.startup.homepage_override.mstone", "\"ignore\""),
    ("toolkit.telemetry.reportingpolicy.firstRun", "false"),
    (
        "network.cors_preflight.authorization_covered_by_wildcard",
        "false",
    ),
];

pub struct Firefox {
    child: Child,
    stream: BufReader<TcpStream>,
    next_id: u64,
    version: String,
}

impl Firefox {
    /// Starts Firefox headless on a fresh profile in `profile` and opens a session; a watchdog
    /// kills it after `limit`, so a hung browser fails the test instead of blocking it.
    pub fn launch(binary: &str, profile: &Path, limit: Duration) -> Firefox {
        std::fs::create_dir_all(profile).unwrap();
        let prefs: String = PREFS
            .iter()
            .map(|(name, value)| format!("user_pref(\"{name}\", {value});\n"))
            .collect();
        std::fs::write(profile.join("user.js"), prefs).unwrap();
        let child = Command::new(binary)
            .args(["--headless", "--no-remote", "--marionette", "--profile"])
            .arg(profile)
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting Firefox");
        let pid = child.id().to_string();
        std::thread::spawn(move || {
            std::thread::sleep(limit);
            let _ = Command::new("kill").args(["-9", &pid]).status();
        });
        let started = Instant::now();
        let port_file = profile.join("MarionetteActivePort");
        let port = loop {
            if let Some(port) = std::fs::read_to_string(&port_file)
                .ok()
                .and_then(|text| text.trim().parse::<u16>().ok())
            {
                break port;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "Firefox did not open Marionette within a minute"
            );
            std::thread::sleep(Duration::from_millis(100));
        };
        let stream = TcpStream::connect(("127.0.0.1", port)).expect("connecting to Marionette");
        let mut firefox = Firefox {
            child,
            stream: BufReader::new(stream),
            next_id: 0,
            version: String::new(),
        };
        // Firefox speaks first: `{"applicationType":"gecko","marionetteProtocol":3}`.
        let hello = firefox.read_frame();
        assert_eq!(hello["applicationType"], "gecko", "{hello}");
        let session = firefox.call("WebDriver:NewSession", json!({ "capabilities": {} }));
        firefox.version = format!(
            "Firefox/{}",
            session["capabilities"]["browserVersion"]
                .as_str()
                .unwrap_or("?")
        );
        firefox
    }

    fn read_frame(&mut self) -> Value {
        let mut length = Vec::new();
        self.stream.read_until(b':', &mut length).unwrap();
        length.pop();
        let length: usize = String::from_utf8_lossy(&length)
            .parse()
            .expect("a Marionette frame length");
        let mut frame = vec![0; length];
        self.stream.read_exact(&mut frame).unwrap();
        serde_json::from_slice(&frame).unwrap()
    }

    /// Sends a command and returns its result.
    fn call(&mut self, name: &str, params: Value) -> Value {
        self.next_id += 1;
        let message = json!([0, self.next_id, name, params]).to_string();
        let frame = format!("{}:{message}", message.len());
        self.stream
            .get_mut()
            .write_all(frame.as_bytes())
            .unwrap_or_else(|e| panic!("sending {name} to Firefox: {e}"));
        loop {
            let reply = self.read_frame();
            if reply[0] == json!(1) && reply[1] == json!(self.next_id) {
                assert!(reply[2].is_null(), "Firefox refused {name}: {}", reply[2]);
                return reply[3].clone();
            }
        }
    }
}

impl super::engines::Window for Firefox {
    fn navigate(&mut self, url: &str) {
        self.call("WebDriver:Navigate", json!({ "url": url }));
    }

    fn evaluate(&mut self, expression: &str) -> Value {
        let script = format!("return {expression};");
        self.call(
            "WebDriver:ExecuteScript",
            json!({ "script": script, "args": [] }),
        )["value"]
            .clone()
    }
}

impl super::engines::Driver for Firefox {
    fn version(&mut self) -> String {
        self.version.clone()
    }

    fn page_html(&mut self, url: &str, ready: &str, limit: Duration) -> String {
        super::engines::html_when_ready(self, url, ready, limit)
    }
}

impl Drop for Firefox {
    fn drop(&mut self) {
        let _ = self
            .stream
            .get_mut()
            .set_read_timeout(Some(Duration::from_secs(2)));
        let quit = json!([0, 0, "Marionette:Quit", { "flags": ["eForceQuit"] }]).to_string();
        let _ = write!(self.stream.get_mut(), "{}:{quit}", quit.len());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
