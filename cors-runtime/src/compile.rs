//! Building: the checked model into the table the decision reads. The one place each part of
//! the table is laid out, for the macro's policies and for those read at run time alike.

use http::{HeaderValue, StatusCode};
use regex::Regex;

use crate::checked::{CheckedBlock, CheckedPolicy, CheckedResource, PathRule};
use crate::dispatch::ResourceDispatch;
use crate::exact_origins::ExactOrigins;
use crate::path::{PathPattern, PathSyntax, Segment};
use crate::syntax::ALWAYS_ALLOWED_HEADERS;
use crate::table::{
    AllowedHeaders, Block, CompiledPolicy, Resource, ResourceIndex, Vary, VaryByAnswer,
};

/// How long a table lives, which decides how its header values are stored.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lifetime {
    /// As long as the program: the table of a `cors!` static, built once. Its header values
    /// are static text, which every response copies for a few instructions, as they would be
    /// had they been written into the binary.
    Program,
    /// Until replaced: a `Live` table, freed with everything it holds when the last request
    /// using it ends. Its header values are shared, counted buffers.
    Replaceable,
}

pub(crate) fn compile(checked: &CheckedPolicy, lifetime: Lifetime) -> CompiledPolicy {
    let exact_origins = ExactOrigins::build(checked.blocks.iter().map(|block| &block.exact[..]));
    let origin_patterns = checked.blocks.iter().any(|block| {
        block.any_origin
            || block.null_origin
            || !block.subdomains.is_empty()
            || !block.any_port.is_empty()
            || !block.regexes.is_empty()
            || !block.predicates.is_empty()
    });
    let consulted = ConsultedVary::of(checked);
    let refusing = checked
        .blocks
        .iter()
        .enumerate()
        .flat_map(|(block, b)| {
            b.resources
                .iter()
                .enumerate()
                .filter(|(_, resource)| resource.refuse_others)
                .map(move |(resource, _)| ResourceIndex::new(block, resource))
        })
        .collect();
    let blocks: Box<[Block]> = checked
        .blocks
        .iter()
        .enumerate()
        .map(|(index, block)| compile_block(index, block, &consulted, lifetime))
        .collect();
    CompiledPolicy {
        dispatch: ResourceDispatch::build(&blocks),
        blocks,
        exact_origins,
        origin_patterns,
        refused_preflight_status: StatusCode::from_u16(checked.settings.refused_preflight_status)
            .unwrap_or(StatusCode::FORBIDDEN),
        allowed_preflight_status: StatusCode::from_u16(checked.settings.allowed_preflight_status)
            .unwrap_or(StatusCode::NO_CONTENT),
        debug_header: checked.settings.debug_header,
        decision_in_extensions: checked.settings.decision_in_extensions,
        refusing,
    }
}

/// The `vary:` names of the resources whose `if:` or function origin a decision may consult:
/// the decision read the headers they name, so every answer it leads to must vary by them.
struct ConsultedVary {
    /// Per resource, in block order: the names consulted before it is selected (earlier
    /// resources with `if:`, and every resource of a block with function origins up to its
    /// own block).
    before: Vec<Vec<Vec<String>>>,
    /// Every name any decision may consult.
    all: Vec<String>,
}

impl ConsultedVary {
    fn of(checked: &CheckedPolicy) -> ConsultedVary {
        let mut consulted: Vec<String> = Vec::new();
        let mut before = Vec::new();
        for block in &checked.blocks {
            // A function origin reads the request before any resource of its block.
            if !block.predicates.is_empty() {
                for resource in &block.resources {
                    add_names(&mut consulted, &resource.vary);
                }
            }
            let mut in_block = Vec::new();
            for resource in &block.resources {
                if resource.condition.is_some() {
                    add_names(&mut consulted, &resource.vary);
                }
                in_block.push(consulted.clone());
            }
            before.push(in_block);
        }
        ConsultedVary {
            before,
            all: consulted,
        }
    }
}

