//! Functions a policy names: origin predicates and `if:` conditions. A configuration file cannot
//! hold code, so it names them, and the program registers them under those names before the
//! policy is checked; the `cors!` macro registers its own.

use crate::table::{Condition, OriginPredicate};

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
    pub fn origin(mut self, name: impl Into<String>, predicate: OriginPredicate) -> Functions {
        self.origins.push((name.into(), predicate));
        self
    }

    /// Registers a condition: `if = "name"` on a resource.
    pub fn condition(mut self, name: impl Into<String>, condition: Condition) -> Functions {
        self.conditions.push((name.into(), condition));
        self
    }

    pub(crate) fn find_origin(&self, name: &str) -> Option<OriginPredicate> {
        let found = self.origins.iter().rev().find(|(n, _)| n == name);
        found.map(|(_, predicate)| *predicate)
    }

    pub(crate) fn find_condition(&self, name: &str) -> Option<Condition> {
        let found = self.conditions.iter().rev().find(|(n, _)| n == name);
        found.map(|(_, condition)| *condition)
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
