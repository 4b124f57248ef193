//! One row per rule of the checker: a change to the base policy, the place the problem is
//! reported at, and how its message starts (in a file's spelling). The base policy passes; each
//! row's change makes it fail at that place alone. Runs in well under a second, beside the rules
//! it tests; the UI cases pin the macro's spans and wording.

use crate::model::functions::Functions;
use crate::model::policy::{AllowBlock, Names, Origin, Path, Policy, Resource, TenantKey};

/// One block, `https://app.example.com`, one resource `/api/*`.
fn base() -> Policy {
    Policy {
        allow: vec![AllowBlock {
            origins: vec![Origin::from("https://app.example.com")],
            resource: vec![Resource {
                path: Path::from("/api/*"),
                ..Resource::default()
            }],
            ..AllowBlock::default()
        }],
        ..Policy::default()
    }
}

fn origin(policy: &mut Policy, text: &str) {
    policy.allow[0].origins[0] = Origin::from(text);
}

fn resource(policy: &mut Policy) -> &mut Resource {
    &mut policy.allow[0].resource[0]
}

fn second_block(policy: &mut Policy, origins: &[&str], path: &str) {
    policy.allow.push(AllowBlock {
        origins: origins.iter().map(|o| Origin::from(*o)).collect(),
        resource: vec![Resource {
            path: Path::from(path),
            ..Resource::default()
        }],
        ..AllowBlock::default()
    });
}

type Change = fn(&mut Policy);

