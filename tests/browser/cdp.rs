//! A minimal Chrome DevTools Protocol client over `--remote-debugging-pipe`: Chromium reads
//! NUL-terminated JSON commands on its file descriptor 3 and answers on 4.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use command_fds::{CommandFdExt, FdMapping};
use os_pipe::{PipeReader, PipeWriter};
use serde_json::{Value, json};

pub struct Browser {
    child: Child,
    to_browser: PipeWriter,
    from_browser: BufReader<PipeReader>,
    next_id: u64,
}

impl Browser {
    /// Starts Chromium; a watchdog kills it after `limit`, so a hung browser fails the test
    /// instead of blocking it.
    pub fn launch(binary: &str, args: &[&str], profile: &Path, limit: Duration) -> Browser {
        let (browser_reads, to_browser) = os_pipe::pipe().expect("a pipe to Chromium");
        let (from_browser, browser_writes) = os_pipe::pipe().expect("a pipe from Chromium");
        let mut command = Command::new(binary);
        command
            .args(args)
            .arg("--remote-debugging-pipe")
            .arg(format!("--user-data-dir={}", profile.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .fd_mappings(vec![
                FdMapping {
                    parent_fd: browser_reads.into(),
                    child_fd: 3,
                },
                FdMapping {
                    parent_fd: browser_writes.into(),
                    child_fd: 4,
                },
            ])
            .expect("distinct descriptors");
        let child = command.spawn().expect("starting Chromium");
        // The command holds our copies of the browser's ends; they must close for EOF to work.
        drop(command);
        let pid = child.id().to_string();
        std::thread::spawn(move || {
            std::thread::sleep(limit);
            let _ = Command::new("kill").args(["-9", &pid]).status();
        });
        Browser {
            child,
            to_browser,
            from_browser: BufReader::new(from_browser),
            next_id: 0,
        }
    }

    /// Sends a command (to a page when `session` is given) and returns its result, skipping the
    /// events that arrive meanwhile.
    pub fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let mut message = json!({ "id": self.next_id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.to_browser
            .write_all(&bytes)
            .unwrap_or_else(|e| panic!("sending {method} to Chromium: {e}"));
        loop {
            let mut reply = Vec::new();
            let read = self.from_browser.read_until(0, &mut reply).unwrap();
            assert!(
                read > 0,
                "Chromium closed the pipe while answering {method}"
            );
            reply.pop();
            let reply: Value = serde_json::from_slice(&reply).unwrap();
            if reply["id"] == json!(self.next_id) {
                if let Some(error) = reply.get("error") {
                    panic!("Chromium refused {method}: {error}");
                }
                return reply["result"].clone();
            }
        }
    }

    /// Opens `url` in a browser context of its own (no cache or cookies shared with other
    /// pages), waits until `ready` evaluates to true, and returns the page's HTML.
    pub fn page_html(&mut self, url: &str, ready: &str, limit: Duration) -> String {
        let context =
            self.call(None, "Target.createBrowserContext", json!({}))["browserContextId"].clone();
        let target = self.call(
            None,
            "Target.createTarget",
            json!({ "url": url, "browserContextId": context }),
        )["targetId"]
            .clone();
        let session = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
        )["sessionId"]
            .as_str()
            .unwrap()
            .to_owned();
        let started = Instant::now();
        while self.evaluate(&session, ready) != json!(true) {
            assert!(
                started.elapsed() < limit,
                "{url} was not ready within {limit:?}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let html = self.evaluate(&session, "document.documentElement.outerHTML");
        self.call(
            None,
            "Target.disposeBrowserContext",
            json!({ "browserContextId": context }),
        );
        html.as_str().unwrap_or_default().to_owned()
    }

    fn evaluate(&mut self, session: &str, expression: &str) -> Value {
        self.call(
            Some(session),
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        )["result"]["value"]
            .clone()
    }

    pub fn version(&mut self) -> String {
        self.call(None, "Browser.getVersion", json!({}))["product"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
