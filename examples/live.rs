//! A server whose whole CORS policy comes from a TOML file, reloaded on SIGHUP without a
//! restart. Serves every path on 127.0.0.1 with `200 OK` under the policy in the file.
//!
//!     CORS_POLICY=examples/policy.toml PORT=8000 cargo run --example live
//!     kill -HUP <pid>    # after editing the file
//!
//! A file that fails to parse or fails any check is refused with every problem printed to
//! stderr, and the server keeps serving the previous policy.

use std::path::Path;

use axum::Router;
use corsage::{Functions, Live, Policy, Problems};

/// Reads and parses the policy file; a syntax error comes with its line and column.
pub fn read(path: &Path) -> Result<(String, Policy), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("{}: cannot read: {error}", path.display()))?;
    let policy =
        Policy::from_toml(&text).map_err(|problem| format!("{}:{problem}", path.display()))?;
    Ok((text, policy))
}

/// The policy of the file, checked with every rule `cors!` applies at compile time.
pub fn load(path: &Path) -> Result<Live, String> {
    let (text, policy) = read(path)?;
    Live::new(policy, Functions::new()).map_err(|problems| report(path, &text, &problems))
}

/// Puts the file's policy in place of the running one, or leaves the running one and says why.
pub fn reload(live: &Live, path: &Path) -> Result<(), String> {
    let (text, policy) = read(path)?;
    live.replace(policy)
        .map_err(|problems| report(path, &text, &problems))
}

/// Every problem on a line of its own, as `file:line:column: place: what to do`.
pub fn report(path: &Path, text: &str, problems: &Problems) -> String {
    let lines: Vec<String> = problems
        .in_file(text)
        .iter()
        .map(|problem| format!("{}:{problem}", path.display()))
        .collect();
    lines.join("\n")
}

/// Every path answers 200, behind the live policy.
pub fn app(live: Live) -> Router {
    Router::new().fallback(|| async { "ok\n" }).layer(live)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    // `RUST_LOG=corsage=debug` prints every CORS decision, with its reason and rule.
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    let path = std::path::PathBuf::from(
        std::env::var_os("CORS_POLICY").unwrap_or_else(|| "examples/policy.toml".into()),
    );
    let live = match load(&path) {
        Ok(live) => live,
        Err(problems) => {
            eprintln!("refused:\n{problems}");
            std::process::exit(2);
        }
    };
    let port = std::env::var("PORT").unwrap_or_else(|_| "8000".into());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!(
        "corsage live example on http://{} with the policy of {} (pid {}; SIGHUP reloads it)",
        listener.local_addr()?,
        path.display(),
        std::process::id()
    );
    let reloading = live.clone();
    tokio::spawn(async move {
        let mut hangups = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())
            .expect("a SIGHUP handler");
        while hangups.recv().await.is_some() {
            match reload(&reloading, &path) {
                Ok(()) => eprintln!("reloaded {}", path.display()),
                Err(problems) => {
                    eprintln!("refused:\n{problems}\n(still serving the previous policy)")
                }
            }
        }
    });
    axum::serve(listener, app(live)).await
}
