//! What a comparison of two policies reports: each change in who may do what, with one request
//! that shows it, or why the two could not be compared.

use crate::check::Problems;
use crate::check::automaton::Undecided;
use crate::compare::example::Example;

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
