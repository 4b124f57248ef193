//! The cases every engine runs: the API policy, the pages' origins, and each `fetch()` or
//! WebSocket a page makes.

use std::sync::LazyLock;

use corsage::{Cors, Live, LiveSnapshot, cors};

use super::engines::Engine;
use super::{grpc_web_example, readme_example};

/// The API built for the browser cases; `README` (the example's own app) is the other one.
pub static BROWSER_API: Cors = cors! {
    allow {
        origins "http://127.0.0.1:3000", "localhost:3000";
        resource "/simple";
        resource "/put", methods: [get, put], headers: "x-custom";
        resource "/cred", methods: [get, post], credentials: true;
        resource "/nocred";
        resource "/expose", expose: "x-exposed";
        resource "/cached", methods: [put], max_age: 600;
        resource "/uncached", methods: [put], max_age: 0;
        resource "/cond", if: |request| request.uri().query().is_some_and(|q| q.contains("flag=on"));
        resource "/auth", headers: any;
        resource "/missing";
        resource "/boom";
        resource "/cred-socket", credentials: true;
        resource "/plain-socket";
    }
    allow {
        origins regex(r"^http://127\.0\.0\.1:300[3-4]$");
        resource "/simple";
        resource "/regex-socket";
    }
    allow {
        origins "null";
        resource "/sandboxed";
    }
    allow {
        origins "*";
        resource "/star-socket";
        resource "/public-socket", public_socket: true;
    }
};

/// Origins per tenant: each page is one tenant's front end (`a`: 127.0.0.1:3000, `b`:
/// 127.0.0.1:3003, of the same site as the API, so that the browser sends its cookie), allowed
/// with credentials on its own tenant's paths only.
static TENANTS: Cors = cors! {
    allow "tenants" {
        tenants from path;
        resource "/t/{tenant}/api/*", methods: [get, put], headers: "x-custom", credentials: true;
    }
};

/// The tenants' API's live policy, filled once.
pub fn tenants_live() -> &'static Live {
    static LIVE: LazyLock<Live> = LazyLock::new(|| {
        let live = TENANTS.to_live();
        let rows = [("a", Page::Listed.origin()), ("b", Page::Regex.origin())];
        let update = live.replace_tenants("tenants", rows).unwrap();
        assert!(update.refused.is_empty(), "{:?}", update.refused);
        live
    });
    &LIVE
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    /// `http://127.0.0.1:3000`, listed exactly (and as a bare host in the README policy).
    Listed,
    /// `http://localhost:3000`: a different host, listed as the bare `"localhost:3000"`.
    Localhost,
    /// `http://127.0.0.1:3002`: listed nowhere.
    Unlisted,
    /// `http://127.0.0.1:3003`: accepted by a regex.
    Regex,
    /// A sandboxed iframe (`sandbox="allow-scripts"`) in a page from 127.0.0.1:3000: its
    /// origin is opaque, so its requests say `Origin: null`. It posts its results to the page.
    Sandboxed,
}

impl Page {
    pub const ALL: [Page; 5] = [
        Page::Listed,
        Page::Localhost,
        Page::Unlisted,
        Page::Regex,
        Page::Sandboxed,
    ];

