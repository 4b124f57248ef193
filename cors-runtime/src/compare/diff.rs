//! Every change in who may do what between two policies, computed on their automata: the
//! origins and paths split into cells that both policies answer alike within, one witness per
//! cell, and every method, request header and exposed header either policy names (with one
//! that neither names) tried on each. Nothing is sampled: two requests in the same cell, asking
//! for the same names, get the same answers from both policies.

use std::collections::{BTreeSet, HashMap};

use crate::check::automaton::{Cell, Undecided};
use crate::check::checked::CheckedPolicy;
use crate::check::{check, Depth, Problems};
use crate::compare::describe::{origins_of_cell, rule_path};
use crate::compare::example::{host_named, Example, ExampleKind, Outcome};
use crate::compare::languages::{origin_partition, path_partition};
use crate::model::functions::Functions;
use crate::model::policy::{Origin, Policy};
use crate::table::compile::{compile, Lifetime};
use crate::table::CompiledPolicy;

/// Whether a change opens access or closes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Direction {
    /// The new policy allows what the old one did not.
    Gained,
    /// The new policy refuses what the old one allowed.
    Lost,
}

/// What a change concerns.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Access {
    /// Requests (and their preflights), without credentials.
    Requests,
    /// Requests with the user's credentials (cookies, HTTP authentication): the answer grants
    /// them.
    Credentials,
    /// Opening a WebSocket.
    Socket,
    /// Reading a response header (`Access-Control-Expose-Headers`).
    Expose(String),
}

/// One change in who may do what.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Change {
    /// Gained or lost.
    pub direction: Direction,
    /// What is gained or lost.
    pub access: Access,
    /// The origins concerned, in words: listed when they are few, described otherwise.
    pub origins: String,
    /// The paths concerned, as the deciding policy's resource writes them (the request's path
    /// where no resource covers it).
    pub paths: Vec<String>,
    /// The methods concerned (asked for in preflights, or sent).
    pub methods: Vec<String>,
    /// The request headers concerned (asked for in preflights).
    pub headers: Vec<String>,
    /// One request the two policies answer differently.
    pub example: Example,
}

impl Change {
    /// The change in one sentence.
    pub fn description(&self) -> String {
        let verb = match self.direction {
            Direction::Gained => "may now",
            Direction::Lost => "may no longer",
        };
        let what = match &self.access {
            Access::Requests => "send requests".to_owned(),
            Access::Credentials => "send requests with credentials (cookies, HTTP auth)".to_owned(),
            Access::Socket => "open WebSockets".to_owned(),
            Access::Expose(name) => format!("read the response header {name}"),
        };
        let mut sentence = format!(
            "{} {verb} {what} to {}",
            self.origins,
            self.paths.join(", ")
        );
        if !self.methods.is_empty() {
            sentence.push_str(&format!(" ({})", self.methods.join(", ")));
        }
        if !self.headers.is_empty() {
            sentence.push_str(&format!(", asking for {}", self.headers.join(", ")));
        }
        sentence
    }
}

/// Why two policies could not be compared.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CompareError {
    /// A policy fails its checks (`0` for the old, `1` for the new).
    Refused(usize, Problems),
    /// A policy holds what no automaton describes: functions, `if:` conditions, tenants' origins,
    /// or hosts that differ between the two.
    Unsupported(String),
    /// A pattern or the search is beyond the analysis' limits.
    TooLarge,
}

impl std::fmt::Display for CompareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CompareError::Refused(which, problems) => {
                let which = ["the old policy", "the new policy"][*which];
                write!(f, "{which} fails its checks:\n{problems}")
            }
            CompareError::Unsupported(what) => f.write_str(what),
            CompareError::TooLarge => f.write_str(
                "a pattern or the comparison is too large to decide exactly; split the policy",
            ),
        }
    }
}

impl std::error::Error for CompareError {}

impl From<Undecided> for CompareError {
    fn from(_: Undecided) -> Self {
        CompareError::TooLarge
    }
}

/// Two policies, checked and compiled, and what the comparison tries on each cell.
pub(crate) struct Pair {
    pub checked: [CheckedPolicy; 2],
    pub compiled: [CompiledPolicy; 2],
    pub models: [Policy; 2],
}

impl Pair {
    pub(crate) fn new(old: &Policy, new: &Policy) -> Result<Pair, CompareError> {
        let mut checked = Vec::new();
        for (which, policy) in [old, new].into_iter().enumerate() {
            if let Some(what) = opaque(policy) {
                let which = ["the old policy", "the new policy"][which];
                return Err(CompareError::Unsupported(format!(
                    "{which} uses {what}, which is code or data outside the policy: it cannot be compared exactly"
                )));
            }
            checked.push(
                check(policy, &Functions::new(), Depth::Full)
                    .map_err(|problems| CompareError::Refused(which, problems))?,
            );
        }
        let [old_checked, new_checked]: [CheckedPolicy; 2] = checked.try_into().ok().unwrap();
        Ok(Pair {
            compiled: [
                compile(&old_checked, Lifetime::Replaceable),
                compile(&new_checked, Lifetime::Replaceable),
            ],
            checked: [old_checked, new_checked],
            models: [old.clone(), new.clone()],
        })
    }
}