fn add_names(names: &mut Vec<String>, more: &[String]) {
    for name in more {
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
}

/// `Origin`, then `own` and `consulted` without repeats.
fn vary(own: &[String], consulted: &[String], lifetime: Lifetime) -> Vary {
    let mut names = vec!["origin".to_owned()];
    add_names(&mut names, own);
    add_names(&mut names, consulted);
    let value = std::iter::once("Origin")
        .chain(names[1..].iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(", ");
    Vary {
        value: header_value(&value, lifetime),
        names: boxed(&names),
    }
}

fn compile_block(
    index: usize,
    block: &CheckedBlock,
    consulted: &ConsultedVary,
    lifetime: Lifetime,
) -> Block {
    Block {
        any_origin: block.any_origin,
        null_origin: block.null_origin,
        subdomains: block.subdomains.clone().into(),
        any_port: block.any_port.clone().into(),
        regexes: block.regexes.iter().map(|r| checked_regex(r)).collect(),
        predicates: block.predicates.clone().into(),
        resources: block
            .resources
            .iter()
            .zip(&consulted.before[index])
            .map(|(resource, before)| {
                let vary = VaryByAnswer {
                    no_origin: vary(&resource.vary, &[], lifetime),
                    allowed: vary(&resource.vary, before, lifetime),
                    refused: vary(&resource.vary, &consulted.all, lifetime),
                };
                compile_resource(resource, vary, lifetime)
            })
            .collect(),
    }
}

/// The checker compiled every regular expression it let through.
fn checked_regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("the checker compiled this regular expression")
}

/// Every value the checker let through is a token or a list of tokens, a valid header value.
fn header_value(text: &str, lifetime: Lifetime) -> HeaderValue {
    match lifetime {
        // Built once per `cors!` static, which the program keeps to its end.
        Lifetime::Program => HeaderValue::from_static(Box::leak(text.into())),
        Lifetime::Replaceable => {
            HeaderValue::try_from(text).expect("the checker allows only tokens in header values")
        }
    }
}

fn boxed(names: &[String]) -> Box<[Box<str>]> {
    names.iter().map(|name| name.as_str().into()).collect()
}

fn compile_resource(
    resource: &CheckedResource,
    vary: VaryByAnswer,
    lifetime: Lifetime,
) -> Resource {
    let header_value = |text: &str| header_value(text, lifetime);
    let path = match &resource.path {
        PathRule::Syntax(PathSyntax::Any) => PathPattern::Any,
        PathRule::Syntax(PathSyntax::Segments { segments, tail }) => PathPattern::Segments {
            segments: segments
                .iter()
                .map(|segment| match segment {
                    Some(literal) => Segment::Literal(literal.as_str().into()),
                    None => Segment::Param,
                })
                .collect(),
            tail: *tail,
        },
        PathRule::Syntax(PathSyntax::Regex(regex)) | PathRule::Regex(regex) => {
            PathPattern::Regex(checked_regex(regex))
        }
    };
    let headers = match &resource.headers {
        None => AllowedHeaders::Any,
        Some(names) => {
            let mut listed: Vec<String> = ALWAYS_ALLOWED_HEADERS.map(str::to_owned).to_vec();
            listed.extend(
                names
                    .iter()
                    .filter(|name| !ALWAYS_ALLOWED_HEADERS.contains(&name.as_str()))
                    .cloned(),
            );
            AllowedHeaders::Listed(boxed(&listed))
        }
    };
    Resource {
        pattern: resource.pattern.as_str().into(),
        path,
        methods: boxed(&resource.methods),
        allow_methods: header_value(&resource.methods.join(", ")),
        headers,
        expose: resource.expose.as_deref().map(header_value),
        max_age: header_value(&resource.max_age.to_string()),
        credentials: resource.credentials,
        condition: resource.condition,
        vary,
        private_network: resource.private_network,
    }
}
