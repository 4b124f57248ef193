//! The policy model: a CORS policy as plain data, whatever way it arrived (the `cors!` macro, a
//! configuration file, a live update). Nothing here is checked; [`Policy::check`] is the one
//! checker every front end goes through.

/// A whole policy: its settings and its `allow` blocks, in the order written (the first rule
/// that matches a request decides).
///
/// With the `serde` feature it deserializes from the format a program already reads, in the
/// shape of the `cors!` grammar:
///
/// ```
/// # #[cfg(feature = "serde")] {
/// let policy: corsage::Policy = serde_json::from_str(r#"{
///     "allow": [{
///         "origins": ["https://app.example.com", { "regex": "^https://(a|b)\\.example\\.com$" }],
///         "resource": [{ "path": "/api/*", "methods": ["GET", "PUT"], "headers": ["x-token"] }]
///     }]
/// }"#).unwrap();
/// let cors = policy.check(&corsage::Functions::new()).unwrap();
/// # let _ = cors; }
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize, serde::Serialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Policy {
    /// Policy-wide settings.
    #[cfg_attr(feature = "serde", serde(default))]
    pub settings: Settings,
    /// The `allow` blocks, in order.
    #[cfg_attr(feature = "serde", serde(default))]
    pub allow: Vec<AllowBlock>,
}

/// `settings { ... }`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize, serde::Serialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct Settings {
    /// The status of a refused preflight: 403 unless set.
    pub refused_preflight_status: u16,
    /// The status of an allowed preflight: 204 unless set (tower-http, Starlette and rack-cors
    /// answer 200).
    pub allowed_preflight_status: u16,
    /// Whether every response says what was decided and why (`x-corsage-decision`).
    pub debug_header: bool,
    /// Whether requests reach the inner service with the decision in their extensions
    /// ([`Decided`](crate::Decided)), for handlers to read.
    pub decision_in_extensions: bool,
    /// The server's own hosts (`"api.example.com"`, `"localhost:8000"`, `"*.example.com"`), as
    /// requests name them in `Host` (or HTTP/2's `:authority`): only a request sent to one of
    /// them counts as same-origin for the WebSocket rule and `refuse_others`. None by default,
    /// and then no request does.
    pub hosts: Vec<String>,
    /// Whether a request whose `Host` is none of [`hosts`](Settings::hosts) is answered `403`
    /// by the layer, before the inner service (a DNS-rebinding page's request).
    pub refuse_other_hosts: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            refused_preflight_status: 403,
            allowed_preflight_status: 204,
            debug_header: false,
            decision_in_extensions: false,
            hosts: Vec::new(),
            refuse_other_hosts: false,
        }
    }
}

/// One `allow { origins ...; resource ...; }` block.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize, serde::Serialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AllowBlock {
    /// `allow "tenants" { ... }`: a name by which code addresses the block (see
    /// [`Live::replace_origins`](crate::Live::replace_origins)).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub name: Option<String>,
    /// `unsafe allow { ... }`: the author acknowledges credentials with origins that cannot be
    /// proved safe (plain http off the local network, wildcards, regexes, functions).
    #[cfg_attr(feature = "serde", serde(default, rename = "unsafe"))]
    pub acknowledged: bool,
    /// `tenants from path;` or `tenants from host "{tenant}.api.example.com";`: besides its
    /// own origins, the block accepts a request's origin when it is one of the origins of the
    /// request's tenant, filled while serving ([`Live::replace_tenants`](crate::Live::replace_tenants)).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub tenants: Option<TenantKey>,
    /// The origins the block accepts.
    #[cfg_attr(feature = "serde", serde(default))]
    pub origins: Vec<Origin>,
    /// Its resources, in order.
    #[cfg_attr(feature = "serde", serde(default))]
    pub resource: Vec<Resource>,
}

/// Where a request's tenant is read from, for a block with origins per tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize, serde::Serialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "lowercase", deny_unknown_fields)
)]
pub enum TenantKey {
    /// The `{tenant}` segment of each resource's path (`resource "/t/{tenant}/api/*"`):
    /// `tenants = "path"` in a file.
    Path,
    /// The first label of the host the request was sent to, in a pattern such as
    /// `"{tenant}.api.example.com"`: `tenants = { host = "{tenant}.api.example.com" }` in a file.
    Host(String),
}

/// One origin of an `origins` statement.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(untagged))]
pub enum Origin {
    /// `"https://app.example.com"`, `"localhost:3000"`, `"https://*.example.com"`, `"*"`,
    /// `"null"`.
    Pattern(String),
    /// `regex(r"...")`: the whole origin must match.
    Regex {
        /// The regular expression.
        regex: String,
    },
    /// A function of the origin and the request head, registered under this name in
    /// [`Functions`](crate::Functions).
    Function {
        /// The name it is registered under.
        function: String,
    },
}

