//! Request bytes as the decision reports them: never trusted to be UTF-8, never echoed at
//! length.

use std::fmt;

/// Text taken from the request (a method or header name), kept as the bytes that were sent: it
/// may not be UTF-8. It displays with non-printable bytes escaped, and cut after
/// [`ECHO_LIMIT`] bytes (marked with how many were left out), so that what a request sends is
/// never echoed at length into logs or the debug header.
///
/// ```
/// use corsage::RequestText;
///
/// let text = RequestText::from("x-token");
/// assert_eq!(text, "x-token");
/// assert_eq!(text.as_bytes(), b"x-token");
/// assert_eq!(text.to_string(), "x-token");
/// let long = "x".repeat(100);
/// let shown = RequestText::from(long.as_str()).to_string();
/// assert_eq!(shown, format!("{}...[36 more bytes]", "x".repeat(64)));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct RequestText<'a>(pub(crate) &'a [u8]);

impl<'a> RequestText<'a> {
    /// The bytes as they were sent.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.0
    }
}

impl<'a> From<&'a str> for RequestText<'a> {
    fn from(text: &'a str) -> Self {
        RequestText(text.as_bytes())
    }
}

impl PartialEq<&str> for RequestText<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.0 == other.as_bytes()
    }
}

/// How many bytes of a request's text are echoed into logs and the debug header.
pub const ECHO_LIMIT: usize = 64;

impl fmt::Display for RequestText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.split_at_checked(ECHO_LIMIT) {
            Some((shown, cut)) if !cut.is_empty() => {
                write!(f, "{}...[{} more bytes]", shown.escape_ascii(), cut.len())
            }
            _ => write!(f, "{}", self.0.escape_ascii()),
        }
    }
}

impl fmt::Debug for RequestText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{self}\"")
    }
}