/// Every change in access from `old` to `new`, grouped by direction, kind of access, origins and path,
/// each with one request that shows it. Empty when the two policies grant the same access,
/// however differently they are written.
///
/// ```
/// # #[cfg(feature = "toml")] {
/// use corsage::{diff, Direction, Policy};
///
/// let old = Policy::from_toml("[[allow]]\norigins = [\"localhost:3000\"]\n[[allow.resource]]\npath = \"/api/*\"\n").unwrap();
/// let same = Policy::from_toml("[[allow]]\norigins = [\"https://localhost:3000\", \"http://localhost:3000\"]\n[[allow.resource]]\npath = \"/api/*\"\n").unwrap();
/// assert!(diff(&old, &same).unwrap().is_empty());
/// let wider = Policy::from_toml("[[allow]]\norigins = [\"localhost:3000\", \"https://*.example.org\"]\n[[allow.resource]]\npath = \"/api/*\"\n").unwrap();
/// let changes = diff(&old, &wider).unwrap();
/// assert_eq!(changes[0].direction, Direction::Gained);
/// assert_eq!(changes[0].example.origin, "https://a.example.org");
/// # }
/// ```
pub fn diff(old: &Policy, new: &Policy) -> Result<Vec<Change>, CompareError> {
    let pair = Pair::new(old, new)?;
    let [old_settings, new_settings] = [&pair.checked[0].settings, &pair.checked[1].settings];
    if old_settings.hosts != new_settings.hosts
        || old_settings.refuse_other_hosts != new_settings.refuse_other_hosts
    {
        return Err(CompareError::Unsupported(
            "the two policies declare different `hosts` (or `refuse_other_hosts`): compare the origins and paths with the same hosts, then the hosts".to_owned(),
        ));
    }
    let checked = [&pair.checked[0], &pair.checked[1]];
    let origins = origin_partition(&checked)?;
    let paths = path_partition(&checked)?;
    let names = Names::of(&pair);
    let mut changes: Vec<Change> = Vec::new();
    // Each cell's origins are described once per deciding policy: listing them walks the
    // product of every block's automaton.
    let mut described: HashMap<(usize, usize), String> = HashMap::new();
    for (cell, origin_cell) in origins.cells.iter().enumerate() {
        for path_cell in &paths.cells {
            for example in names.examples(origin_cell, path_cell) {
                let Some((deciding, change)) = compare(&pair, &names, example)? else {
                    continue;
                };
                let origins = described
                    .entry((cell, deciding))
                    .or_insert_with(|| origins_of_cell(&pair, &origins, origin_cell, deciding));
                add_change(&mut changes, origins, change);
            }
        }
    }
    changes.sort_by(|a, b| {
        (a.direction, &a.access, &a.origins, &a.paths).cmp(&(
            b.direction,
            &b.access,
            &b.origins,
            &b.paths,
        ))
    });
    Ok(changes)
}

/// What no automaton describes, named for the refusal.
fn opaque(policy: &Policy) -> Option<&'static str> {
    policy.allow.iter().find_map(|block| {
        if block.tenants.is_some() {
            return Some("origins per tenant");
        }
        if block
            .origins
            .iter()
            .any(|origin| matches!(origin, Origin::Function { .. }))
        {
            return Some("an origin function");
        }
        block
            .resource
            .iter()
            .any(|resource| resource.condition.is_some())
            .then_some("an `if` condition")
    })
}

/// The names both policies mention, each tried on every cell, with one neither mentions.
pub(crate) struct Names {
    pub methods: Vec<String>,
    pub headers: Vec<String>,
    pub expose: Vec<String>,
    pub hosts: Vec<String>,
}

impl Names {
    pub(crate) fn of(pair: &Pair) -> Names {
        let mut methods: BTreeSet<String> = ["GET", "HEAD", "POST"].map(String::from).into();
        let mut headers = BTreeSet::new();
        let mut expose = BTreeSet::new();
        let resources = pair
            .checked
            .iter()
            .flat_map(|policy| &policy.blocks)
            .flat_map(|block| &block.resources);
        for resource in resources {
            methods.extend(resource.methods.iter().cloned());
            headers.extend(resource.headers.iter().flatten().cloned());
            if let Some(names) = &resource.expose {
                expose.extend(names.split(", ").map(|name| name.to_ascii_lowercase()));
            }
        }
        methods.insert(unnamed(&methods, "UNLISTED"));
        headers.insert(unnamed(&headers, "x-unlisted"));
        let mut hosts: Vec<String> = pair.checked[0].hosts.iter().map(host_named).collect();
        if !hosts.is_empty() {
            hosts.push("unlisted.invalid".to_owned());
        }
        Names {
            methods: methods.into_iter().collect(),
            headers: headers.into_iter().collect(),
            expose: expose.into_iter().collect(),
            hosts,
        }
    }

