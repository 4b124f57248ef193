//! Lowering: the syntax tree into the policy model that every front end shares, keeping the span
//! of each part so that the checker's problems point at tokens. Only what the grammar decides is
//! refused here (unknown words, repeated options, values of the wrong shape); every rule about
//! what the values mean is the checker's.

use std::collections::BTreeMap;

use cors_runtime::{
    AllowBlock, OptionName, Origin, Path, Policy, Resource, SettingName, Settings, TenantKey,
};
use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::Error;

use crate::ast::{self, Value};
use crate::errors::{Errors, unknown_word};
use crate::values::{bool_value, header_names, host_list, list_spans, max_age, methods};

/// The policy model of a `cors!` invocation, where each of its parts was written, and the code
/// of the functions it names.
pub struct Lowered {
    pub policy: Policy,
    pub spans: Spans,
    pub functions: Vec<NamedFunction>,
}

/// A function origin or `if:` condition: the name the model gives it, and its code.
pub struct NamedFunction {
    pub name: String,
    pub kind: FunctionKind,
    pub code: TokenStream,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum FunctionKind {
    Origin,
    Condition,
}

pub struct Spans {
    pub policy: Span,
    pub settings: BTreeMap<SettingName, Span>,
    /// Each item of a list setting (`hosts`).
    pub setting_items: BTreeMap<SettingName, Vec<Span>>,
    pub blocks: Vec<BlockSpans>,
}

pub struct BlockSpans {
    pub allow: Span,
    pub name: Option<Span>,
    pub tenants: Option<Span>,
    pub unsafe_keyword: Option<Span>,
    pub origins: Vec<Span>,
    pub resources: Vec<ResourceSpans>,
}

pub struct ResourceSpans {
    pub path: Span,
    /// Each option's value.
    pub options: BTreeMap<OptionName, Span>,
    /// Each item of a list option.
    pub items: BTreeMap<OptionName, Vec<Span>>,
}

/// The names the grammar knows, as written.
fn names<N: Copy>(all: &[N], text: fn(N) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|name| text(*name)).collect()
}

/// Every grammar problem of the policy at once, or the model.
pub fn lower(policy: &ast::Policy) -> Result<Lowered, Error> {
    let mut errors = Errors::default();
    let mut lowered = Lowered {
        policy: Policy::default(),
        spans: Spans {
            policy: policy.span,
            settings: BTreeMap::new(),
            setting_items: BTreeMap::new(),
            blocks: Vec::new(),
        },
        functions: Vec::new(),
    };
    lowered.policy.settings = lower_settings(&policy.settings, &mut lowered.spans, &mut errors);
    for block in &policy.blocks {
        let (allow, spans) = lower_block(block, &mut lowered.functions, &mut errors);
        lowered.policy.allow.push(allow);
        lowered.spans.blocks.push(spans);
    }
    errors.finish(lowered)
}

fn lower_settings(settings: &[ast::Setting], spans: &mut Spans, errors: &mut Errors) -> Settings {
    let mut lowered = Settings::default();
    for setting in settings {
        let name = setting.name.to_string();
        let Some(known) = SettingName::named(&name) else {
            let known = names(SettingName::ALL, SettingName::as_str);
            errors.push(unknown_word(&setting.name, "setting", &known));
            continue;
        };
        if spans.settings.insert(known, setting.value.span()).is_some() {
            errors.push(Error::new_spanned(
                &setting.name,
                format!("`{name}` is set twice; keep one"),
            ));
            continue;
        }
        match (known, &setting.value) {
            (SettingName::RefusedPreflightStatus, Value::Int(literal)) => {
                // Out of range reads as 0, which the checker refuses with the rule.
                lowered.refused_preflight_status = literal.base10_parse::<u16>().unwrap_or(0);
            }
            (SettingName::RefusedPreflightStatus, other) => errors.push(Error::new(
                other.span(),
                "`refused_preflight_status` takes a status code, such as 403",
            )),
            (SettingName::AllowedPreflightStatus, Value::Int(literal)) => {
                // Out of range reads as 0, which the checker refuses with the rule.
                lowered.allowed_preflight_status = literal.base10_parse::<u16>().unwrap_or(0);
            }
            (SettingName::AllowedPreflightStatus, other) => errors.push(Error::new(
                other.span(),
                "`allowed_preflight_status` takes a status code, such as 200",
            )),
            (SettingName::Hosts, value) => match host_list(value) {
                Ok((hosts, item_spans)) => {
                    lowered.hosts = hosts;
                    spans.setting_items.insert(known, item_spans);
                }
                Err(error) => errors.push(error),
            },
            (
                SettingName::DebugHeader
                | SettingName::DecisionInExtensions
                | SettingName::RefuseOtherHosts,
                value,
            ) => match bool_value(value, known.as_str()) {
                Ok(on) => {
                    let slot = match known {
                        SettingName::DebugHeader => &mut lowered.debug_header,
                        SettingName::RefuseOtherHosts => &mut lowered.refuse_other_hosts,
                        _ => &mut lowered.decision_in_extensions,
                    };
                    *slot = on;
                }
                Err(error) => errors.push(error),
            },
        }
    }
    lowered
}

