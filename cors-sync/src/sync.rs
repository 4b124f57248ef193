//! Applying a source's rows to a live policy: once per change, numbered, never losing the
//! running policy.

use corsage::Live;

use crate::event::Event;

/// Applies a tenants table's rows to one block of a [`Live`] policy.
///
/// ```
/// use corsage::{cors, Cors};
/// use corsage_sync::{Event, TenantSync};
///
/// static CORS: Cors = cors! {
///     allow "tenants" {
///         tenants from path;
///         resource "/t/{tenant}/api/*", credentials: true;
///     }
/// };
/// let live = CORS.to_live();
/// let mut sync = TenantSync::new(live.clone(), "tenants");
/// let rows = vec![("acme".to_owned(), "https://acme.example".to_owned())];
/// let Some(Event::Applied { version, .. }) = sync.apply(rows.clone()) else { panic!() };
/// assert_eq!(version, 2);
/// // The same rows again change nothing: no new version.
/// assert!(sync.apply(rows).is_none());
/// ```
#[derive(Debug)]
pub struct TenantSync {
    live: Live,
    block: String,
    /// The rows last applied, sorted: a read that returns them again is not an update.
    applied: Option<Vec<(String, String)>>,
    /// The source's last failure, until it is read again: reported once, not at every retry.
    failing: Option<String>,
    /// The live policy's last refusal of the rows, reported once likewise.
    refused: Option<String>,
}

impl TenantSync {
    /// Applies rows to the block named `block` of `live` (one with `tenants from ...`).
    pub fn new(live: Live, block: impl Into<String>) -> TenantSync {
        TenantSync {
            live,
            block: block.into(),
            applied: None,
            failing: None,
            refused: None,
        }
    }

    /// The live policy it updates.
    pub fn live(&self) -> &Live {
        &self.live
    }

    /// Applies `rows` (tenant, origin) read from the source, unless they are the rows applied
    /// last (in any order): `None` then. Bad rows are skipped and listed in the event.
    pub fn apply(&mut self, mut rows: Vec<(String, String)>) -> Option<Event> {
        rows.sort_unstable();
        let recovered = self.failing.take().is_some();
        if self.applied.as_ref() == Some(&rows) {
            return recovered.then(|| Event::Recovered {
                version: self.live.version(),
            });
        }
        match self.live.replace_tenants(&self.block, rows.iter().cloned()) {
            Ok(update) => {
                self.applied = Some(rows);
                self.refused = None;
                Some(Event::Applied {
                    version: self.live.version(),
                    update,
                })
            }
            // The same refusal comes back at every read until the program or its policy changes.
            Err(problems) => {
                said_once(&mut self.refused, problems.to_string()).map(|problems| Event::Refused {
                    version: self.live.version(),
                    problems,
                })
            }
        }
    }

    /// Records that the source could not be read: the running policy stays. An event the first
    /// time (or when the error changes), `None` while the same failure repeats.
    pub fn failed(&mut self, error: impl std::fmt::Display) -> Option<Event> {
        said_once(&mut self.failing, error.to_string()).map(|error| Event::SourceFailed {
            version: self.live.version(),
            error,
        })
    }
}

/// `now`, unless it is what was said last (kept in `last`): a condition that persists is said
/// once, not at every read.
fn said_once(last: &mut Option<String>, now: String) -> Option<String> {
    if last.as_ref() == Some(&now) {
        return None;
    }
    *last = Some(now.clone());
    Some(now)
}
