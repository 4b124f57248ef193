//! The pages served from the cases' origins: each runs its cases one after another and writes
//! the outcomes into its own DOM, where the driver reads them.

use axum::Router;
use axum::http::{HeaderMap, HeaderValue};
use axum::routing::get;

use super::cases::{Case, Page};

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
                "{{id: {:?}, url: {:?}, method: {:?}, headers: {{{}}}, credentials: {}, read: {}, twice: {}, websocket: {}, grpcWeb: {}}}",
                case.id,
                case.url(),
                case.method,
                headers.join(", "),
                if case.credentials { "\"include\"" } else { "\"same-origin\"" },
                case.read.map_or("null".to_owned(), |r| format!("{r:?}")),
                case.twice,
                case.websocket,
                case.grpc_web.map_or("null".to_owned(), |name| format!("{name:?}")),
            )
        })
        .collect();
    format!(
        r#"<!doctype html><html><body><ul id="results"></ul><p id="done"></p><script>
const cases = [{}];
const inFrame = {};
(async () => {{
  const outcomes = [];
  if (new URLSearchParams(location.search).get("warmup") === "true") {{
    // Throwaway preflighted requests, for engines that reuse a cached preflight only once a
    // few have been made (see `Engine::warms_up_preflight_cache`).
    for (let i = 0; i < 5; i++) {{
      try {{ await (await fetch("http://127.0.0.1:8001/cached?case=warmup", {{method: "PUT"}})).text(); }} catch (error) {{}}
    }}
  }}
  for (const c of cases) {{
    let text;
    if (c.websocket) {{
      outcomes.push([c.id, await echo(c.url)]);
      continue;
    }}
    if (c.grpcWeb !== null) {{
      outcomes.push([c.id, await grpcWeb(c.url, c.grpcWeb)]);
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
const REPORT_JS: &str = r#"async function grpcWeb(url, name) {
  // One gRPC-web frame: flag 0, a big-endian length, then `HelloRequest { name }` in protobuf
  // (field 1, length-delimited; names here are under 128 bytes).
  const encoded = new TextEncoder().encode(name);
  const message = new Uint8Array([0x0a, encoded.length, ...encoded]);
  const frame = new Uint8Array(5 + message.length);
  frame[4] = message.length;
  frame.set(message, 5);
  let response;
  try {
    response = await fetch(url, {method: "POST", headers: {"content-type": "application/grpc-web+proto", "x-grpc-web": "1"}, body: frame});
  } catch (error) {
    return "refused";
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  // A failed call without a body carries its status in headers; a call with a body ends with a
  // trailer frame (flag 0x80).
  let status = response.headers.get("grpc-status");
  let text = response.headers.get("grpc-message");
  text = text === null ? null : decodeURIComponent(text);
  for (let i = 0; i + 5 <= bytes.length; ) {
    const length = (bytes[i + 1] << 24) | (bytes[i + 2] << 16) | (bytes[i + 3] << 8) | bytes[i + 4];
    const body = bytes.slice(i + 5, i + 5 + length);
    if (bytes[i] & 0x80) {
      const found = new TextDecoder().decode(body).match(/grpc-status:\s*(\d+)/i);
      if (found) status = found[1];
    } else {
      text = new TextDecoder().decode(body.slice(2, 2 + body[1]));
    }
    i += 5 + length;
  }
  return "ok grpc-status " + status + " " + JSON.stringify(text);
}
function echo(url) {
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

pub fn pages(cases: &[Case]) -> Router {
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
