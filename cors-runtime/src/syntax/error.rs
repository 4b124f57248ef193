//! Why a string written as an origin (or a host) was refused, with the string to write instead.

use std::fmt;

/// Why an origin pattern was refused, with the string to write instead where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginError {
    problem: String,
    suggestion: Option<String>,
}

impl OriginError {
    pub(super) fn new(problem: impl Into<String>) -> Self {
        OriginError {
            problem: problem.into(),
            suggestion: None,
        }
    }

    pub(super) fn suggest(mut self, corrected: impl Into<String>) -> Self {
        self.suggestion = Some(corrected.into());
        self
    }

    /// The same problem, with nothing to write instead (a suggestion that would fail too).
    pub(super) fn without_suggestion(mut self) -> Self {
        self.suggestion = None;
        self
    }

    /// The same problem, with its suggestion (a part of the pattern) put back in its place.
    pub(super) fn map_suggestion(mut self, whole: impl FnOnce(&str) -> String) -> Self {
        self.suggestion = self.suggestion.map(|part| whole(&part));
        self
    }

    /// The corrected pattern, when one can be derived.
    pub fn suggestion(&self) -> Option<&str> {
        self.suggestion.as_deref()
    }
}

impl fmt::Display for OriginError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problem)?;
        if let Some(corrected) = &self.suggestion {
            write!(f, "; write \"{corrected}\"")?;
        }
        Ok(())
    }
}

impl std::error::Error for OriginError {}
