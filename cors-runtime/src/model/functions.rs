//! Functions a policy names: origin predicates and `if:` conditions. A configuration file cannot
//! hold code, so it names them, and the program registers them under those names before the
//! policy is checked; the `cors!` macro registers its own.

use std::sync::Arc;

use crate::model::head::RequestHead;

/// A function origin: decides from the origin and the request head. Shared, so that a closure
/// may hold state loaded at start-up (a set of partners' origins) without a global.
pub type OriginPredicate = Arc<dyn Fn(&str, &RequestHead<'_>) -> bool + Send + Sync>;

/// An `if:` condition: false means the resource does not match this request.
pub type Condition = Arc<dyn Fn(&RequestHead<'_>) -> bool + Send + Sync>;

/// The functions a policy may name, by name.
///
/// ```
/// use corsage::{Functions, RequestHead};
///
/// fn is_partner(origin: &str, _: &RequestHead<'_>) -> bool {
///     origin.ends_with(".partner.example")
/// }
/// let functions = Functions::new()
///     .origin("is_partner", is_partner)
///     .condition("is_beta", |head| head.headers().contains_key("x-beta"));
/// # let _ = functions;
/// ```
///
/// A closure may capture what it needs, such as a set loaded at start-up:
///
/// ```
/// use std::collections::HashSet;
/// use corsage::Functions;
///
/// let partners: HashSet<String> = ["https://a.partner.example".to_owned()].into();
/// let functions = Functions::new().origin("is_partner", move |origin, _| partners.contains(origin));
/// # let _ = functions;
/// ```
#[derive(Clone, Default)]
pub struct Functions {
    origins: Vec<(String, OriginPredicate)>,
    conditions: Vec<(String, Condition)>,
}

impl Functions {
    /// No functions.
    pub fn new() -> Functions {
        Functions::default()
    }

    /// Registers an origin predicate: `{ function = "name" }` among a block's origins.
    pub fn origin(
        mut self,
        name: impl Into<String>,
        predicate: impl Fn(&str, &RequestHead<'_>) -> bool + Send + Sync + 'static,
    ) -> Functions {
        self.origins.push((name.into(), Arc::new(predicate)));
        self
    }

    /// Registers a condition: `if = "name"` on a resource.
    pub fn condition(
        mut self,
        name: impl Into<String>,
        condition: impl Fn(&RequestHead<'_>) -> bool + Send + Sync + 'static,
    ) -> Functions {
        self.conditions.push((name.into(), Arc::new(condition)));
        self
    }

    pub(crate) fn find_origin(&self, name: &str) -> Option<OriginPredicate> {
        let found = self.origins.iter().rev().find(|(n, _)| n == name);
        found.map(|(_, predicate)| predicate.clone())
    }

    pub(crate) fn find_condition(&self, name: &str) -> Option<Condition> {
        let found = self.conditions.iter().rev().find(|(n, _)| n == name);
        found.map(|(_, condition)| condition.clone())
    }

    fn names<T>(list: &[(String, T)]) -> String {
        match list {
            [] => "none is registered".to_owned(),
            _ => {
                let names: Vec<String> = list.iter().map(|(n, _)| format!("`{n}`")).collect();
                format!("registered: {}", names.join(", "))
            }
        }
    }

    pub(crate) fn origin_names(&self) -> String {
        Functions::names(&self.origins)
    }

    pub(crate) fn condition_names(&self) -> String {
        Functions::names(&self.conditions)
    }
}

impl std::fmt::Debug for Functions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let origins: Vec<&str> = self.origins.iter().map(|(n, _)| n.as_str()).collect();
        let conditions: Vec<&str> = self.conditions.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("Functions")
            .field("origins", &origins)
            .field("conditions", &conditions)
            .finish()
    }
}
