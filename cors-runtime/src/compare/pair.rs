//! Two policies prepared for comparison: each checked and compiled, refused when it holds what
//! no automaton describes.

use crate::check::checked::CheckedPolicy;
use crate::check::{Depth, check};
use crate::compare::change::CompareError;
use crate::model::functions::Functions;
use crate::model::policy::{Origin, Policy};
use crate::table::CompiledPolicy;
use crate::table::compile::{Lifetime, compile};

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
