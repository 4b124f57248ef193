//! Building: the checked model into the table the decision reads. The one place each part of
//! the table is laid out, for the macro's policies and for those read at run time alike.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use http::{HeaderValue, StatusCode};
use regex::Regex;

use crate::check::checked::{CheckedBlock, CheckedPolicy, CheckedResource, PathRule};
use crate::syntax::ALWAYS_ALLOWED_HEADERS;
use crate::syntax::path::{PathPattern, PathSyntax, Segment};
use crate::table::dispatch::ResourceDispatch;
use crate::table::exact_origins::ExactOrigins;
use crate::table::keyed_table::KeyedTable;
use crate::table::own_hosts::OwnHosts;
use crate::table::preflight_headers::PreflightHeaders;
use crate::table::resource_index::ResourceIndex;
use crate::table::tenants::TenantOrigins;
use crate::table::vary_plan::vary_by_answer;
use crate::table::{AllowedHeaders, Block, CompiledPolicy, Resource, VaryByAnswer, boxed};

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
    let origin_patterns = checked.blocks.iter().any(CheckedBlock::has_origin_patterns);
    let vary = vary_by_answer(checked, |text| header_value(text, lifetime));
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
        .zip(vary)
        .map(|(block, vary)| compile_block(block, vary, lifetime))
        .collect();
    CompiledPolicy {
        dispatch: ResourceDispatch::build(blocks.iter().enumerate().flat_map(|(b, block)| {
            let resources = block.resources.iter().enumerate();
            resources.map(move |(r, resource)| (ResourceIndex::new(b, r), &resource.path))
        })),
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
        warned_nest_relative: AtomicBool::new(false),
        own_hosts: OwnHosts::new(checked.hosts.clone(), checked.settings.refuse_other_hosts),
    }
}

fn compile_block(block: &CheckedBlock, vary: Vec<VaryByAnswer>, lifetime: Lifetime) -> Block {
    Block {
        any_origin: block.any_origin,
        null_origin: block.null_origin,
        subdomains: block.subdomains.clone().into(),
        any_port: block.any_port.clone().into(),
        regexes: block.regexes.clone().into(),
        predicates: block.predicates.clone().into(),
        tenants: block.tenants.clone().map(|lookup| TenantOrigins {
            lookup,
            table: Arc::new(KeyedTable::build([])),
        }),
        resources: block
            .resources
            .iter()
            .zip(vary)
            .map(|(resource, vary)| {
                let mut compiled = compile_resource(resource, vary, lifetime);
                compiled.opens_sockets |= block.origins_credentialable;
                compiled
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
        PathRule::Syntax(PathSyntax::Regex(regex)) => PathPattern::Regex(checked_regex(regex)),
        PathRule::Regex(regex) => PathPattern::Regex(regex.clone()),
    };
    let headers = match &resource.headers {
        None => AllowedHeaders::Any,
        Some(names) => {
            // The resource's own names first: those are the ones browsers ask for (the
            // always-allowed ones only with values outside the safelist), and a requested name
            // is compared with the listed ones in order.
            let mut listed: Vec<String> = names.clone();
            listed.extend(
                ALWAYS_ALLOWED_HEADERS
                    .iter()
                    .filter(|name| !names.iter().any(|own| own == *name))
                    .map(|name| (*name).to_owned()),
            );
            AllowedHeaders::Listed(boxed(&listed))
        }
    };
    let preflight = PreflightHeaders::build(
        header_value(&resource.methods.join(", ")),
        header_value(&resource.max_age.to_string()),
        resource.credentials,
        resource.private_network,
    );
    Resource {
        pattern: resource.pattern.as_str().into(),
        path,
        methods: boxed(&resource.methods),
        preflight,
        headers,
        expose: resource.expose.as_deref().map(header_value),
        exposed: resource
            .expose
            .iter()
            .flat_map(|list| list.split(", "))
            .map(Box::from)
            .collect(),
        max_age: resource.max_age,
        credentials: resource.credentials,
        condition: resource.condition.clone(),
        vary,
        private_network: resource.private_network,
        opens_sockets: resource.credentials || resource.public_socket,
    }
}
