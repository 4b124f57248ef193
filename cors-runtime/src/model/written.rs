//! How a configuration file writes the model's values that are not plain records: an origin or a
//! path as a string or a one-key table, and a list of names or `"any"`. Every key is checked,
//! inline tables included: an unknown one is an error with the nearest known key, never dropped.

use std::collections::BTreeMap;

use serde::de::{Deserialize, Deserializer, Error};

use crate::model::policy::{Names, Origin, Path};
use crate::suggest::did_you_mean;

/// A value written as a string or as an inline table.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Written {
    Text(String),
    Table(BTreeMap<String, Field>),
}

/// A table's value: text, or anything else (refused by name, once the keys are known good).
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Field {
    Text(String),
    Other(serde::de::IgnoredAny),
}

/// The one `(key, value)` of a table whose keys must be one of `known`, or the error that names
/// the fix; `what` is the value's name, `forms` how it may be written.
fn one_key<E: Error>(
    table: BTreeMap<String, Field>,
    known: &[&str],
    what: &str,
    forms: &str,
) -> Result<(String, String), E> {
    if let Some(key) = table.keys().find(|key| !known.contains(&key.as_str())) {
        let fix = match key.as_str() {
            "case_insensitive" | "flags" | "ignore_case" => {
                " (flags go inside the regex, as in '(?i)^https://app\\.example\\.com$')".to_owned()
            }
            _ => match did_you_mean(key, known) {
                Some(nearest) => format!("; did you mean `{nearest}`?"),
                None => String::new(),
            },
        };
        return Err(E::custom(format!(
            "unknown key `{key}` in {what}{fix}; {what} is written {forms}"
        )));
    }
    let mut entries = table.into_iter();
    match (entries.next(), entries.next()) {
        (Some((key, Field::Text(value))), None) => Ok((key, value)),
        (Some((key, Field::Other(_))), None) => Err(E::custom(format!(
            "`{key}` in {what} takes a string; {what} is written {forms}"
        ))),
        _ => Err(E::custom(format!(
            "{what} is written {forms}, with exactly one key"
        ))),
    }
}

impl<'de> Deserialize<'de> for Origin {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let table = match Written::deserialize(deserializer)? {
            Written::Text(pattern) => return Ok(Origin::Pattern(pattern)),
            Written::Table(table) => table,
        };
        let forms = "as a string, `{ regex = '...' }` or `{ function = \"name\" }`";
        let (key, value) = one_key(table, &["regex", "function"], "an origin", forms)?;
        Ok(match key.as_str() {
            "regex" => Origin::Regex { regex: value },
            _ => Origin::Function { function: value },
        })
    }
}

impl<'de> Deserialize<'de> for Path {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let table = match Written::deserialize(deserializer)? {
            Written::Text(pattern) => return Ok(Path::Pattern(pattern)),
            Written::Table(table) => table,
        };
        let forms = "as a string or `{ regex = '...' }`";
        let (_, regex) = one_key(table, &["regex"], "a path", forms)?;
        Ok(Path::Regex { regex })
    }
}

impl<'de> Deserialize<'de> for Names {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(
            untagged,
            expecting = "a list of names is expected here, as in [\"x-token\"], or \"any\""
        )]
        enum Listed {
            One(String),
            List(Vec<String>),
        }
        Ok(match Listed::deserialize(deserializer)? {
            Listed::One(word) if word == "any" => Names::Any,
            Listed::One(name) => Names::List(vec![name]),
            Listed::List(names) => Names::List(names),
        })
    }
}
