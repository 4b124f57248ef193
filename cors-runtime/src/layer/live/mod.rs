//! A policy that can be replaced while requests are in flight: the whole of it, or one named
//! block's origins. Reads are lock-free (arc-swap); each request holds the table it was decided
//! with until its response is decorated, and a replaced table is freed when the last such
//! request finishes. A replacement that fails any check changes nothing.

use std::ops::Deref;
use std::sync::{Arc, Mutex};

mod report_only;
mod tenants;

use arc_swap::ArcSwap;

use crate::check::checked::CheckedPolicy;
use crate::check::{Depth, Location, Problem, Problems, Spelling, check};
use crate::decide::decision::Decision;
use crate::layer::probe::Probe;
use crate::model::functions::Functions;
use crate::model::head::RequestHead;
use crate::model::policy::{Origin, Policy};
use crate::table::CompiledPolicy;
use crate::table::compile::{Lifetime, compile};

/// A live policy: serves one policy and lets the program replace it, or one named block's
/// origins, atomically while it serves. Cloning it is a reference count; every clone serves the
/// same policy. Add it to a router with `.layer(...)` as a [`Cors`](crate::Cors).
///
/// ```
/// use corsage::{AllowBlock, Functions, Live, Policy, Resource};
///
/// let policy = Policy {
///     allow: vec![AllowBlock {
///         name: Some("tenants".into()),
///         origins: vec!["https://a.example".into()],
///         resource: vec![Resource { path: "/api/*".into(), ..Resource::default() }],
///         ..AllowBlock::default()
///     }],
///     ..Policy::default()
/// };
/// let live = Live::new(policy, Functions::new()).unwrap();
/// let router: axum::Router = axum::Router::new().layer(live.clone());
///
/// live.replace_origins("tenants", ["https://a.example", "https://b.example"]).unwrap();
/// live.snapshot().probe("GET /api/x").origin("https://b.example").assert_allowed();
///
/// // A replacement that fails a check is refused, and the running policy stays.
/// let problems = live.replace_origins("tenants", ["https://c.example/"]).unwrap_err();
/// assert!(problems.to_string().starts_with("allow[0].origins[0]: an origin has no trailing slash"));
/// live.snapshot().probe("GET /api/x").origin("https://b.example").assert_allowed();
/// # drop(router);
/// ```
#[derive(Clone)]
pub struct Live {
    shared: Arc<Shared>,
}

struct Shared {
    current: ArcSwap<Snapshot>,
    functions: Functions,
    /// How the policy was first written: a replacement's problems name their fixes so.
    spelling: Spelling,
    /// Replacements read the current policy, change it and store it: one at a time, so that
    /// none is lost. Readers never take it.
    writer: Mutex<()>,
}

struct Snapshot {
    model: Policy,
    /// Kept to compile again when only tenants' origins change.
    checked: Arc<CheckedPolicy>,
    compiled: CompiledPolicy,
    /// Counts the policies this handle has served: 1 for the first, one more per replacement.
    version: u64,
    /// A policy evaluated beside this one on every request, and never enforced (see
    /// [`Live::report_only`]).
    report_only: Option<Arc<Snapshot>>,
}

/// What becomes of the report-only policy when the enforced one is replaced.
enum Beside {
    /// It stays, with the new policy's tenants.
    Kept,
    /// It goes: it was promoted.
    Dropped,
}

/// The table one request is decided and decorated with: it stays alive while the request does.
#[doc(hidden)]
pub struct Loaded(Arc<Snapshot>);

impl Loaded {
    pub(crate) fn report_only(&self) -> Option<&CompiledPolicy> {
        self.0
            .report_only
            .as_deref()
            .map(|snapshot| &snapshot.compiled)
    }
}

impl Deref for Loaded {
    type Target = CompiledPolicy;

    fn deref(&self) -> &CompiledPolicy {
        &self.0.compiled
    }
}

impl Live {
    /// Checks `policy` with every rule (see [`Policy::check`]) and serves it; its function
    /// origins and `if:` conditions are looked up in `functions`, here and in every later
    /// replacement.
    pub fn new(policy: Policy, functions: Functions) -> Result<Live, Problems> {
        Live::spelt(policy, functions, Spelling::File)
    }

