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
use corsage::{Functions, Live, Location, Policy, Problems};

/// Reads and parses the policy file; a syntax error comes with its line and column.
pub fn read(path: &Path) -> Result<Policy, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("{}: cannot read: {error}", path.display()))?;
    toml::from_str(&text).map_err(|error| format!("{}: {error}", path.display()))
}

/// The policy of the file, checked with every rule `cors!` applies at compile time.
pub fn load(path: &Path) -> Result<Live, String> {
    let policy = read(path)?;
    Live::new(policy, Functions::new()).map_err(|problems| report(path, &problems))
}

/// Puts the file's policy in place of the running one, or leaves the running one and says why.
pub fn reload(live: &Live, path: &Path) -> Result<(), String> {
    let policy = read(path)?;
    live.replace(policy)
        .map_err(|problems| report(path, &problems))
}

/// Every problem on a line of its own, as `file:line:column: place: what to do`.
pub fn report(path: &Path, problems: &Problems) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<String> = problems
        .iter()
        .map(|problem| match line_and_column(&text, problem.location()) {
            Some((line, column)) => format!("{}:{line}:{column}: {problem}", path.display()),
            None => format!("{}: {problem}", path.display()),
        })
        .collect();
    lines.join("\n")
}

/// Where `location` was written in the TOML document `text`, counted from 1.
pub fn line_and_column(text: &str, location: Location) -> Option<(usize, usize)> {
    let document = toml_edit::Document::parse(text).ok()?;
    let root = document.as_table();
    let block = |block: usize| root.get("allow")?.as_array_of_tables()?.get(block);
    let resource = |b: usize, r: usize| block(b)?.get("resource")?.as_array_of_tables()?.get(r);
    let span = match location {
        Location::Policy => None,
        Location::Setting(name) => root.get("settings")?.get(name.as_str())?.span(),
        Location::SettingItem { setting, item } => root
            .get("settings")?
            .get(setting.as_str())?
            .as_array()?
            .get(item)?
            .span(),
        Location::Block { block: b } => block(b)?.span(),
        Location::BlockName { block: b } => block(b)?.get("name")?.span(),
        Location::Unsafe { block: b } => block(b)?.get("unsafe")?.span(),
        Location::Origins { block: b } => block(b)?.get("origins")?.span(),
        Location::Tenants { block: b } => block(b)?.get("tenants")?.span(),
        Location::Origin { block: b, origin } => {
            block(b)?.get("origins")?.as_array()?.get(origin)?.span()
        }
        Location::Resource {
            block: b,
            resource: r,
        } => resource(b, r)?.get("path")?.span(),
        Location::Option {
            block: b,
            resource: r,
            option,
        } => resource(b, r)?.get(option.as_str())?.span(),
        Location::Item {
            block: b,
            resource: r,
            option,
            item,
        } => resource(b, r)?
            .get(option.as_str())?
            .as_array()?
            .get(item)?
            .span(),
        // A place added in a later version: reported without a line.
        _ => None,
    }?;
    let before = &text[..span.start];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    Some((line, column))
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
