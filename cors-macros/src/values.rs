//! The values of options and settings as written in `cors!`: lists, words and strings, methods,
//! header names, hosts, booleans and numbers, each read with the error its misuse gets.

use cors_runtime::__private::ANY_METHODS;
use cors_runtime::Names;
use proc_macro2::Span;
use syn::Error;

use crate::ast::{ListItem, Value};
use crate::errors::Errors;
use cors_runtime::__private::did_you_mean;

pub(crate) fn list_items(value: &Value) -> Option<Vec<&ListItem>> {
    match value {
        Value::List(_, items) => Some(items.iter().collect()),
        _ => None,
    }
}

pub(crate) fn list_spans(value: &Value) -> Option<Vec<Span>> {
    match value {
        Value::Word(word) => Some(vec![word.span()]),
        Value::Str(literal) => Some(vec![literal.span()]),
        Value::List(_, items) => Some(items.iter().map(ListItem::span).collect()),
        _ => None,
    }
}

/// A single word or string stands for a list of one.
pub(crate) fn words(value: &Value) -> Option<Vec<ListItem>> {
    match value {
        Value::Word(word) => Some(vec![ListItem::Word(word.clone())]),
        Value::Str(literal) => Some(vec![ListItem::Str(literal.clone())]),
        _ => list_items(value).map(|items| {
            items
                .into_iter()
                .map(|item| match item {
                    ListItem::Word(word) => ListItem::Word(word.clone()),
                    ListItem::Str(literal) => ListItem::Str(literal.clone()),
                })
                .collect()
        }),
    }
}

pub(crate) fn methods(value: &Value) -> syn::Result<Names> {
    if matches!(value, Value::Word(word) if word == "any") {
        return Ok(Names::Any);
    }
    let items = words(value).ok_or_else(|| {
        Error::new(
            value.span(),
            "`methods` takes a method, a list such as [get, post], or `any`",
        )
    })?;
    let standard: Vec<String> = ANY_METHODS.iter().map(|m| m.to_ascii_lowercase()).collect();
    let standard: Vec<&str> = standard.iter().map(String::as_str).collect();
    let mut names = Vec::new();
    let mut errors = Errors::default();
    for item in &items {
        match item {
            ListItem::Str(literal) => names.push(literal.value()),
            ListItem::Word(word) if word == "any" => errors.push(Error::new_spanned(
                word,
                "`any` stands alone, as in `methods: any`, not inside a list",
            )),
            ListItem::Word(word) => {
                let text = word.to_string();
                // `get` is the standard method; `PROPFIND` a custom one written as it is sent.
                if standard.contains(&text.as_str()) || text == text.to_ascii_uppercase() {
                    names.push(text);
                    continue;
                }
                let lower = text.to_ascii_lowercase();
                let message = match did_you_mean(&lower, &standard) {
                    Some(nearest) => format!(
                        "unknown method `{text}`; did you mean `{nearest}`? (a custom method is written as it is sent, as a string: \"{text}\")"
                    ),
                    None => format!(
                        "unknown method `{text}`; write a custom method as it is sent, as a string: \"{text}\""
                    ),
                };
                errors.push(Error::new_spanned(word, message));
            }
        }
    }
    errors.finish(Names::List(names))
}

pub(crate) fn header_names(value: &Value, option: &str) -> syn::Result<Names> {
    if matches!(value, Value::Word(word) if word == "any") {
        return Ok(Names::Any);
    }
    let items = words(value).ok_or_else(|| {
        Error::new(
            value.span(),
            format!("`{option}` takes a header name such as \"x-token\", a list of them, or `any`"),
        )
    })?;
    let mut names = Vec::new();
    let mut errors = Errors::default();
    for item in &items {
        match item {
            ListItem::Str(literal) => names.push(literal.value()),
            ListItem::Word(word) => errors.push(Error::new_spanned(
                word,
                format!("header names are strings; write \"{word}\""),
            )),
        }
    }
    errors.finish(Names::List(names))
}

/// `hosts: ["api.example.com", "localhost:8000"]` (or one string): the strings, and where each is.
pub(crate) fn host_list(value: &Value) -> syn::Result<(Vec<String>, Vec<Span>)> {
    let items = words(value).ok_or_else(|| {
        Error::new(
            value.span(),
            "`hosts` takes the server's own hosts, as in [\"api.example.com\", \"localhost:8000\"]",
        )
    })?;
    let mut hosts = (Vec::new(), Vec::new());
    let mut errors = Errors::default();
    for item in &items {
        match item {
            ListItem::Str(literal) => {
                hosts.0.push(literal.value());
                hosts.1.push(literal.span());
            }
            ListItem::Word(word) => errors.push(Error::new_spanned(
                word,
                format!("hosts are strings; write \"{word}\""),
            )),
        }
    }
    errors.finish(hosts)
}

pub(crate) fn bool_value(value: &Value, option: &str) -> syn::Result<bool> {
    match value {
        Value::Bool(literal) => Ok(literal.value),
        other => Err(Error::new(
            other.span(),
            format!("`{option}` is `true` or `false`"),
        )),
    }
}

pub(crate) fn max_age(value: &Value) -> syn::Result<u64> {
    match value {
        // Beyond u64 reads as u64::MAX, which the checker refuses with the rule.
        Value::Int(literal) => Ok(literal.base10_parse::<u64>().unwrap_or(u64::MAX)),
        _ => Err(Error::new(
            value.span(),
            "`max_age` takes a number of seconds, such as 600",
        )),
    }
}
