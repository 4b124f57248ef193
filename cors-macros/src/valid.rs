//! Checking: every rule a policy must follow, turned into the checked model that `expand`
//! generates code from. Each error points at the offending token and says what to write.

use std::collections::{BTreeMap, BTreeSet};

use cors_runtime::__private::PathSyntax;
use cors_runtime::syntax::{
    is_token, OriginPattern, ANY_METHODS, DEFAULT_MAX_AGE, FORBIDDEN_METHODS, MAX_MAX_AGE,
};
use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::{Error, LitStr};

use crate::ast::{self, ListItem, Value};
use crate::suggest::did_you_mean;

pub struct Policy {
    pub blocks: Vec<Block>,
    pub settings: Settings,
}

/// The policy-wide settings.
pub struct Settings {
    pub refused_preflight_status: u16,
    pub debug_header: bool,
}

#[derive(Default)]
pub struct Block {
    pub acknowledged: bool,
    pub any_origin: bool,
    pub null_origin: bool,
    pub exact: Vec<String>,
    pub subdomains: Vec<(Option<String>, String)>,
    pub regexes: Vec<String>,
    pub predicates: Vec<TokenStream>,
    pub resources: Vec<Resource>,
}

pub struct Resource {
    pub pattern: String,
    pub path: Path,
    pub methods: Vec<String>,
    pub headers: Option<Vec<String>>,
    pub expose: Option<String>,
    pub max_age: u32,
    pub credentials: bool,
    pub condition: Option<TokenStream>,
    pub vary: Vec<String>,
    pub private_network: bool,
}

pub enum Path {
    Syntax(PathSyntax),
    Regex(String),
}

const SETTINGS: &[&str] = &["refused_preflight_status", "debug_header"];
const OPTIONS: &[&str] = &[
    "methods",
    "headers",
    "expose",
    "max_age",
    "credentials",
    "if",
    "vary",
    "private_network",
];
const STANDARD_METHODS: &[&str] = &["get", "head", "post", "put", "patch", "delete", "options"];

pub fn check(policy: &ast::Policy) -> syn::Result<Policy> {
    if policy.blocks.is_empty() {
        return Err(Error::new(
            policy.span,
            "a policy needs at least one `allow { origins ...; resource ...; }` block",
        ));
    }
    if policy.blocks.len() > usize::from(u16::MAX) {
        return Err(Error::new(
            policy.span,
            "a policy holds at most 65535 `allow` blocks",
        ));
    }
    let blocks = policy
        .blocks
        .iter()
        .map(check_block)
        .collect::<syn::Result<Vec<_>>>()?;
    crate::shadow::check_no_shadowed_rule(policy, &blocks)?;
    Ok(Policy {
        settings: check_settings(&policy.settings)?,
        blocks,
    })
}

fn check_settings(settings: &[ast::Setting]) -> syn::Result<Settings> {
    let mut seen = BTreeSet::new();
    let mut checked = Settings {
        refused_preflight_status: 403,
        debug_header: false,
    };
    for setting in settings {
        let name = setting.name.to_string();
        if !SETTINGS.contains(&name.as_str()) {
            return Err(unknown_word(&setting.name, "setting", SETTINGS));
        }
        if !seen.insert(name.clone()) {
            return Err(Error::new_spanned(
                &setting.name,
                format!("`{}` is set twice; keep one", setting.name),
            ));
        }
        match (name.as_str(), &setting.value) {
            ("refused_preflight_status", Value::Int(literal)) => {
                checked.refused_preflight_status = match literal.base10_parse::<u16>() {
                    Ok(code @ (200..=299 | 400..=599)) => code,
                    _ => return Err(Error::new_spanned(literal, "a refused preflight's status is a 2xx, 4xx or 5xx code, such as 403 (the default) or 204")),
                }
            }
            ("refused_preflight_status", other) => {
                return Err(Error::new(other.span(), "`refused_preflight_status` takes a status code, such as 403"))
            }
            (_, value) => checked.debug_header = check_bool(value, &name)?,
        }
    }
    Ok(checked)
}