    pub(crate) fn spelt(
        policy: Policy,
        functions: Functions,
        spelling: Spelling,
    ) -> Result<Live, Problems> {
        let snapshot = build(policy, &functions, spelling)?;
        Ok(Live {
            shared: Arc::new(Shared {
                current: ArcSwap::from_pointee(snapshot),
                functions,
                spelling,
                writer: Mutex::new(()),
            }),
        })
    }

    /// Replaces the whole policy, if it passes every check; otherwise returns every problem and
    /// keeps serving the current one. Requests already decided finish with the old policy.
    pub fn replace(&self, policy: Policy) -> Result<(), Problems> {
        let _writer = self.lock_writer();
        self.store(self.build(policy), Beside::Kept)
    }

    /// Serves `next`, with the tenants of the current policy carried over; a replacement under
    /// which a stored tenant's entry no longer passes is refused, and nothing changes. Counts
    /// the update, applied or refused.
    fn store(&self, next: Result<Snapshot, Problems>, beside: Beside) -> Result<(), Problems> {
        let current = self.shared.current.load_full();
        let next = next.and_then(|next| {
            tenants::carry_tenants(&current, next)
                .map_err(|problems| problems.spelt_in(self.shared.spelling))
        });
        match next {
            Ok(next) => {
                self.commit(&current, next, beside);
                Ok(())
            }
            Err(problems) => {
                #[cfg(feature = "metrics")]
                crate::layer::metrics::count_update(false, current.version);
                Err(problems)
            }
        }
    }

    /// Serves `next` as the version after `current`; the caller holds the writer lock.
    fn commit(&self, current: &Snapshot, mut next: Snapshot, beside: Beside) {
        next.version = current.version + 1;
        next.report_only = match beside {
            Beside::Kept => current
                .report_only
                .as_ref()
                .map(|report_only| report_only::following(report_only, &next)),
            Beside::Dropped => None,
        };
        #[cfg(feature = "metrics")]
        crate::layer::metrics::count_update(true, next.version);
        self.shared.current.store(Arc::new(next));
    }

    /// Replaces the origins of the block named `block` (`allow "tenants" { ... }`, or
    /// `name = "tenants"` in a file), checking the whole policy with them as for
    /// [`replace`](Live::replace).
    ///
    /// ```
    /// use corsage::{cors, Cors, Origin};
    ///
    /// static CORS: Cors = cors! {
    ///     allow "tenants" {
    ///         origins "https://first.example";
    ///         resource "/api/*", credentials: true;
    ///     }
    /// };
    /// let live = CORS.to_live();
    /// let tenants = vec![Origin::from("https://shop.example"), Origin::from("http://shop.example")];
    /// let problems = live.replace_origins("tenants", tenants).unwrap_err();
    /// assert!(problems.to_string().contains("plain http"));
    /// ```
    pub fn replace_origins<I>(&self, block: &str, origins: I) -> Result<(), Problems>
    where
        I: IntoIterator,
        I::Item: Into<Origin>,
    {
        let _writer = self.lock_writer();
        let mut policy = self.shared.current.load().model.clone();
        let Some(target) = policy
            .allow
            .iter_mut()
            .find(|allow| allow.name.as_deref() == Some(block))
        else {
            let names: Vec<String> = policy
                .allow
                .iter()
                .filter_map(|allow| allow.name.as_ref().map(|name| format!("{name:?}")))
                .collect();
            let known = match names.as_slice() {
                [] => "no block has a name".to_owned(),
                _ => format!("the named blocks are {}", names.join(", ")),
            };
            let problem = Problem::spelt(Location::Policy, |spelling| {
                let named = match spelling {
                    Spelling::Macro => format!("`allow {block:?} {{ ... }}`"),
                    Spelling::File => format!("`name = {block:?}` in its `[[allow]]` table"),
                };
                format!("no block is named {block:?} ({known}); name it, as in {named}")
            });
            let problems = Problems::from_vec(vec![problem]).spelt_in(self.shared.spelling);
            return self.store(Err(problems), Beside::Kept);
        };
        target.origins = origins.into_iter().map(Into::into).collect();
        self.store(self.build(policy), Beside::Kept)
    }

