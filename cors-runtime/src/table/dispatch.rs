//! Which resources may match a path, found without trying them all: by the path's first
//! segment, through a table built once. First match still wins, as the candidates keep the
//! policy's order; a path costs one segment split and one look-up however many resources the
//! policy has.

use std::collections::BTreeMap;

use crate::syntax::path::{PathPattern, Segment};
use crate::table::keyed_table::KeyedTable;
use crate::table::resource_index::ResourceIndex;

pub(crate) struct ResourceDispatch {
    /// By a first segment that some pattern names literally: the resources that may match a path
    /// starting with it (those naming it, and those matching any first segment), in policy order.
    by_first_segment: KeyedTable<Box<[ResourceIndex]>>,
    /// The resources whose pattern may match any first segment (`"*"`, `/:id/...`, regexes), in
    /// policy order: the candidates for a segment no pattern names.
    any_first_segment: Box<[ResourceIndex]>,
}

impl ResourceDispatch {
    /// The dispatch of every resource's path pattern, given in policy order with its place.
    pub(crate) fn build<'a>(
        paths: impl IntoIterator<Item = (ResourceIndex, &'a PathPattern)>,
    ) -> ResourceDispatch {
        let mut named: BTreeMap<&str, Vec<ResourceIndex>> = BTreeMap::new();
        let mut any = Vec::new();
        for (index, path) in paths {
            match first_literal(path) {
                Some(segment) => named.entry(segment).or_default().push(index),
                None => any.push(index),
            }
        }
        let by_first_segment =
            KeyedTable::build(named.into_iter().map(|(segment, mut candidates)| {
                candidates.extend_from_slice(&any);
                candidates.sort_unstable();
                (segment.into(), candidates.into())
            }));
        ResourceDispatch {
            by_first_segment,
            any_first_segment: any.into(),
        }
    }

    /// The resources that may match `path`, in policy order; every other resource cannot.
    #[inline(always)]
    pub(crate) fn candidates(&self, path: &str) -> &[ResourceIndex] {
        if self.by_first_segment.is_empty() {
            return &self.any_first_segment;
        }
        let Some(rest) = path.strip_prefix('/') else {
            return &self.any_first_segment;
        };
        let rest = rest.as_bytes();
        let first = match rest.iter().position(|&b| b == b'/') {
            Some(end) => &rest[..end],
            None => rest,
        };
        match self.by_first_segment.get(first) {
            Some(candidates) => candidates,
            None => &self.any_first_segment,
        }
    }
}

/// The first segment a pattern requires literally, if it requires one.
fn first_literal(path: &PathPattern) -> Option<&str> {
    match path {
        PathPattern::Segments { segments, .. } => match segments.first() {
            Some(Segment::Literal(literal)) => Some(literal),
            _ => None,
        },
        PathPattern::Any | PathPattern::Regex(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::check::{Depth, check};
    use crate::model::functions::Functions;
    use crate::model::policy::{AllowBlock, Path, Policy, Resource};
    use crate::table::compile::{Lifetime, compile};
    use crate::table::resource_index::ResourceIndex;

    const PATTERNS: [&str; 9] = [
        "/users/:id",
        "/",
        "*",
        "/users/*",
        "/files/*.json",
        "/:any/x",
        "/*",
        "/files/list",
        "/users/:id/posts/*",
    ];
    const PATHS: [&str; 13] = [
        "/",
        "",
        "/users",
        "/users/",
        "/users/1",
        "/users/1/posts/2",
        "/files/a.json",
        "/files/list",
        "/a/x",
        "/x",
        "//x",
        "x",
        "/usersx/1",
    ];

    /// Whatever the patterns, every resource matching a path is among its candidates, which come
    /// in policy order: so first match over the candidates is first match over the policy.
    #[test]
    fn candidates_hold_every_matching_resource_in_policy_order() {
        let resource = |path: &str| Resource {
            path: Path::from(path),
            ..Resource::default()
        };
        let regex = Resource {
            path: Path::Regex {
                regex: "/v[0-9]+/.*".into(),
            },
            ..Resource::default()
        };
        let policy = Policy {
            allow: vec![
                AllowBlock {
                    origins: vec!["https://a.example".into()],
                    resource: PATTERNS[..5].iter().map(|p| resource(p)).collect(),
                    ..AllowBlock::default()
                },
                AllowBlock {
                    origins: vec!["https://b.example".into()],
                    resource: PATTERNS[5..]
                        .iter()
                        .map(|p| resource(p))
                        .chain([regex])
                        .collect(),
                    ..AllowBlock::default()
                },
            ],
            ..Policy::default()
        };
        let checked = check(&policy, &Functions::new(), Depth::CheckedAtCompileTime).unwrap();
        let table = compile(&checked, Lifetime::Replaceable);
        for path in PATHS.iter().copied().chain(["/v2/report"]) {
            let candidates = table.dispatch.candidates(path);
            assert!(
                candidates.windows(2).all(|pair| pair[0] < pair[1]),
                "{path}"
            );
            for (block_index, block) in table.blocks.iter().enumerate() {
                for (resource_index, resource) in block.resources.iter().enumerate() {
                    let index = ResourceIndex::new(block_index, resource_index);
                    if resource.path.matches(path) {
                        assert!(candidates.contains(&index), "{path}: {index:?}");
                    }
                }
            }
        }
        // A named first segment narrows the candidates to its patterns and the catch-alls:
        // `/files/list`, and `*`, `/files/*.json` (a regex), `/:any/x`, `/*` and the regex.
        assert_eq!(table.dispatch.candidates("/files/list").len(), 6);
        assert_eq!(table.dispatch.candidates("/elsewhere").len(), 5);
    }
}