fn unknown_word(token: &syn::Ident, what: &str, known: &[&str]) -> Error {
    let word = token.to_string();
    let message = match did_you_mean(&word, known) {
        Some(nearest) => format!("unknown {what} `{word}`; did you mean `{nearest}`?"),
        None => format!(
            "unknown {what} `{word}`; expected one of {}",
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Error::new_spanned(token, message)
}

fn check_block(block: &ast::AllowBlock) -> syn::Result<Block> {
    let origins = match block.origins.as_slice() {
        [] => {
            return Err(Error::new_spanned(
                &block.keyword,
                "this `allow` block has no `origins`; add one, such as `origins \"https://app.example.com\";`",
            ))
        }
        [origins] => origins,
        [_, again, ..] => {
            return Err(Error::new_spanned(
                &again.keyword,
                "`origins` is given twice in this block; list every origin in one `origins` statement",
            ))
        }
    };
    if block.resources.is_empty() {
        return Err(Error::new_spanned(
            &block.keyword,
            "this `allow` block has no `resource`; add one, such as `resource \"/api/*\";` or `resource \"*\";` for every path",
        ));
    }
    let mut checked = Block {
        acknowledged: block.unsafe_keyword.is_some(),
        ..Block::default()
    };
    let mut star = None;
    let mut null = None;
    // Origins that credentials need `unsafe allow` for, with why.
    let mut unprovable: Vec<(Span, String)> = Vec::new();
    let mut seen = BTreeMap::new();
    for origin in &origins.origins {
        match origin {
            ast::Origin::Literal(literal) => {
                let pattern = OriginPattern::parse(&literal.value())
                    .map_err(|error| Error::new_spanned(literal, error))?;
                if let Some(first) = seen.insert(literal.value(), literal.span()) {
                    let mut error = Error::new_spanned(
                        literal,
                        "this origin is listed twice in this block; remove one",
                    );
                    error.combine(Error::new(first, "first listed here"));
                    return Err(error);
                }
                match pattern {
                    OriginPattern::Any => {
                        checked.any_origin = true;
                        star = Some(literal.clone());
                    }
                    OriginPattern::Null => {
                        checked.null_origin = true;
                        null = Some(literal.clone());
                    }
                    OriginPattern::Subdomains { scheme, suffix } => {
                        check_not_public_suffix(literal, &suffix)?;
                        unprovable.push((
                            literal.span(),
                            format!("the wildcard origin {:?}: any subdomain, and whoever controls one of them", literal.value()),
                        ));
                        checked.subdomains.push((scheme, suffix))
                    }
                    exact => {
                        if let Some(host) = exact.insecure_http_host() {
                            unprovable.push((
                                literal.span(),
                                format!("{:?}: plain http, which anyone on the network between the user and {host} can impersonate", literal.value()),
                            ));
                        }
                        checked.exact.extend(exact.exact_origins())
                    }
                }
            }
            ast::Origin::Regex(literal) => {
                unprovable.push((
                    literal.span(),
                    "a regex origin, whose matches cannot all be known at compile time".to_owned(),
                ));
                let anchored = anchored_regex(literal)?;
                check_no_bypass(literal, &anchored)?;
                checked.regexes.push(anchored)
            }
            ast::Origin::Closure(closure) => {
                unprovable.push((
                    syn::spanned::Spanned::span(closure),
                    "a function origin, decided at run time".to_owned(),
                ));
                checked.predicates.push(closure.to_token_stream())
            }
            ast::Origin::Function(path) => {
                unprovable.push((
                    syn::spanned::Spanned::span(path),
                    "a function origin, decided at run time".to_owned(),
                ));
                checked.predicates.push(path.to_token_stream())
            }
        }
    }
    let mut earlier: Vec<(&ast::ResourceStatement, Resource)> = Vec::new();
    for statement in &block.resources {
        let resource = check_resource(statement)?;
        if resource.credentials {
            let refused = star
                .as_ref()
                .map(|literal| (literal, "\"*\" (any origin)"))
                .or(null.as_ref().map(|literal| (literal, "\"null\"")));
            if let Some((literal, name)) = refused {
                let mut error = Error::new(
                    credentials_span(statement),
                    format!("`credentials: true` cannot be used in a block that allows {name}: any site could read its users' data; move the origins that may send credentials to a block of their own"),
                );
                error.combine(Error::new_spanned(literal, "allowed here"));
                return Err(error);
            }
        }
        if let Some((first, _)) = earlier.iter().find(|(first, previous)| {
            previous.pattern == resource.pattern
                && previous.condition.is_none()
                && matches!(
                    (&first.path, &statement.path),
                    (ast::PathPattern::Literal(_), ast::PathPattern::Literal(_))
                        | (ast::PathPattern::Regex(_), ast::PathPattern::Regex(_))
                )
        }) {
            let mut error = Error::new_spanned(
                path_literal(statement),
                "this resource repeats an earlier one in this block, which always matches first, so it can never be selected; merge their options into the first",
            );
            error.combine(Error::new_spanned(
                path_literal(first),
                "the earlier resource",
            ));
            return Err(error);
        }
        earlier.push((statement, resource));
    }
    checked.resources = earlier.into_iter().map(|(_, resource)| resource).collect();
    check_credentials_acknowledged(block, &checked, &unprovable)?;
    Ok(checked)
}

/// Credentials with origins that cannot be proved safe at compile time need the block to say
/// `unsafe allow`; an `unsafe` with nothing to acknowledge is refused too, so it stays
/// meaningful in review.
fn check_credentials_acknowledged(
    block: &ast::AllowBlock,
    checked: &Block,
    unprovable: &[(Span, String)],
) -> syn::Result<()> {
    let credentials = block
        .resources
        .iter()
        .zip(&checked.resources)
        .find(|(_, resource)| resource.credentials)
        .map(|(statement, _)| credentials_span(statement));
    match (&block.unsafe_keyword, credentials, unprovable.first()) {
        (None, Some(credentials), Some((origin, why))) => {
            let mut error = Error::new(
                credentials,
                format!("`credentials: true` with {why}; if that is what you mean, write `unsafe allow {{ ... }}` to say so, or list exact https origins"),
            );
            error.combine(Error::new(*origin, "this origin"));
            Err(error)
        }
        (Some(keyword), None, _) | (Some(keyword), _, None) => Err(Error::new_spanned(
            keyword,
            "this block needs no `unsafe`: it allows no credentials with origins that cannot be proved safe; remove it",
        )),
        _ => Ok(()),
    }
}

/// `*.` must sit under a registrable domain: `*.github.io` or `*.co.uk` would let anyone who can
/// register a site there in, decided by the Public Suffix List (the `psl` crate).
fn check_not_public_suffix(literal: &LitStr, suffix: &str) -> syn::Result<()> {
    let parent = suffix.trim_start_matches('.');
    let parent = parent.split(':').next().unwrap_or(parent);
    match psl::suffix(parent.as_bytes()) {
        Some(public) if public.is_known() && public.as_bytes() == parent.as_bytes() => {
            Err(Error::new_spanned(
                literal,
                format!("`{parent}` is a public suffix (anyone can register a site under it), so `*.{parent}` would allow strangers' sites; name your own domain, as in \"https://*.yours.{parent}\""),
            ))
        }
        _ => Ok(()),
    }
}

fn path_literal(statement: &ast::ResourceStatement) -> &LitStr {
    match &statement.path {
        ast::PathPattern::Literal(literal) | ast::PathPattern::Regex(literal) => literal,
    }
}

fn credentials_span(statement: &ast::ResourceStatement) -> Span {
    statement
        .options
        .iter()
        .find(|option| option.name == "credentials")
        .map_or_else(
            || path_literal(statement).span(),
            |option| option.value.span(),
        )
}

/// Refuses a regex origin that accepts a classic bypass of an origin it is meant to match.
fn check_no_bypass(literal: &LitStr, anchored: &str) -> syn::Result<()> {
    let Ok(regex) = regex::Regex::new(anchored) else {
        return Ok(());
    };
    match crate::probes::first_bypass(&literal.value(), &regex) {
        Some(bypass) => Err(Error::new_spanned(
            literal,
            format!(
                "this regex accepts {:?}, {}; {}",
                bypass.origin, bypass.what, bypass.fix
            ),
        )),
        None => Ok(()),
    }
}

/// A regex the whole string must match; checked with the regex crate's own parser.
fn anchored_regex(literal: &LitStr) -> syn::Result<String> {
    let pattern = literal.value();
    regex::Regex::new(&pattern).map_err(|error| {
        Error::new_spanned(
            literal,
            format!("this regular expression does not compile: {error}"),
        )
    })?;
    Ok(format!("^(?:{pattern})$"))
}

fn check_resource(statement: &ast::ResourceStatement) -> syn::Result<Resource> {
    let (pattern, path) = match &statement.path {
        ast::PathPattern::Literal(literal) => {
            let pattern = literal.value();
            let syntax = PathSyntax::parse(&pattern).map_err(|e| Error::new_spanned(literal, e))?;
            if let PathSyntax::Regex(regex) = &syntax {
                regex::Regex::new(regex).map_err(|e| Error::new_spanned(literal, e))?;
            }
            (pattern, Path::Syntax(syntax))
        }
        ast::PathPattern::Regex(literal) => {
            (literal.value(), Path::Regex(anchored_regex(literal)?))
        }
    };
    let mut resource = Resource {
        pattern,
        path,
        methods: vec!["GET".into()],
        headers: Some(Vec::new()),
        expose: None,
        max_age: DEFAULT_MAX_AGE,
        credentials: false,
        condition: None,
        vary: Vec::new(),
        private_network: false,
    };
    let mut seen: BTreeMap<String, &syn::Ident> = BTreeMap::new();
    for option in &statement.options {
        let name = option.name.to_string();
        if !OPTIONS.contains(&name.as_str()) {
            return Err(unknown_word(&option.name, "option", OPTIONS));
        }
        if let Some(first) = seen.insert(name.clone(), &option.name) {
            let mut error = Error::new_spanned(
                &option.name,
                format!("`{name}` is given twice for this resource; keep one"),
            );
            error.combine(Error::new_spanned(first, "first given here"));
            return Err(error);
        }
        let value = &option.value;
        match name.as_str() {
            "methods" => resource.methods = check_methods(value)?,
            "headers" => resource.headers = check_header_names(value, "headers")?,
            "expose" => {
                resource.expose = Some(match check_header_names(value, "expose")? {
                    None => "*".to_owned(),
                    Some(names) => names.join(", "),
                })
            }
            "max_age" => resource.max_age = check_max_age(value)?,
            "private_network" => resource.private_network = check_bool(value, &name)?,
            "credentials" => resource.credentials = check_bool(value, &name)?,
            // The parser reads `if:` as an expression; whether it is a closure or a function of
            // the request head is then checked by rustc at that expression.
            "if" => {
                let Value::Function(expr) = value else {
                    unreachable!("the parser reads every `if:` value as an expression")
                };
                resource.condition = Some(expr.to_token_stream());
            }
            "vary" => match check_header_names(value, "vary")? {
                Some(names) => resource.vary = names,
                None => return Err(Error::new(
                    value.span(),
                    "`vary` lists header names; `Vary: *` would make every response uncacheable",
                )),
            },
            _ => unreachable!("every name in OPTIONS is handled"),
        }
    }
    if resource.credentials && resource.expose.as_deref() == Some("*") {
        let span = seen["expose"].span();
        return Err(Error::new(span, "`expose: any` is not honoured with credentials (browsers read `*` as a header named \"*\"); list the header names"));
    }
    Ok(resource)
}

fn list_items(value: &Value) -> Option<Vec<ListItem>> {
    match value {
        Value::Word(word) => Some(vec![ListItem::Word(word.clone())]),
        Value::Str(literal) => Some(vec![ListItem::Str(literal.clone())]),
        Value::List(_, items) => Some(
            items
                .iter()
                .map(|item| match item {
                    ListItem::Word(word) => ListItem::Word(word.clone()),
                    ListItem::Str(literal) => ListItem::Str(literal.clone()),
                })
                .collect(),
        ),
        _ => None,
    }
}

fn check_methods(value: &Value) -> syn::Result<Vec<String>> {
    if let Value::Word(word) = value {
        if word == "any" {
            return Ok(ANY_METHODS.iter().map(|m| (*m).to_owned()).collect());
        }
    }
    let items = list_items(value).ok_or_else(|| {
        Error::new(
            value.span(),
            "`methods` takes a method, a list such as [get, post], or `any`",
        )
    })?;
    if items.is_empty() {
        return Err(Error::new(
            value.span(),
            "`methods` cannot be empty; leave the option out for the default, `get`",
        ));
    }
    let mut methods = Vec::new();
    for item in &items {
        let method = check_method(item)?;
        if methods.contains(&method) {
            return Err(Error::new(
                item.span(),
                format!("`{method}` is listed twice; remove one"),
            ));
        }
        methods.push(method);
    }
    Ok(methods)
}

fn check_method(item: &ListItem) -> syn::Result<String> {
    let (text, span) = match item {
        ListItem::Word(word) => (word.to_string(), word.span()),
        ListItem::Str(literal) => (literal.value(), literal.span()),
    };
    if FORBIDDEN_METHODS
        .iter()
        .any(|m| m.eq_ignore_ascii_case(&text))
    {
        return Err(Error::new(span, format!("`{text}` can never be allowed: the Fetch standard forbids it in cross-origin requests; remove it")));
    }
    if !is_token(text.as_bytes()) {
        return Err(Error::new(
            span,
            format!("{text:?} is not a method name: a method is a token, such as \"PROPFIND\""),
        ));
    }
    match item {
        ListItem::Word(_) if text == "any" => Err(Error::new(
            span,
            "`any` stands alone, as in `methods: any`, not inside a list",
        )),
        ListItem::Word(_) if STANDARD_METHODS.contains(&text.as_str()) => {
            Ok(text.to_ascii_uppercase())
        }
        ListItem::Word(_) if text == text.to_ascii_uppercase() => Ok(text),
        ListItem::Word(_) => {
            let lower = text.to_ascii_lowercase();
            let message = match did_you_mean(&lower, STANDARD_METHODS) {
                Some(nearest) => format!("unknown method `{text}`; did you mean `{nearest}`? (a custom method is written as it is sent, as a string: \"{text}\")"),
                None => format!("unknown method `{text}`; write a custom method as it is sent, as a string: \"{text}\""),
            };
            Err(Error::new(span, message))
        }
        ListItem::Str(_) => Ok(text),
    }
}

/// Header names for `headers`, `expose` or `vary`, lowercase; `None` for `any`.
fn check_header_names(value: &Value, option: &str) -> syn::Result<Option<Vec<String>>> {
    if let Value::Word(word) = value {
        if word == "any" {
            return Ok(None);
        }
    }
    let items = list_items(value).ok_or_else(|| {
        Error::new(
            value.span(),
            format!("`{option}` takes a header name such as \"x-token\", a list of them, or `any`"),
        )
    })?;
    let mut names: Vec<String> = Vec::new();
    for item in &items {
        let literal = match item {
            ListItem::Str(literal) => literal,
            ListItem::Word(word) => {
                return Err(Error::new_spanned(
                    word,
                    format!("header names are strings; write \"{word}\""),
                ))
            }
        };
        let name = literal.value();
        if name.contains(',') {
            let parts: Vec<String> = name.split(',').map(|p| format!("{:?}", p.trim())).collect();
            return Err(Error::new_spanned(
                literal,
                format!("one header name per string; write [{}]", parts.join(", ")),
            ));
        }
        if !is_token(name.as_bytes()) {
            return Err(Error::new_spanned(literal, format!("{name:?} is not a header name: use letters, digits and `-`, as in \"x-request-id\"")));
        }
        let lower = name.to_ascii_lowercase();
        if option != "vary" && lower.starts_with("access-control-") {
            return Err(Error::new_spanned(literal, format!("\"{lower}\" is part of the CORS protocol itself, which browsers handle; remove it")));
        }
        if option == "headers" && is_forbidden_request_header(&lower) {
            return Err(Error::new_spanned(literal, format!("browsers never let scripts set \"{lower}\" (a forbidden request header), so allowing it has no effect; remove it")));
        }
        if option == "expose" && matches!(lower.as_str(), "set-cookie" | "set-cookie2") {
            return Err(Error::new_spanned(
                literal,
                format!("browsers never let scripts read \"{lower}\", exposed or not; remove it"),
            ));
        }
        if names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            return Err(Error::new_spanned(
                literal,
                format!("\"{lower}\" is listed twice (header names ignore case); remove one"),
            ));
        }
        // `expose` keeps the case it was written in: it is sent as is.
        names.push(if option == "expose" { name } else { lower });
    }
    Ok(Some(names))
}

/// The Fetch standard's forbidden request-header names: a script can never set them.
fn is_forbidden_request_header(lower: &str) -> bool {
    const FORBIDDEN: &[&str] = &[
        "accept-charset",
        "accept-encoding",
        "connection",
        "content-length",
        "cookie",
        "cookie2",
        "date",
        "dnt",
        "expect",
        "host",
        "keep-alive",
        "origin",
        "referer",
        "set-cookie",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "via",
    ];
    FORBIDDEN.contains(&lower) || lower.starts_with("proxy-") || lower.starts_with("sec-")
}

fn check_bool(value: &Value, option: &str) -> syn::Result<bool> {
    match value {
        Value::Bool(literal) => Ok(literal.value),
        other => Err(Error::new(
            other.span(),
            format!("`{option}` is `true` or `false`"),
        )),
    }
}

fn check_max_age(value: &Value) -> syn::Result<u32> {
    let Value::Int(literal) = value else {
        return Err(Error::new(
            value.span(),
            "`max_age` takes a number of seconds, such as 600",
        ));
    };
    match literal.base10_parse::<u32>() {
        Ok(seconds) if seconds <= MAX_MAX_AGE => Ok(seconds),
        _ => Err(Error::new_spanned(
            literal,
            format!("`max_age` is a number of seconds from 0 to {MAX_MAX_AGE} (browsers cap it there: Chromium at 7200); write {MAX_MAX_AGE} or less"),
        )),
    }
}
