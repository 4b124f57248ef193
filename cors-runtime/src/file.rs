//! The configuration-file front end: a policy read from a TOML document, and every problem
//! placed at the line and column it was written at, so that each program that loads a file
//! (the `corsage` command, a server reloading on SIGHUP) points at the same place.

use std::fmt;
use std::ops::Range;

use toml_edit::{Document, Item, Table};

use crate::check::{Location, Problems};
use crate::model::policy::Policy;
use crate::suggest::unknown_word;

/// A problem of a policy file, at the line and column (both counted from 1) where it was
/// written.
///
/// ```
/// use corsage::{Functions, Policy};
///
/// let text = "[[allow]]\norigins = [\"https://app.example.com/\"]\n[[allow.resource]]\npath = \"/api/*\"\n";
/// let policy = Policy::from_toml(text).unwrap();
/// let problems = policy.check(&Functions::new()).unwrap_err();
/// let placed = problems.in_file(text);
/// assert_eq!(
///     placed[0].to_string(),
///     "2:12: allow[0].origins[0]: an origin has no trailing slash, and browsers never send one; write \"https://app.example.com\"",
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FileProblem {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
    /// The place in the policy (`allow[0].resource[1].headers[2]`); `None` for an error of the
    /// TOML syntax or of the file's shape, which has no place in the policy yet.
    pub place: Option<String>,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl Problems {
    /// Every problem, placed in the TOML document `text` the policy was read from, in the
    /// checker's order.
    pub fn in_file(&self, text: &str) -> Vec<FileProblem> {
        let document = Document::parse(text).ok();
        self.iter()
            .map(|problem| {
                let span = document
                    .as_ref()
                    .and_then(|d| span_of(d, problem.location()));
                let (line, column) = line_and_column(text, span.map_or(0, |span| span.start));
                let mut message = problem.message().to_owned();
                if let Some((location, what)) = problem.related_location() {
                    message.push_str(&format!(" ({what}: {location})"));
                }
                FileProblem {
                    line,
                    column,
                    place: Some(problem.location().to_string()),
                    message,
                }
            })
            .collect()
    }
}

impl fmt::Display for FileProblem {
    /// `line:column: place: message`, as compilers print them after the file's name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.line, self.column)?;
        if let Some(place) = &self.place {
            write!(f, "{place}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for FileProblem {}

impl Policy {
    /// The policy of a TOML document, in the format of [`Policy`]'s fields (see the guide's
    /// "Policies from configuration files"). Only reads it: [`Policy::check`] or [`Live::new`]
    /// check it, and [`Problems::in_file`] places their problems in `text`.
    ///
    /// [`Live::new`]: crate::Live::new
    pub fn from_toml(text: &str) -> Result<Policy, FileProblem> {
        toml::from_str(text).map_err(|error: toml::de::Error| {
            let (line, column) = line_and_column(text, error.span().map_or(0, |span| span.start));
            FileProblem {
                line,
                column,
                place: None,
                message: unknown_key(error.message())
                    .unwrap_or_else(|| error.message().trim_end().to_owned()),
            }
        })
    }
}

/// serde's "unknown field `credntials`, expected one of `path`, `methods`, ..." as the sentence
/// the macro gives an unknown option: the key meant, when one is near, or else the keys there are.
fn unknown_key(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (key, expected) = rest.split_once('`')?;
    let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    Some(unknown_word("key", key, &known))
}

/// The line and column of byte `offset` in `text`, both from 1.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// Where `location` was written; a place that was not (an option left out) falls back to the
/// place that holds it, and the policy as a whole to the top of the file.
fn span_of(document: &Document<&str>, location: Location) -> Option<Range<usize>> {
    let root = document.as_table();
    let block = |block: usize| root.get("allow")?.as_array_of_tables()?.get(block);
    let resource = |b: usize, r: usize| block(b)?.get("resource")?.as_array_of_tables()?.get(r);
    let key = |table: Option<&Table>, name: &str| table?.get(name).and_then(Item::span);
    let item = |list: Option<&Item>, index: usize| list?.as_array()?.get(index)?.span();
    let settings = root.get("settings").and_then(Item::as_table);
    match location {
        Location::Policy => None,
        Location::Setting(name) => key(settings, name.as_str()),
        Location::SettingItem { setting, item: i } => {
            item(settings.and_then(|s| s.get(setting.as_str())), i)
                .or_else(|| key(settings, setting.as_str()))
        }
        Location::Block { block: b } => block(b)?.span(),
        Location::BlockName { block: b } => key(block(b), "name").or_else(|| block(b)?.span()),
        Location::Unsafe { block: b } => key(block(b), "unsafe").or_else(|| block(b)?.span()),
        Location::Origins { block: b } => key(block(b), "origins").or_else(|| block(b)?.span()),
        Location::Tenants { block: b } => key(block(b), "tenants").or_else(|| block(b)?.span()),
        Location::Origin { block: b, origin } => {
            item(block(b).and_then(|t| t.get("origins")), origin)
                .or_else(|| key(block(b), "origins"))
        }
        Location::Resource {
            block: b,
            resource: r,
        } => key(resource(b, r), "path").or_else(|| resource(b, r)?.span()),
        Location::Option {
            block: b,
            resource: r,
            option,
        } => key(resource(b, r), option.as_str()).or_else(|| resource(b, r)?.span()),
        Location::Item {
            block: b,
            resource: r,
            option,
            item: i,
        } => item(resource(b, r).and_then(|t| t.get(option.as_str())), i)
            .or_else(|| key(resource(b, r), option.as_str())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_syntax_error_is_placed_where_the_parser_stopped() {
        let error = Policy::from_toml("[[allow]]\norigins = [\"https://a.example\"\n").unwrap_err();
        assert_eq!((error.line, error.place), (2, None));
        let shape = Policy::from_toml("[[allow]]\norigin = []\n").unwrap_err();
        assert_eq!((shape.line, shape.column), (2, 1));
        assert_eq!(
            shape.message,
            "unknown key `origin`; did you mean `origins`?"
        );
        let far = Policy::from_toml("[settings]\nx = 1\n").unwrap_err();
        assert!(
            far.message
                .starts_with("unknown key `x`; expected one of `refused_preflight_status`"),
            "{far}"
        );
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(line_and_column("é = 1\nab", 8), (2, 2));
        assert_eq!(line_and_column("é = 1", 2), (1, 2));
        assert_eq!(line_and_column("", 0), (1, 1));
    }
}