fn lower_block(
    block: &ast::AllowBlock,
    functions: &mut Vec<NamedFunction>,
    errors: &mut Errors,
) -> (AllowBlock, BlockSpans) {
    let mut allow = AllowBlock {
        name: block.name.as_ref().map(syn::LitStr::value),
        acknowledged: block.unsafe_keyword.is_some(),
        ..AllowBlock::default()
    };
    let mut spans = BlockSpans {
        allow: block.keyword.span(),
        name: block.name.as_ref().map(syn::LitStr::span),
        tenants: block
            .tenants
            .first()
            .map(|statement| statement.keyword.span()),
        unsafe_keyword: block.unsafe_keyword.as_ref().map(syn::Ident::span),
        origins: Vec::new(),
        resources: Vec::new(),
    };
    if let [_, again, ..] = block.tenants.as_slice() {
        errors.push(Error::new_spanned(
            &again.keyword,
            "`tenants` is given twice in this block; keep one",
        ));
    }
    allow.tenants = block
        .tenants
        .first()
        .map(|statement| match &statement.source {
            ast::TenantSource::Path => TenantKey::Path,
            ast::TenantSource::Host(pattern) => TenantKey::Host(pattern.value()),
        });
    if let [_, again, ..] = block.origins.as_slice() {
        errors.push(Error::new_spanned(
            &again.keyword,
            "`origins` is given twice in this block; list every origin in one `origins` statement",
        ));
    }
    for origin in block.origins.iter().take(1).flat_map(|s| &s.origins) {
        let (lowered, span) = match origin {
            ast::Origin::Literal(literal) => (Origin::Pattern(literal.value()), literal.span()),
            ast::Origin::Regex(literal) => (
                Origin::Regex {
                    regex: literal.value(),
                },
                literal.span(),
            ),
            ast::Origin::Closure(closure) => (
                Origin::Function {
                    function: function(functions, FunctionKind::Origin, closure.to_token_stream()),
                },
                syn::spanned::Spanned::span(closure),
            ),
            ast::Origin::Function(path) => (
                Origin::Function {
                    function: function(functions, FunctionKind::Origin, path.to_token_stream()),
                },
                syn::spanned::Spanned::span(path),
            ),
        };
        allow.origins.push(lowered);
        spans.origins.push(span);
    }
    for statement in &block.resources {
        let (resource, resource_spans) = lower_resource(statement, functions, errors);
        allow.resource.push(resource);
        spans.resources.push(resource_spans);
    }
    (allow, spans)
}

/// Names a function origin or condition in the model; the expansion registers its code under
/// that name.
fn function(functions: &mut Vec<NamedFunction>, kind: FunctionKind, code: TokenStream) -> String {
    let name = format!("{} #{}", code, functions.len());
    functions.push(NamedFunction {
        name: name.clone(),
        kind,
        code,
    });
    name
}

fn lower_resource(
    statement: &ast::ResourceStatement,
    functions: &mut Vec<NamedFunction>,
    errors: &mut Errors,
) -> (Resource, ResourceSpans) {
    let (path, path_span) = match &statement.path {
        ast::PathPattern::Literal(literal) => (Path::Pattern(literal.value()), literal.span()),
        ast::PathPattern::Regex(literal) => (
            Path::Regex {
                regex: literal.value(),
            },
            literal.span(),
        ),
    };
    let mut resource = Resource {
        path,
        ..Resource::default()
    };
    let mut spans = ResourceSpans {
        path: path_span,
        options: BTreeMap::new(),
        items: BTreeMap::new(),
    };
    let mut seen: BTreeMap<OptionName, &syn::Ident> = BTreeMap::new();
    for option in &statement.options {
        let name = option.name.to_string();
        let Some(known) = OptionName::named(&name) else {
            let known = names(OptionName::ALL, OptionName::as_str);
            errors.push(unknown_word(&option.name, "option", &known));
            continue;
        };
        if let Some(first) = seen.insert(known, &option.name) {
            let mut error = Error::new_spanned(
                &option.name,
                format!("`{name}` is given twice for this resource; keep one"),
            );
            error.combine(Error::new_spanned(first, "first given here"));
            errors.push(error);
            continue;
        }
        let value = &option.value;
        spans.options.insert(known, value.span());
        if let Some(items) = list_spans(value) {
            spans.items.insert(known, items);
        }
        let text = known.as_str();
        let lowered = match known {
            OptionName::Methods => methods(value).map(|names| resource.methods = Some(names)),
            OptionName::Headers => header_names(value, text).map(|n| resource.headers = Some(n)),
            OptionName::Expose => header_names(value, text).map(|n| resource.expose = Some(n)),
            OptionName::Vary => header_names(value, text).map(|n| resource.vary = Some(n)),
            OptionName::MaxAge => max_age(value).map(|seconds| resource.max_age = Some(seconds)),
            OptionName::Credentials => bool_value(value, text).map(|on| resource.credentials = on),
            OptionName::PrivateNetwork => {
                bool_value(value, text).map(|on| resource.private_network = on)
            }
            OptionName::RefuseOthers => {
                bool_value(value, text).map(|on| resource.refuse_others = on)
            }
            OptionName::PublicSocket => {
                bool_value(value, text).map(|on| resource.public_socket = on)
            }
            // The parser reads `if:` as an expression; whether it is a closure or a function of
            // the request head is then checked by rustc at that expression.
            OptionName::If => {
                let Value::Function(expr) = value else {
                    unreachable!("the parser reads every `if:` value as an expression")
                };
                let name = function(functions, FunctionKind::Condition, expr.to_token_stream());
                resource.condition = Some(name);
                Ok(())
            }
        };
        if let Err(error) = lowered {
            errors.push(error);
        }
    }
    (resource, spans)
}
