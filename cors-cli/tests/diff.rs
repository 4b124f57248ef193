//! `diff`, decided on the automata: every example it reports is answered differently by the two
//! policies, and policies written differently with the same meaning have no difference. A
//! property test over generated policies (exact, wildcard and regex origins; pattern and regex
//! paths), then the command as a user runs it.

mod support;

use corsage::{
    Access, AllowBlock, Example, Functions, Live, Names, Origin, Path, Policy, RequestHead,
    Resource, diff,
};
use proptest::prelude::*;
use support::{corsage, file};

const ORIGINS: [&str; 6] = [
    "https://a.example",
    "https://b.example",
    "localhost:3000",
    "https://*.example.org",
    "regex:^https://(a|c)\\.example$",
    "*",
];
const PATHS: [&str; 5] = [
    "/api/*",
    "/api/users",
    "/public/*",
    "*",
    "regex:^/v[12]/.*$",
];

fn origin(text: &str) -> Origin {
    match text.strip_prefix("regex:") {
        Some(regex) => Origin::Regex {
            regex: regex.to_owned(),
        },
        None => Origin::from(text),
    }
}

fn path(text: &str) -> Path {
    match text.strip_prefix("regex:") {
        Some(regex) => Path::Regex {
            regex: regex.to_owned(),
        },
        None => Path::from(text),
    }
}

fn subset<'a>(pool: &'a [&'a str], mask: u8) -> Vec<String> {
    pool.iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, s)| (*s).to_owned())
        .collect()
}

fn resource() -> impl Strategy<Value = Resource> {
    (0..PATHS.len(), 1u8..8, 0u8..4, any::<bool>(), 0u8..2).prop_map(
        |(p, methods, headers, credentials, expose)| Resource {
            path: path(PATHS[p]),
            methods: Some(Names::List(subset(&["GET", "PUT", "DELETE"], methods))),
            headers: Some(Names::List(subset(&["x-token", "x-trace"], headers))),
            expose: (expose == 1).then(|| Names::List(vec!["x-total".to_owned()])),
            credentials,
            ..Resource::default()
        },
    )
}

fn block() -> impl Strategy<Value = AllowBlock> {
    (1u8..64, prop::collection::vec(resource(), 1..3)).prop_map(|(origins, mut resource)| {
        let origins: Vec<String> = subset(&ORIGINS, origins);
        if origins.iter().any(|origin| origin == "*") {
            resource
                .iter_mut()
                .for_each(|resource| resource.credentials = false);
        }
        AllowBlock {
            origins: origins.iter().map(|o| origin(o)).collect(),
            resource,
            ..AllowBlock::default()
        }
    })
}

fn policy() -> impl Strategy<Value = Policy> {
    prop::collection::vec(block(), 1..3).prop_map(|allow| Policy {
        allow,
        ..Policy::default()
    })
}

/// What a page gets, as `diff` compares it.
fn answer(live: &Live, example: &Example, access: &Access) -> (bool, bool, bool) {
    let request = example.request().unwrap();
    let snapshot = live.snapshot();
    let decision = snapshot.decide(&RequestHead::from(&request));
    let allowed = example.kind.granted(&decision);
    let exposed = match access {
        Access::Expose(name) => decision.exposes(name),
        _ => false,
    };
    (
        allowed,
        allowed && decision.allows_credentials(),
        allowed && exposed,
    )
}

fn live(policy: &Policy) -> Option<Live> {
    Live::new(policy.clone(), Functions::new()).ok()
}

/// The policy with `unsafe` on the blocks that need it (and only those), if it then passes. A
/// policy whose problems have nothing to do with `unsafe` is given up at once.
fn fixed(mut policy: Policy) -> Option<Policy> {
    for combination in 0..(1u32 << policy.allow.len()) {
        for (i, block) in policy.allow.iter_mut().enumerate() {
            block.acknowledged = combination & (1 << i) != 0;
        }
        match Live::new(policy.clone(), Functions::new()) {
            Ok(_) => return Some(policy),
            Err(problems) if !problems.to_string().contains("unsafe") => return None,
            Err(_) => {}
        }
    }
    None
}

