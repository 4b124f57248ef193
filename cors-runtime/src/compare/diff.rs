//! Every change in who may do what between two policies, computed on their automata: the
//! origins and paths split into cells that both policies answer alike within, one witness per
//! cell, and every method, request header and exposed header either policy names (with one
//! that neither names) tried on each. Nothing is sampled: two requests in the same cell, asking
//! for the same names, get the same answers from both policies.

use std::collections::{BTreeSet, HashMap};

use crate::check::automaton::Cell;
use crate::compare::change::{Access, Change, CompareError, Direction};
use crate::compare::describe::{origins_of_cell, rule_path};
use crate::compare::example::{Example, ExampleKind, Outcome, host_named};
use crate::compare::languages::{origin_partition, path_partition};
use crate::compare::pair::Pair;
use crate::model::policy::Policy;

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