    /// Replaces the server's own hosts (`settings { hosts: [...] }`), checking the whole
    /// policy with them as for [`replace`](Live::replace): for hosts known only at start-up,
    /// such as the address the server was bound to.
    ///
    /// ```
    /// use corsage::{cors, Cors};
    ///
    /// static CORS: Cors = cors! {
    ///     allow { origins "https://app.example.com"; resource "/ws", credentials: true; }
    /// };
    /// let live = CORS.to_live();
    /// live.replace_hosts(["127.0.0.1:8000", "localhost:8000"]).unwrap();
    /// let problems = live.replace_hosts(["http://localhost:8000"]).unwrap_err();
    /// assert!(problems.to_string().starts_with("settings.hosts[0]: a host has no scheme"));
    /// ```
    pub fn replace_hosts<I>(&self, hosts: I) -> Result<(), Problems>
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        let _writer = self.lock_writer();
        let mut policy = self.shared.current.load().model.clone();
        policy.settings.hosts = hosts.into_iter().map(Into::into).collect();
        self.store(self.build(policy), Beside::Kept)
    }

    /// The policy being served, as written.
    pub fn policy(&self) -> Policy {
        self.shared.current.load().model.clone()
    }

    /// The version of the policy being served: 1 for the first, one more for every replacement
    /// applied (whole, origins, hosts or tenants). A refused replacement keeps the version.
    pub fn version(&self) -> u64 {
        self.shared.current.load().version
    }

    /// The policy being served now, to decide on requests with: it stays the same while held,
    /// whatever replacements happen meanwhile.
    pub fn snapshot(&self) -> LiveSnapshot {
        LiveSnapshot(self.load_current())
    }

    pub(crate) fn load_current(&self) -> Loaded {
        Loaded(self.shared.current.load_full())
    }

    fn lock_writer(&self) -> std::sync::MutexGuard<'_, ()> {
        // The guarded state is `current`, which a panicking writer never leaves half-stored.
        self.shared
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn build(policy: Policy, functions: &Functions, spelling: Spelling) -> Result<Snapshot, Problems> {
    let checked =
        check(&policy, functions, Depth::Full).map_err(|problems| problems.spelt_in(spelling))?;
    Ok(Snapshot {
        compiled: compile(&checked, Lifetime::Replaceable),
        checked: Arc::new(checked),
        model: policy,
        version: 1,
        report_only: None,
    })
}

impl Live {
    /// `policy` checked with this handle's functions and compiled.
    fn build(&self, policy: Policy) -> Result<Snapshot, Problems> {
        build(policy, &self.shared.functions, self.shared.spelling)
    }
}

impl std::fmt::Debug for Live {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Live")
            .field("blocks", &self.shared.current.load().model.allow.len())
            .finish_non_exhaustive()
    }
}

/// The policy a [`Live`] handle served when [`snapshot`](Live::snapshot) was called.
pub struct LiveSnapshot(Loaded);

impl LiveSnapshot {
    /// Decides on a request, as [`Cors::decide`](crate::Cors::decide) does.
    pub fn decide<'a>(&'a self, head: &RequestHead<'a>) -> Decision<'a> {
        self.0.decide(head)
    }

    /// Starts a [`Probe`] of `"METHOD /path"` against this policy, as
    /// [`Cors::probe`](crate::Cors::probe) does.
    pub fn probe(&self, line: &str) -> Probe<'_> {
        Probe::new(&self.0, line)
    }

    /// The policy, as written.
    pub fn policy(&self) -> &Policy {
        &self.0.0.model
    }

    /// Its version (see [`Live::version`]).
    pub fn version(&self) -> u64 {
        self.0.0.version
    }
}

impl std::fmt::Debug for LiveSnapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveSnapshot")
            .field("blocks", &self.0.blocks.len())
            .finish_non_exhaustive()
    }
}
