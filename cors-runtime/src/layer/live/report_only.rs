//! A report-only policy beside the enforced one: decided on every request and never applied, so
//! that a stricter policy can be watched on real traffic before it is enforced; then promoted in
//! one call. Its tenants are the enforced policy's, carried over at every update.

use std::sync::Arc;

use crate::check::{Location, Problem, Problems};
use crate::model::policy::Policy;
use crate::table::compile::{Lifetime, compile};

use super::tenants::{recompiled, with_tenants_of};
use super::{Beside, Live, Snapshot};

impl Live {
    /// Evaluates `policy` beside the enforced one on every request, without enforcing it: the
    /// layer counts the two outcomes (`corsage_report_only_total`, feature `metrics`) and logs
    /// each request on which they differ with both decisions (feature `tracing`, at `info`
    /// level, target `corsage::report_only`). `policy` is checked as for
    /// [`replace`](Live::replace); a refused one changes nothing. It replaces any report-only
    /// policy set before; the enforced policy and its version stay.
    ///
    /// ```
    /// use corsage::{cors, Cors};
    ///
    /// static OPEN: Cors = cors! { allow { origins "*"; resource "/api/*"; } };
    /// static STRICT: Cors = cors! { allow { origins "https://app.example"; resource "/api/*"; } };
    ///
    /// let live = OPEN.to_live();
    /// live.report_only(STRICT.policy().clone()).unwrap();
    /// // Still enforced: the open policy.
    /// live.snapshot().probe("GET /api/x").origin("https://other.example").assert_allowed();
    /// // Once the logs show no request the strict policy would refuse, enforce it.
    /// live.promote_report_only().unwrap();
    /// live.snapshot().probe("GET /api/x").origin("https://other.example").assert_reason("OriginRefused");
    /// assert_eq!(live.version(), 2);
    /// ```
    pub fn report_only(&self, policy: Policy) -> Result<(), Problems> {
        let _writer = self.lock_writer();
        let report_only = self.build(policy)?;
        let current = self.shared.current.load_full();
        // Built just now: the enforced policy's tenants go straight into its table.
        let report_only = Arc::new(with_tenants_of(&current, report_only).0);
        self.shared
            .current
            .store(Arc::new(current.with_report_only(Some(report_only))));
        Ok(())
    }

    /// Stops evaluating the report-only policy, if there is one.
    pub fn stop_report_only(&self) {
        let _writer = self.lock_writer();
        let current = self.shared.current.load_full();
        if current.report_only.is_some() {
            self.shared
                .current
                .store(Arc::new(current.with_report_only(None)));
        }
    }

    /// Enforces the report-only policy (with the tenants the enforced policy has), as
    /// [`replace`](Live::replace) would, and stops reporting. Without a report-only policy, or
    /// when a stored tenant's entry no longer passes under it, nothing changes.
    pub fn promote_report_only(&self) -> Result<(), Problems> {
        let _writer = self.lock_writer();
        let current = self.shared.current.load_full();
        let Some(report_only) = &current.report_only else {
            let problem = Problem::new(
                Location::Policy,
                "there is no report-only policy to promote; set one with `Live::report_only`"
                    .to_owned(),
            );
            return self.store(Err(Problems::from_vec(vec![problem])), Beside::Kept);
        };
        let next = Snapshot {
            model: report_only.model.clone(),
            checked: report_only.checked.clone(),
            compiled: compile(&report_only.checked, Lifetime::Replaceable),
            version: 0,
            report_only: None,
        };
        self.store(Ok(next), Beside::Dropped)
    }
}

impl Snapshot {
    /// The same policy (its table compiled again, its tenants' tables shared), with
    /// `report_only` beside it.
    fn with_report_only(&self, report_only: Option<Arc<Snapshot>>) -> Snapshot {
        Snapshot {
            model: self.model.clone(),
            checked: self.checked.clone(),
            compiled: recompiled(self),
            version: self.version,
            report_only,
        }
    }
}

/// `report_only` with the tenants of `enforced` that it accepts (the others are left out: it is
/// only reported on); compiled again only when it has tenants' blocks.
pub(super) fn following(report_only: &Arc<Snapshot>, enforced: &Snapshot) -> Arc<Snapshot> {
    let has_tenants = report_only
        .checked
        .blocks
        .iter()
        .any(|block| block.tenants.is_some());
    if !has_tenants {
        return Arc::clone(report_only);
    }
    let fresh = Snapshot {
        model: report_only.model.clone(),
        checked: report_only.checked.clone(),
        compiled: compile(&report_only.checked, Lifetime::Replaceable),
        version: report_only.version,
        report_only: None,
    };
    Arc::new(with_tenants_of(enforced, fresh).0)
}