    /// The requests tried on one origin cell and one path cell.
    fn examples(&self, origin: &Cell, path: &Cell) -> Vec<Example> {
        // With hosts declared, the request is sent to each of them, to one that is not, and
        // to the origin's own host (a same-origin request).
        let mut hosts: Vec<Option<String>> = self.hosts.iter().cloned().map(Some).collect();
        if !hosts.is_empty() {
            if let Some((_, authority)) = origin.witness.split_once("://") {
                hosts.push(Some(authority.to_owned()));
            }
        } else {
            hosts.push(None);
        }
        let example =
            |kind, method: &str, header: Option<&String>, host: &Option<String>| Example {
                kind,
                origin: origin.witness.clone(),
                path: path.witness.clone(),
                method: method.to_owned(),
                header: header.cloned(),
                credentials: false,
                host: host.clone(),
            };
        let mut examples = Vec::new();
        for host in &hosts {
            examples.push(example(ExampleKind::Actual, "GET", None, host));
            examples.push(example(ExampleKind::WebSocket, "GET", None, host));
            for method in &self.methods {
                examples.push(example(ExampleKind::Preflight, method, None, host));
                for header in &self.headers {
                    examples.push(example(ExampleKind::Preflight, method, Some(header), host));
                }
            }
        }
        examples
    }
}

/// A name not in `names`: `base`, or `base` with a number.
fn unnamed(names: &BTreeSet<String>, base: &str) -> String {
    (1..)
        .map(|n| match n {
            1 => base.to_owned(),
            n => format!("{base}{n}"),
        })
        .find(|name| !names.contains(name))
        .unwrap_or_default()
}

/// What `example` shows, if the two policies answer it differently: the policy that allows it
/// (0 old, 1 new) and the change, its origins not yet described.
fn compare(
    pair: &Pair,
    names: &Names,
    mut example: Example,
) -> Result<Option<(usize, Change)>, CompareError> {
    let request = example.request().map_err(CompareError::Unsupported)?;
    let outcomes = |request: &http::Request<()>| {
        [0, 1].map(|i| Outcome::of(&pair.compiled[i], example.kind, request, &names.expose))
    };
    let [old, new] = outcomes(&request);
    if old == new {
        return Ok(None);
    }
    // A header changes nothing of its own when the preflight without it changes the same way.
    if example.header.is_some() {
        let plain = Example {
            header: None,
            ..example.clone()
        };
        let request = plain.request().map_err(CompareError::Unsupported)?;
        if outcomes(&request) == [old.clone(), new.clone()] {
            return Ok(None);
        }
    }
    let (direction, access, deciding) = if old.allowed != new.allowed {
        // Access gained or lost with credentials granted is credentialed access.
        let credentialed = old.credentials || new.credentials;
        let access = match example.kind {
            ExampleKind::WebSocket => Access::Socket,
            _ if credentialed => {
                example.credentials = true;
                Access::Credentials
            }
            _ => Access::Requests,
        };
        (direction(new.allowed), access, usize::from(new.allowed))
    } else if old.credentials != new.credentials {
        example.credentials = true;
        (
            direction(new.credentials),
            Access::Credentials,
            usize::from(new.credentials),
        )
    } else if let Some(i) = (0..names.expose.len()).find(|&i| old.exposed[i] != new.exposed[i]) {
        if example.kind != ExampleKind::Actual {
            return Ok(None);
        }
        let name = names.expose[i].clone();
        (
            direction(new.exposed[i]),
            Access::Expose(name),
            usize::from(new.exposed[i]),
        )
    } else {
        return Ok(None);
    };
    let path = rule_path(pair, deciding, &request);
    let method = (example.kind == ExampleKind::Preflight).then(|| example.method.clone());
    let header = example.header.clone();
    Ok(Some((
        deciding,
        Change {
            direction,
            access,
            origins: String::new(),
            paths: vec![path],
            methods: method.into_iter().collect(),
            headers: header.into_iter().collect(),
            example,
        },
    )))
}

/// Adds `change` to the one of the same direction, access, origins and path, or on its own.
fn add_change(changes: &mut Vec<Change>, origins: &str, mut change: Change) {
    match changes.iter_mut().find(|known| {
        known.direction == change.direction
            && known.access == change.access
            && known.origins == origins
            && known.paths == change.paths
    }) {
        Some(known) => {
            add(&mut known.methods, change.methods.pop());
            add(&mut known.headers, change.headers.pop());
        }
        None => {
            change.origins = origins.to_owned();
            changes.push(change);
        }
    }
}

fn direction(now: bool) -> Direction {
    match now {
        true => Direction::Gained,
        false => Direction::Lost,
    }
}

fn add(list: &mut Vec<String>, item: Option<String>) {
    if let Some(item) = item {
        if !list.contains(&item) {
            list.push(item);
        }
    }
}