const RULES: &[(&str, Change, &str, &str)] = &[
    // The policy and its settings.
    (
        "no block",
        |p| p.allow.clear(),
        "policy",
        "a policy needs at least one `[[allow]]` table",
    ),
    (
        "refused status",
        |p| p.settings.refused_preflight_status = 302,
        "settings.refused_preflight_status",
        "a refused preflight's status is a 2xx, 4xx or 5xx code",
    ),
    (
        "allowed status",
        |p| p.settings.allowed_preflight_status = 404,
        "settings.allowed_preflight_status",
        "an allowed preflight's status is a 2xx code",
    ),
    (
        "host with scheme",
        |p| p.settings.hosts = vec!["http://a.example".into()],
        "settings.hosts[0]",
        "a host has no scheme",
    ),
    (
        "host twice",
        |p| p.settings.hosts = vec!["a.example".into(), "a.example".into()],
        "settings.hosts[1]",
        "\"a.example\" is listed twice",
    ),
    (
        "refusing every host",
        |p| p.settings.refuse_other_hosts = true,
        "settings.refuse_other_hosts",
        "`refuse_other_hosts = true` with no host declared",
    ),
    // Blocks.
    (
        "no origins, no name",
        |p| p.allow[0].origins.clear(),
        "allow[0]",
        "this `[[allow]]` table has no `origins`",
    ),
    (
        "no resource",
        |p| p.allow[0].resource.clear(),
        "allow[0]",
        "this `[[allow]]` table has no `[[allow.resource]]`",
    ),
    (
        "blank name",
        |p| p.allow[0].name = Some(" ".into()),
        "allow[0].name",
        "a block's name is a word",
    ),
    (
        "name twice",
        |p| {
            p.allow[0].name = Some("a".into());
            second_block(p, &["https://b.example"], "/b");
            p.allow[1].name = Some("a".into());
        },
        "allow[1].name",
        "two blocks are named \"a\"",
    ),
    (
        "needless unsafe",
        |p| p.allow[0].acknowledged = true,
        "allow[0].unsafe",
        "this block needs no `unsafe`",
    ),
    (
        "tenants without a name",
        |p| {
            p.allow[0].tenants = Some(TenantKey::Path);
            resource(p).path = Path::from("/t/{tenant}/*");
        },
        "allow[0].tenants",
        "a block with tenants needs a name",
    ),
    (
        "tenant segment missing",
        |p| {
            p.allow[0].name = Some("t".into());
            p.allow[0].tenants = Some(TenantKey::Path);
        },
        "allow[0].resource[0].path",
        "a resource of a block with tenants from the path",
    ),
    (
        "tenant host pattern",
        |p| {
            p.allow[0].name = Some("t".into());
            p.allow[0].tenants = Some(TenantKey::Host("api.example.com".into()));
        },
        "allow[0].tenants",
        "\"api.example.com\" does not start with `{tenant}.`",
    ),
    // Origins.
    (
        "trailing slash",
        |p| origin(p, "https://app.example.com/"),
        "allow[0].origins[0]",
        "an origin has no trailing slash",
    ),
    (
        "uppercase",
        |p| origin(p, "https://App.example.com"),
        "allow[0].origins[0]",
        "browsers send origins in lowercase",
    ),
    (
        "path",
        |p| origin(p, "https://app.example.com/x"),
        "allow[0].origins[0]",
        "an origin has no path",
    ),
    (
        "default port",
        |p| origin(p, "https://app.example.com:443"),
        "allow[0].origins[0]",
        "browsers leave out the default port of https",
    ),
    (
        "websocket scheme",
        |p| origin(p, "wss://app.example.com"),
        "allow[0].origins[0]",
        "browsers send the origin of the page, never a wss:// origin",
    ),
    (
        "ipv4 shorthand",
        |p| origin(p, "http://127.1:3000"),
        "allow[0].origins[0]",
        "`127.1` ends in a number",
    ),
    (
        "bad punycode",
        |p| origin(p, "https://xn--f.example"),
        "allow[0].origins[0]",
        "`xn--f` is not valid punycode",
    ),
    (
        "public suffix",
        |p| origin(p, "https://*.github.io"),
        "allow[0].origins[0]",
        "`github.io` is a public suffix",
    ),
    (
        "single-label wildcard",
        |p| origin(p, "https://*.com"),
        "allow[0].origins[0]",
        "`*.com` would allow every site under `com`",
    ),
    (
        "port wildcard on a public host",
        |p| origin(p, "https://app.example.com:*"),
        "allow[0].origins[0]",
        "a port wildcard `:*` is for development hosts",
    ),
    (
        "regex prefix attack",
        |p| {
            p.allow[0].origins[0] = Origin::Regex {
                regex: r"^https://.*example\.com$".into(),
            }
        },
        "allow[0].origins[0]",
        "this regex accepts",
    ),
    (
        "unknown function",
        |p| {
            p.allow[0].origins[0] = Origin::Function {
                function: "f".into(),
            }
        },
        "allow[0].origins[0]",
        "no origin function is registered as `f`",
    ),
    (
        "origin twice",
        |p| {
            p.allow[0]
                .origins
                .push(Origin::from("https://app.example.com"))
        },
        "allow[0].origins[1]",
        "this origin is listed twice in this block",
    ),
    // Credentials.
    (
        "credentials with star",
        |p| {
            origin(p, "*");
            resource(p).credentials = true;
        },
        "allow[0].resource[0].credentials",
        "`credentials = true` cannot be used in a block that allows \"*\"",
    ),
    (
        "credentials with null",
        |p| {
            origin(p, "null");
            resource(p).credentials = true;
        },
        "allow[0].resource[0].credentials",
        "`credentials = true` cannot be used in a block that allows \"null\"",
    ),
    (
        "credentials with plain http",
        |p| {
            origin(p, "http://app.example.com");
            resource(p).credentials = true;
        },
        "allow[0].resource[0].credentials",
        "`credentials = true` with \"http://app.example.com\": plain http",
    ),
    (
        "credentials with a wildcard",
        |p| {
            origin(p, "https://*.example.com");
            resource(p).credentials = true;
        },
        "allow[0].resource[0].credentials",
        "`credentials = true` with the wildcard origin",
    ),
    (
        "private network with star",
        |p| {
            origin(p, "*");
            resource(p).private_network = true;
        },
        "allow[0].resource[0].private_network",
        "`private_network = true` cannot be used in a block that allows \"*\"",
    ),
    (
        "expose any with credentials",
        |p| {
            resource(p).credentials = true;
            resource(p).expose = Some(Names::Any);
        },
        "allow[0].resource[0].expose",
        "`expose = \"any\"` (or `\"*\"`) is not honoured with credentials",
    ),
    // Resources.
    (
        "path without slash",
        |p| resource(p).path = Path::from("api/*"),
        "allow[0].resource[0].path",
        "a path pattern starts with `/`",
    ),
    (
        "regex path matching nothing",
        |p| {
            resource(p).path = Path::Regex {
                regex: "api".into(),
            }
        },
        "allow[0].resource[0].path",
        "this regex matches no request path",
    ),
    (
        "resource repeated",
        |p| {
            let again = p.allow[0].resource[0].clone();
            p.allow[0].resource.push(again);
        },
        "allow[0].resource[1].path",
        "this resource repeats an earlier one",
    ),
    (
        "shadowed by an earlier block",
        |p| {
            p.allow.insert(0, base().allow.remove(0));
            resource(p).path = Path::from("*");
        },
        "allow[1].resource[0].path",
        "this resource can never be selected: the earlier \"*\"",
    ),
    (
        "no methods",
        |p| resource(p).methods = Some(Names::List(Vec::new())),
        "allow[0].resource[0].methods",
        "`methods` cannot be empty",
    ),
    (
        "method star",
        |p| resource(p).methods = Some(Names::from(["*"])),
        "allow[0].resource[0].methods[0]",
        "a browser never sends a method named `*`; write `methods = \"any\"`",
    ),
    (
        "method named any",
        |p| resource(p).methods = Some(Names::from(["get", "any"])),
        "allow[0].resource[0].methods[1]",
        "\"any\" here names a method called `any`, not any method; write `methods = \"any\"`",
    ),
    (
        "forbidden method",
        |p| resource(p).methods = Some(Names::from(["TRACE"])),
        "allow[0].resource[0].methods[0]",
        "`TRACE` can never be allowed",
    ),
    (
        "method near miss",
        |p| resource(p).methods = Some(Names::from(["PSOT"])),
        "allow[0].resource[0].methods[0]",
        "`PSOT` is not a standard method but a near miss",
    ),
    (
        "method twice",
        |p| resource(p).methods = Some(Names::from(["GET", "get"])),
        "allow[0].resource[0].methods[1]",
        "`GET` is listed twice",
    ),
    (
        "header star",
        |p| resource(p).headers = Some(Names::from(["*"])),
        "allow[0].resource[0].headers[0]",
        "a browser never sends a header named `*`; write `headers = \"any\"`",
    ),
    (
        "header named any",
        |p| resource(p).headers = Some(Names::from(["any"])),
        "allow[0].resource[0].headers[0]",
        "\"any\" here names a header called `any`",
    ),
    (
        "forbidden header",
        |p| resource(p).headers = Some(Names::from(["cookie"])),
        "allow[0].resource[0].headers[0]",
        "browsers never let scripts set \"cookie\"",
    ),
    (
        "protocol header",
        |p| resource(p).headers = Some(Names::from(["access-control-allow-origin"])),
        "allow[0].resource[0].headers[0]",
        "\"access-control-allow-origin\" is part of the CORS protocol",
    ),
    (
        "two names in one",
        |p| resource(p).headers = Some(Names::from(["x-a, x-b"])),
        "allow[0].resource[0].headers[0]",
        "one header name per string",
    ),
    (
        "header twice",
        |p| resource(p).headers = Some(Names::from(["x-a", "X-A"])),
        "allow[0].resource[0].headers[1]",
        "\"x-a\" is listed twice",
    ),
    (
        "expose origin",
        |p| resource(p).expose = Some(Names::from(["Origin"])),
        "allow[0].resource[0].expose[0]",
        "a response never carries `Origin`",
    ),
    (
        "expose set-cookie",
        |p| resource(p).expose = Some(Names::from(["set-cookie"])),
        "allow[0].resource[0].expose[0]",
        "browsers never let scripts read \"set-cookie\"",
    ),
    (
        "vary any",
        |p| resource(p).vary = Some(Names::Any),
        "allow[0].resource[0].vary",
        "`vary` lists header names",
    ),
    (
        "max age",
        |p| resource(p).max_age = Some(100_000),
        "allow[0].resource[0].max_age",
        "`max_age` is a number of seconds from 0 to 86400",
    ),
    (
        "unknown condition",
        |p| resource(p).condition = Some("c".into()),
        "allow[0].resource[0].if",
        "no condition is registered as `c`",
    ),
    (
        "refuse others with star",
        |p| {
            origin(p, "*");
            resource(p).refuse_others = true;
        },
        "allow[0].resource[0].refuse_others",
        "`refuse_others = true` does nothing in a block that allows \"*\"",
    ),
    (
        "public socket with credentials",
        |p| {
            resource(p).credentials = true;
            resource(p).public_socket = true;
        },
        "allow[0].resource[0].public_socket",
        "`public_socket = true` with `credentials = true`",
    ),
    (
        "public socket beside credentials",
        |p| {
            resource(p).credentials = true;
            second_block(p, &["*"], "/api/feed");
            p.allow[1].resource[0].public_socket = true;
        },
        "allow[1].resource[0].public_socket",
        "`public_socket = true` on a path where another rule grants credentials (both cover \"/api/feed\")",
    ),
];

#[test]
fn the_base_policy_passes() {
    assert!(base().check_every_build(&Functions::new()).is_ok());
}

#[test]
fn every_rule_is_reported_at_its_place() {
    let mut failures = Vec::new();
    for (rule, change, place, message) in RULES {
        let mut policy = base();
        change(&mut policy);
        let problems = match policy.check_every_build(&Functions::new()) {
            Ok(()) => {
                failures.push(format!("{rule}: passed"));
                continue;
            }
            Err(problems) => problems,
        };
        let found = problems.iter().any(|problem| {
            problem.location().to_string() == *place && problem.message().starts_with(message)
        });
        if !found {
            failures.push(format!(
                "{rule}: expected {place}: {message}...; got:\n{problems}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
