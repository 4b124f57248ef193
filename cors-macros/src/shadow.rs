//! Rules that can never be selected, or that an earlier rule silently overrides: first match
//! wins, so a resource is dead when an earlier one without an `if:` accepts every origin and
//! every path it does, and it loses part of its paths when an earlier rule in another block
//! accepts all of its origins and some of its paths with other credentials or methods. Only
//! certain coverage is reported: regex and function origins, and regex paths, are never
//! assumed covered.

use cors_runtime::__private::PathSyntax;
use syn::Error;

use crate::ast;
use crate::valid::{Block, Path};

pub fn check_no_shadowed_rule(policy: &ast::Policy, blocks: &[Block]) -> syn::Result<()> {
    let rules: Vec<(usize, usize)> = blocks
        .iter()
        .enumerate()
        .flat_map(|(b, block)| (0..block.resources.len()).map(move |r| (b, r)))
        .collect();
    for (later, &(b2, r2)) in rules.iter().enumerate() {
        for &(b1, r1) in &rules[..later] {
            let (first, second) = (&blocks[b1].resources[r1], &blocks[b2].resources[r2]);
            // Only a rule without `if:` that accepts every origin of the later one can take its
            // requests away.
            if first.condition.is_some() || !origins_cover(&blocks[b1], &blocks[b2]) {
                continue;
            }
            let earlier = path_literal(&policy.blocks[b1].resources[r1]);
            let problem = if path_covers(&first.path, &second.path) {
                format!(
                    "this resource can never be selected: the earlier {:?} (block {b1}, resource {r1}) accepts all of its origins and paths, and the first match wins; move it before that one, or remove it",
                    earlier.value()
                )
            } else {
                let conflict = if first.credentials != second.credentials {
                    "credentials"
                } else if first.methods != second.methods {
                    "methods"
                } else {
                    continue;
                };
                if b1 == b2 || !path_covers(&second.path, &first.path) {
                    continue;
                }
                format!(
                    "for every origin of this block, requests to {:?} get the answer of the earlier resource (block {b1}, resource {r1}), whose {conflict} differ from this one's, as the first match wins; move this block before that one, or make their {conflict} agree",
                    earlier.value()
                )
            };
            let mut error =
                Error::new_spanned(path_literal(&policy.blocks[b2].resources[r2]), problem);
            error.combine(Error::new_spanned(earlier, "the earlier resource"));
            return Err(error);
        }
    }
    Ok(())
}

fn path_literal(statement: &ast::ResourceStatement) -> &syn::LitStr {
    match &statement.path {
        ast::PathPattern::Literal(literal) | ast::PathPattern::Regex(literal) => literal,
    }
}

/// Whether every origin `second` accepts, `first` accepts too.
fn origins_cover(first: &Block, second: &Block) -> bool {
    if std::ptr::eq(first, second) {
        return true;
    }
    if !second.regexes.is_empty() || !second.predicates.is_empty() {
        return false;
    }
    if second.null_origin && !first.null_origin {
        return false;
    }
    if first.any_origin {
        return true;
    }
    if second.any_origin {
        return false;
    }
    let exact_covered = second.exact.iter().all(|origin| {
        first.exact.contains(origin)
            || first
                .subdomains
                .iter()
                .any(|(scheme, suffix)| subdomain_accepts(scheme.as_deref(), suffix, origin))
    });
    let subdomains_covered = second
        .subdomains
        .iter()
        .all(|pattern| first.subdomains.contains(pattern));
    exact_covered && subdomains_covered
}

fn subdomain_accepts(scheme: Option<&str>, suffix: &str, origin: &str) -> bool {
    let Some((origin_scheme, authority)) = origin.split_once("://") else {
        return false;
    };
    let scheme_ok = match scheme {
        Some(scheme) => scheme == origin_scheme,
        None => origin_scheme == "http" || origin_scheme == "https",
    };
    scheme_ok
        && authority
            .strip_suffix(suffix)
            .is_some_and(|subdomain| !subdomain.is_empty() && !subdomain.contains(':'))
}

/// Whether every path `second` matches, `first` matches too.
fn path_covers(first: &Path, second: &Path) -> bool {
    let (Path::Syntax(first), Path::Syntax(second)) = (first, second) else {
        return matches!(first, Path::Syntax(PathSyntax::Any));
    };
    match (first, second) {
        (PathSyntax::Any, _) => true,
        (_, PathSyntax::Any) => false,
        (
            PathSyntax::Segments {
                segments: outer,
                tail: outer_tail,
            },
            PathSyntax::Segments {
                segments: inner,
                tail: inner_tail,
            },
        ) => {
            let fits = if *outer_tail {
                inner.len() >= outer.len()
            } else {
                !inner_tail && inner.len() == outer.len()
            };
            fits && outer
                .iter()
                .zip(inner)
                .all(|(outer, inner)| match (outer, inner) {
                    // `:param` takes any non-empty segment.
                    (None, None) => true,
                    (None, Some(literal)) => !literal.is_empty(),
                    (Some(_), None) => false,
                    (Some(a), Some(b)) => a == b,
                })
        }
        (a, b) => a == b,
    }
}