/// The same policy, written otherwise: origins in reverse order, `localhost:3000` as its two
/// origins, methods and headers reordered.
fn rewritten(policy: &Policy) -> Policy {
    let mut policy = policy.clone();
    for block in &mut policy.allow {
        block.origins.reverse();
        block.origins = block
            .origins
            .iter()
            .flat_map(|origin| match origin {
                Origin::Pattern(text) if text == "localhost:3000" => {
                    vec![
                        Origin::from("https://localhost:3000"),
                        Origin::from("http://localhost:3000"),
                    ]
                }
                other => vec![other.clone()],
            })
            .collect();
        for resource in &mut block.resource {
            for names in [&mut resource.methods, &mut resource.headers]
                .into_iter()
                .flatten()
            {
                if let Names::List(list) = names {
                    list.reverse();
                }
            }
        }
    }
    policy
}

/// A generated policy that passes its checks (with `unsafe` where needed): drawn again alone
/// when it does not, so that a pair of policies is not thrown away for one bad half.
fn checked_policy() -> impl Strategy<Value = Policy> {
    policy().prop_filter_map("a generated policy fails its checks", fixed)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn every_example_is_answered_differently(old in checked_policy(), new in checked_policy()) {
        let (old_live, new_live) = (live(&old).unwrap(), live(&new).unwrap());
        let changes = diff(&old, &new).unwrap();
        for change in &changes {
            let before = answer(&old_live, &change.example, &change.access);
            let after = answer(&new_live, &change.example, &change.access);
            prop_assert_ne!(before, after, "{}: {}", change.description(), change.example);
        }
        if old == new {
            prop_assert!(changes.is_empty());
        }
    }

    #[test]
    fn the_same_meaning_written_otherwise_has_no_difference(old in checked_policy()) {
        let new = rewritten(&old);
        let changes = diff(&old, &new).unwrap();
        prop_assert!(changes.is_empty(), "{:?}", changes.iter().map(|c| c.description()).collect::<Vec<_>>());
    }
}

const OLD: &str = "[[allow]]\norigins = [\"localhost:3000\", \"https://app.example.com\"]\n[[allow.resource]]\npath = \"/api/*\"\nmethods = [\"GET\", \"PUT\"]\ncredentials = true\n";

#[test]
fn the_command_reports_widened_credentialed_access_with_an_example() {
    let old = file("diff", "old.toml", OLD);
    let same = file(
        "diff",
        "same.toml",
        "[[allow]]\norigins = [\"https://app.example.com\", \"http://localhost:3000\", \"https://localhost:3000\"]\n[[allow.resource]]\npath = \"/api/*\"\nmethods = [\"PUT\", \"GET\"]\ncredentials = true\n",
    );
    assert_eq!(
        corsage(&["diff", &old, &same]),
        (0, "no difference in access\n".to_owned(), String::new())
    );
    let wider = file(
        "diff",
        "wider.toml",
        &OLD.replace(
            "\"https://app.example.com\"]",
            "\"https://app.example.com\", \"https://admin.example.com\"]",
        ),
    );
    let (code, stdout, _) = corsage(&["diff", "--format", "json", &old, &wider]);
    assert_eq!(code, 2);
    let changes: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let credentialed: Vec<&serde_json::Value> = changes["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|change| change["direction"] == "gained")
        .collect();
    assert!(
        credentialed
            .iter()
            .any(|change| change["access"] == "credentials"),
        "{stdout}"
    );
    for change in credentialed {
        assert_eq!(change["example"]["origin"], "https://admin.example.com");
        assert_eq!(change["origins"], "https://admin.example.com");
    }
    let (code, _, stderr) = corsage(&["diff", &old, "/nonexistent.toml"]);
    assert_eq!(code, 1, "{stderr}");
}

#[test]
fn functions_cannot_be_compared_and_say_so() {
    let old = file("opaque", "old.toml", OLD);
    let new = file(
        "opaque",
        "new.toml",
        "[[allow]]\norigins = [{ function = \"is_partner\" }]\n[[allow.resource]]\npath = \"/api/*\"\n",
    );
    let (code, _, stderr) = corsage(&["diff", &old, &new]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("the new policy uses an origin function"),
        "{stderr}"
    );
}