    pub fn origin(self) -> &'static str {
        match self {
            Page::Listed => "http://127.0.0.1:3000",
            Page::Localhost => "http://localhost:3000",
            Page::Unlisted => "http://127.0.0.1:3002",
            Page::Regex => "http://127.0.0.1:3003",
            Page::Sandboxed => "null",
        }
    }

    /// The page's address; with the engine's warm-up asked for in the query (see
    /// [`Engine::warms_up_preflight_cache`]).
    pub fn url(self, engine: Engine) -> String {
        let page = match self {
            Page::Sandboxed => "http://127.0.0.1:3000/frame-host".to_owned(),
            page => format!("{}/page-{page:?}", page.origin()),
        };
        format!("{page}?warmup={}", engine.warms_up_preflight_cache())
    }

    pub fn path(self) -> String {
        match self {
            Page::Sandboxed => "/sandboxed-frame".to_owned(),
            page => format!("/page-{page:?}"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Api {
    Browser,
    Readme,
    /// `examples/grpc_web.rs`: a tonic service over gRPC-web.
    GrpcWeb,
    /// Origins per tenant, from a live policy.
    Tenants,
}

impl Api {
    pub fn base(self) -> &'static str {
        match self {
            Api::Browser => "http://127.0.0.1:8001",
            Api::Readme => "http://127.0.0.1:8000",
            Api::GrpcWeb => "http://127.0.0.1:8002",
            Api::Tenants => "http://127.0.0.1:8003",
        }
    }

    /// The policy the API serves, to ask about the cases (a static one as a live policy
    /// decides the same).
    pub fn policy(self) -> LiveSnapshot {
        match self {
            Api::Browser => BROWSER_API.to_live().snapshot(),
            Api::Readme => readme_example::CORS.to_live().snapshot(),
            Api::GrpcWeb => grpc_web_example::CORS.to_live().snapshot(),
            Api::Tenants => tenants_live().snapshot(),
        }
    }
}

pub struct Case {
    pub id: &'static str,
    pub page: Page,
    pub api: Api,
    /// Path and query; the case id is appended to the query so that no two cases share a
    /// preflight cache entry.
    pub target: &'static str,
    pub method: &'static str,
    pub headers: &'static [(&'static str, &'static str)],
    pub credentials: bool,
    /// A response header the script reads.
    pub read: Option<&'static str>,
    /// Fetch twice, to see whether the second needs a preflight.
    pub twice: bool,
    /// Open a WebSocket to the target instead of fetching it, send `hello`, and wait for the
    /// echo.
    pub websocket: bool,
    /// Call `hello.Greeter/SayHello` over gRPC-web with this name instead of fetching.
    pub grpc_web: Option<&'static str>,
}

const fn case(id: &'static str, page: Page, api: Api, target: &'static str) -> Case {
    Case {
        id,
        page,
        api,
        target,
        method: "GET",
        headers: &[],
        credentials: false,
        read: None,
        twice: false,
        websocket: false,
        grpc_web: None,
    }
}

impl Case {
    const fn method(mut self, method: &'static str) -> Case {
        self.method = method;
        self
    }
    const fn headers(mut self, headers: &'static [(&'static str, &'static str)]) -> Case {
        self.headers = headers;
        self
    }
    const fn with_credentials(mut self) -> Case {
        self.credentials = true;
        self
    }
    const fn read(mut self, header: &'static str) -> Case {
        self.read = Some(header);
        self
    }
    const fn twice(mut self) -> Case {
        self.twice = true;
        self
    }
    const fn websocket(mut self) -> Case {
        self.websocket = true;
        self
    }
    /// A gRPC-web call: a `POST` with the headers grpc-web clients send.
    const fn grpc_web(mut self, name: &'static str) -> Case {
        self.grpc_web = Some(name);
        self.method = "POST";
        self.headers = GRPC_WEB;
        self
    }

    pub fn target_with_id(&self) -> String {
        let separator = if self.target.contains('?') { '&' } else { '?' };
        format!("{}{separator}case={}", self.target, self.id)
    }

    pub fn url(&self) -> String {
        let base = self.api.base();
        match self.websocket {
            true => format!("ws{}{}", &base["http".len()..], self.target_with_id()),
            false => format!("{base}{}", self.target_with_id()),
        }
    }
}

const CUSTOM: &[(&str, &str)] = &[("x-custom", "1")];
const GRPC_WEB: &[(&str, &str)] = &[
    ("content-type", "application/grpc-web+proto"),
    ("x-grpc-web", "1"),
];

pub fn cases() -> Vec<Case> {
    use Api::*;
    use Page::*;
    vec![
        case("simple-get-listed-origin", Listed, Browser, "/simple"),
        case("simple-get-unlisted-origin", Unlisted, Browser, "/simple"),
        case("bare-host-origin", Localhost, Browser, "/simple"),
        case("regex-origin", Regex, Browser, "/simple"),
        case("preflight-put-custom-header", Listed, Browser, "/put")
            .method("PUT")
            .headers(CUSTOM),
        case("preflight-method-not-listed", Listed, Browser, "/put")
            .method("DELETE")
            .headers(CUSTOM),
        case("preflight-header-not-listed", Listed, Browser, "/put")
            .method("PUT")
            .headers(&[("x-unlisted", "1")]),
        case("preflight-unlisted-origin", Unlisted, Browser, "/put")
            .method("PUT")
            .headers(CUSTOM),
        case(
            "credentials-on-credentialed-resource",
            Listed,
            Browser,
            "/cred",
        )
        .with_credentials(),
        case(
            "credentials-on-resource-without-credentials",
            Listed,
            Browser,
            "/nocred",
        )
        .with_credentials(),
        case("exposed-header-readable", Listed, Browser, "/expose").read("x-exposed"),
        case("unexposed-header-reads-null", Listed, Browser, "/expose").read("x-hidden"),
        case(
            "max-age-600-skips-second-preflight",
            Listed,
            Browser,
            "/cached",
        )
        .method("PUT")
        .twice(),
        case(
            "max-age-0-preflights-every-time",
            Listed,
            Browser,
            "/uncached",
        )
        .method("PUT")
        .twice(),
        case("if-true", Listed, Browser, "/cond?flag=on"),
        case("if-false", Listed, Browser, "/cond?flag=off"),
        case("authorization-with-headers-any", Listed, Browser, "/auth")
            .headers(&[("authorization", "Bearer token")]),
        case("status-404-readable", Listed, Browser, "/missing"),
        case("status-500-readable", Listed, Browser, "/boom"),
        case("null-origin-named", Sandboxed, Browser, "/sandboxed"),
        case("null-origin-not-named", Sandboxed, Browser, "/simple"),
        case("null-origin-against-star", Sandboxed, Readme, "/public/x"),
        case(
            "readme-file-at-put-with-token",
            Listed,
            Readme,
            "/file/at/report.txt",
        )
        .method("PUT")
        .headers(&[("x-domain-token", "t")])
        .read("some-custom-response-header"),
        case(
            "readme-file-at-bare-localhost",
            Localhost,
            Readme,
            "/file/at/report.txt",
        )
        .read("some-custom-response-header"),
        case(
            "readme-list-all-get-with-token",
            Listed,
            Readme,
            "/file/list_all/",
        )
        .headers(&[("x-domain-token", "t")]),
        case(
            "readme-list-all-post-refused",
            Listed,
            Readme,
            "/file/list_all/",
        )
        .method("POST")
        .headers(&[("x-domain-token", "t")]),
        case(
            "readme-list-all-unlisted-origin",
            Unlisted,
            Readme,
            "/file/list_all/",
        ),
        case("readme-public-star", Unlisted, Readme, "/public/x"),
        case("readme-public-prefix-itself", Listed, Readme, "/public"),
        case("readme-publicity-not-public", Listed, Readme, "/publicity"),
        case(
            "readme-api-v1-host-condition-false",
            Unlisted,
            Readme,
            "/api/v1/x",
        )
        .headers(&[("x-anything", "1")]),
        case(
            "websocket-listed-origin-echoes",
            Listed,
            Readme,
            "/file/at/live",
        )
        .websocket(),
        case(
            "websocket-unlisted-origin-refused",
            Unlisted,
            Readme,
            "/file/at/live",
        )
        .websocket(),
        // A handshake carries the page's cookies: only an origin that could be granted
        // credentials there, or a rule that says the socket is public, opens a socket.
        case(
            "websocket-credentialed-rule-echoes",
            Listed,
            Browser,
            "/cred-socket",
        )
        .websocket(),
        case(
            "websocket-credentialable-origins-echo",
            Listed,
            Browser,
            "/plain-socket",
        )
        .websocket(),
        case(
            "websocket-regex-origin-without-credentials-refused",
            Regex,
            Browser,
            "/regex-socket",
        )
        .websocket(),
        case(
            "websocket-star-rule-refused",
            Unlisted,
            Browser,
            "/star-socket",
        )
        .websocket(),
        case(
            "websocket-public-socket-echoes",
            Unlisted,
            Browser,
            "/public-socket",
        )
        .websocket(),
        // Tenant A's front end may call tenant A's API with credentials, never tenant B's.
        case(
            "tenant-own-path-with-credentials",
            Listed,
            Tenants,
            "/t/a/api/orders",
        )
        .with_credentials(),
        case(
            "tenant-other-tenants-path-refused",
            Listed,
            Tenants,
            "/t/b/api/orders",
        )
        .with_credentials(),
        case(
            "tenant-preflight-own-path",
            Regex,
            Tenants,
            "/t/b/api/orders",
        )
        .method("PUT")
        .headers(CUSTOM)
        .with_credentials(),
        case(
            "tenant-preflight-other-tenants-path-refused",
            Regex,
            Tenants,
            "/t/a/api/orders",
        )
        .method("PUT")
        .headers(CUSTOM)
        .with_credentials(),
        case("grpc-web-call", Listed, GrpcWeb, "/hello.Greeter/SayHello").grpc_web("browser"),
        case(
            "grpc-web-error-status-readable",
            Listed,
            GrpcWeb,
            "/hello.Greeter/SayHello",
        )
        .grpc_web(""),
        case(
            "grpc-web-unlisted-origin-refused",
            Unlisted,
            GrpcWeb,
            "/hello.Greeter/SayHello",
        )
        .grpc_web("browser"),
    ]
}
