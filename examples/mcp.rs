//! An MCP server (the official Rust SDK, `rmcp`, over the Streamable HTTP transport) behind
//! corsage, which validates `Origin` and `Host` as the transport's specification asks servers to,
//! against DNS rebinding: a page on another site, or on an attacker's name resolved to this
//! machine, never reaches the MCP service.
//!
//!     PORT=8000 cargo run --example mcp
//!
//! It serves `/mcp` on 127.0.0.1, with one tool (`greet`). Its own hosts are `127.0.0.1:PORT` and
//! `localhost:PORT`; every other `Host` is refused with `403`. The one browser origin allowed is
//! `http://localhost:6274`, the MCP Inspector's, with the headers the transport uses; every
//! other origin gets `403`. Requests without `Origin` (command-line and desktop clients) pass
//! when their `Host` is one of the own hosts.

use axum::Router;
use corsage::{Cors, Live, cors};
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{CallToolResult, ContentBlock, ServerCapabilities, ServerConfig};
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use rmcp::{ErrorData, ServerHandler, schemars, tool, tool_handler, tool_router};

/// The policy. The hosts named here are replaced at start-up by the two with the bound port.
pub static CORS: Cors = cors! {
    settings {
        hosts: ["127.0.0.1", "localhost"];
        refuse_other_hosts: true;
    }
    allow {
        origins "http://localhost:6274";
        resource "/mcp",
            methods: [get, post, delete],
            headers: ["content-type", "mcp-session-id", "mcp-protocol-version", "last-event-id"],
            expose: "mcp-session-id",
            refuse_others: true;
    }
};

/// The MCP server: one tool.
#[derive(Clone)]
pub struct Greeter {
    tool_router: ToolRouter<Greeter>,
}

#[derive(serde::Deserialize, schemars::JsonSchema)]
pub struct Greeting {
    /// Who to greet.
    name: String,
}

impl Default for Greeter {
    fn default() -> Greeter {
        Greeter {
            tool_router: Greeter::tool_router(),
        }
    }
}

#[tool_router]
impl Greeter {
    #[tool(description = "Say hello to someone")]
    async fn greet(
        &self,
        Parameters(greeting): Parameters<Greeting>,
    ) -> Result<CallToolResult, ErrorData> {
        let text = format!("Hello, {}!", greeting.name);
        Ok(CallToolResult::success(vec![ContentBlock::text(text)]))
    }
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for Greeter {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
    }
}

/// The app for a server bound to `port`: the MCP service at `/mcp`, behind the policy with the
/// server's own hosts on that port.
pub fn app(port: u16) -> Router {
    let live: Live = CORS.to_live();
    live.replace_hosts([format!("127.0.0.1:{port}"), format!("localhost:{port}")])
        .expect("two hosts with a port");
    let mcp = StreamableHttpService::new(
        || Ok(Greeter::default()),
        LocalSessionManager::default().into(),
        StreamableHttpServerConfig::default(),
    );
    Router::new().nest_service("/mcp", mcp).layer(live)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    // `RUST_LOG=corsage=debug` prints every CORS decision, with its reason and rule.
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    let port = std::env::var("PORT").unwrap_or_else(|_| "8000".into());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    let address = listener.local_addr()?;
    println!("corsage MCP example on http://{address}/mcp");
    axum::serve(listener, app(address.port())).await
}