impl Origin {
    /// The origins of a comma-separated list, as an environment variable holds them: each
    /// trimmed, empty items skipped. Each is checked when the policy is.
    ///
    /// ```
    /// use corsage::Origin;
    ///
    /// assert_eq!(
    ///     Origin::list(" https://a.example, ,localhost:3000"),
    ///     [Origin::from("https://a.example"), Origin::from("localhost:3000")],
    /// );
    /// ```
    pub fn list(text: &str) -> Vec<Origin> {
        text.split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(Origin::from)
            .collect()
    }
}

impl std::fmt::Display for Origin {
    /// The origin as messages name it: the pattern, `regex("...")`, or `function NAME`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Pattern(pattern) => f.write_str(pattern),
            Origin::Regex { regex } => write!(f, "regex({regex:?})"),
            Origin::Function { function } => write!(f, "function {function}"),
        }
    }
}

impl From<&str> for Origin {
    fn from(pattern: &str) -> Self {
        Origin::Pattern(pattern.to_owned())
    }
}

/// One `resource "/path", option: value, ...;` statement.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize, serde::Serialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Resource {
    /// The path pattern.
    pub path: Path,
    /// `methods:`; `GET` when absent.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub methods: Option<Names>,
    /// `headers:`: request headers a preflight may ask for; none beyond the safelisted ones when
    /// absent.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub headers: Option<Names>,
    /// `expose:`: response headers scripts may read.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub expose: Option<Names>,
    /// `max_age:` in seconds; 7200 when absent.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub max_age: Option<u64>,
    /// `credentials: true`.
    #[cfg_attr(feature = "serde", serde(default))]
    pub credentials: bool,
    /// `if:`: a condition on the request head, registered under this name in
    /// [`Functions`](crate::Functions).
    #[cfg_attr(
        feature = "serde",
        serde(default, rename = "if", skip_serializing_if = "Option::is_none")
    )]
    pub condition: Option<String>,
    /// `vary:`: request headers the response also depends on.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub vary: Option<Names>,
    /// `private_network: true`: answer Private Network Access preflights.
    #[cfg_attr(feature = "serde", serde(default))]
    pub private_network: bool,
    /// `refuse_others: true`: a request whose `Origin` the policy refuses on this path never
    /// reaches the inner service (same-origin requests excepted).
    #[cfg_attr(feature = "serde", serde(default))]
    pub refuse_others: bool,
    /// `public_socket: true`: a WebSocket handshake from any origin the block accepts is let
    /// through, without credentials granted on the path (the socket serves no user's data).
    #[cfg_attr(feature = "serde", serde(default))]
    pub public_socket: bool,
}

/// A resource's path pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(untagged))]
pub enum Path {
    /// `"/api/*"`, `"/users/:id"`, `"*"`.
    Pattern(String),
    /// `regex(r"...")`: the whole path must match.
    Regex {
        /// The regular expression.
        regex: String,
    },
}

impl std::fmt::Display for Path {
    /// The path as messages name it: the pattern, or `regex("...")`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Path::Pattern(pattern) => f.write_str(pattern),
            Path::Regex { regex } => write!(f, "regex({regex:?})"),
        }
    }
}

impl Default for Path {
    fn default() -> Self {
        Path::Pattern("*".to_owned())
    }
}

impl From<String> for Origin {
    fn from(pattern: String) -> Self {
        Origin::Pattern(pattern)
    }
}

impl From<&str> for Path {
    fn from(pattern: &str) -> Self {
        Path::Pattern(pattern.to_owned())
    }
}

/// A list of methods or header names, or `any` (written `"any"` in a file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Names {
    /// `any`.
    Any,
    /// The names as written.
    List(Vec<String>),
}

impl Names {
    #[doc(hidden)]
    pub fn from_static(names: &[&str]) -> Names {
        Names::List(names.iter().map(|name| (*name).to_owned()).collect())
    }
}

/// An origin as the `cors!` expansion holds it: static text, turned into the model on first use.
#[doc(hidden)]
pub enum StaticOrigin {
    Pattern(&'static str),
    Regex(&'static str),
    Function(&'static str),
}

impl StaticOrigin {
    pub fn to_model(origins: &[StaticOrigin]) -> Vec<Origin> {
        origins
            .iter()
            .map(|origin| match *origin {
                StaticOrigin::Pattern(pattern) => Origin::Pattern(pattern.to_owned()),
                StaticOrigin::Regex(regex) => Origin::Regex {
                    regex: regex.to_owned(),
                },
                StaticOrigin::Function(function) => Origin::Function {
                    function: function.to_owned(),
                },
            })
            .collect()
    }
}

impl<const N: usize> From<[&str; N]> for Names {
    fn from(names: [&str; N]) -> Self {
        Names::List(names.iter().map(|name| (*name).to_owned()).collect())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Names {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Names::Any => serializer.serialize_str("any"),
            Names::List(names) => names.serialize(serializer),
        }
    }
}
