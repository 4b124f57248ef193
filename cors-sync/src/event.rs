//! What a sync did, each with the policy version being served after it: one line for a log.

use std::fmt;

use corsage::TenantUpdate;

/// The most refused rows one line lists; the rest are counted.
const LISTED_REFUSALS: usize = 10;

/// One outcome of reading the source.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Event {
    /// The rows were applied as policy `version`; `update.refused` lists the rows skipped.
    Applied {
        /// The policy version now served.
        version: u64,
        /// Tenants and origins served, and the rows refused with their reasons.
        update: TenantUpdate,
    },
    /// The live policy refused the update (the block is not one with tenants): `version` stays.
    Refused {
        /// The policy version still served.
        version: u64,
        /// Why, with the fix.
        problems: String,
    },
    /// The source could not be read: `version` stays served until it can.
    SourceFailed {
        /// The policy version still served.
        version: u64,
        /// The source's error.
        error: String,
    },
    /// The source is readable again and holds the rows of `version`.
    Recovered {
        /// The policy version served.
        version: u64,
    },
}

impl Event {
    /// The policy version served after this event.
    pub fn version(&self) -> u64 {
        match self {
            Event::Applied { version, .. }
            | Event::Refused { version, .. }
            | Event::SourceFailed { version, .. }
            | Event::Recovered { version } => *version,
        }
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Applied { version, update } => {
                write!(
                    f,
                    "policy version {version} applied: {} origins of {} tenants, {} rows refused",
                    update.origins,
                    update.tenants,
                    update.refused.len()
                )?;
                for refused in update.refused.iter().take(LISTED_REFUSALS) {
                    write!(f, "; refused: {refused}")?;
                }
                match update.refused.len().checked_sub(LISTED_REFUSALS) {
                    Some(more) if more > 0 => write!(f, "; and {more} more"),
                    _ => Ok(()),
                }
            }
            Event::Refused { version, problems } => {
                let problems = problems.replace('\n', "; ");
                write!(
                    f,
                    "update refused, policy version {version} stays: {problems}"
                )
            }
            Event::SourceFailed { version, error } => write!(
                f,
                "tenants cannot be read ({error}); policy version {version} stays"
            ),
            Event::Recovered { version } => {
                write!(
                    f,
                    "tenants readable again; policy version {version} is current"
                )
            }
        }
    }
}
