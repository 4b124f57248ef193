//! Resource path patterns: parsed by the checker, compiled once, matched against the request
//! path as axum routes it (no query string, case-sensitive, not decoded).

use regex::Regex;

/// A compiled path pattern.
pub(crate) enum PathPattern {
    /// `"*"`: every path.
    Any,
    /// Whole segments, each literal or `:param`; with `tail`, the pattern ended in `/*`, which
    /// also matches the path without it (`/public/*` matches `/public`).
    Segments {
        segments: Box<[Segment]>,
        tail: bool,
    },
    /// A `regex(...)` path, or a pattern with `*` or `:param` inside a segment: the whole path
    /// must match.
    Regex(Regex),
}

/// One `/`-separated segment of a [`PathPattern::Segments`].
pub(crate) enum Segment {
    Literal(Box<str>),
    /// `:name`: exactly one non-empty segment.
    Param,
}

impl PathPattern {
    pub(crate) fn matches(&self, path: &str) -> bool {
        match self {
            PathPattern::Any => true,
            PathPattern::Segments { segments, tail } => segments_match(segments, *tail, path),
            PathPattern::Regex(regex) => regex.is_match(path),
        }
    }
}

fn segments_match(segments: &[Segment], tail: bool, path: &str) -> bool {
    let Some(mut rest) = path.strip_prefix('/') else {
        return false;
    };
    for (i, segment) in segments.iter().enumerate() {
        let (current, after) = match rest.find('/') {
            Some(slash) => (&rest[..slash], Some(&rest[slash + 1..])),
            None => (rest, None),
        };
        let segment_matches = match segment {
            Segment::Literal(literal) => current == &**literal,
            Segment::Param => !current.is_empty(),
        };
        if !segment_matches {
            return false;
        }
        let last = i + 1 == segments.len();
        match after {
            Some(after) => rest = after,
            None => return last,
        }
        if last {
            return tail;
        }
    }
    // Only `/*` has no segments: it matches every path that starts with `/`.
    tail
}

/// A path pattern as written, checked, in the form `compile` builds a [`PathPattern`] from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PathSyntax {
    /// `"*"`.
    Any,
    /// Whole segments (`None` for a `:param`), and whether the pattern ended in `/*`.
    Segments {
        segments: Vec<Option<String>>,
        tail: bool,
    },
    /// The anchored regular expression the pattern stands for.
    Regex(String),
}

impl PathSyntax {
    /// Whether some path may match both patterns; `true` whenever that is not plain from their
    /// segments (a regex on either side).
    pub(crate) fn may_overlap(&self, other: &PathSyntax) -> bool {
        let (
            PathSyntax::Segments {
                segments: a,
                tail: a_tail,
            },
            PathSyntax::Segments {
                segments: b,
                tail: b_tail,
            },
        ) = (self, other)
        else {
            return true;
        };
        let segments_agree = a.iter().zip(b).all(|pair| match pair {
            (Some(a), Some(b)) => a == b,
            _ => true,
        });
        // Past the shorter pattern's segments, only its tail can match more; a tail also
        // matches the path without it.
        let lengths_agree = match a.len().cmp(&b.len()) {
            std::cmp::Ordering::Equal => true,
            std::cmp::Ordering::Less => *a_tail,
            std::cmp::Ordering::Greater => *b_tail,
        };
        segments_agree && lengths_agree
    }

    /// Checks a path pattern as written in a `resource`.
    pub(crate) fn parse(pattern: &str) -> Result<PathSyntax, String> {
        if pattern == "*" {
            return Ok(PathSyntax::Any);
        }
        if !pattern.starts_with('/') {
            return Err(format!(
                "a path pattern starts with `/` (or is \"*\" for every path); write \"/{}\"",
                pattern.trim_start_matches('/')
            ));
        }
        if let Some(bad) = pattern
            .chars()
            .find(|c| c.is_whitespace() || c.is_control() || *c == '?' || *c == '#')
        {
            return Err(format!(
                "request paths never contain {bad:?}: the query string and fragment are not part of the path"
            ));
        }
        let rewritten = axum_to_colon_syntax(pattern)?;
        let pattern = rewritten.as_str();
        let (body, tail) = match pattern.strip_suffix("/*") {
            Some(body) => (body, true),
            None => (pattern, false),
        };
        let mut segments = Vec::new();
        let mut needs_regex = false;
        for segment in body.split('/').skip(1) {
            if let Some(name) = segment.strip_prefix(':') {
                if !is_param_name(name) {
                    needs_regex = true;
                }
                segments.push(None);
            } else if segment.contains('*') || segment.contains(':') {
                needs_regex = true;
                segments.push(Some(segment.to_owned()));
            } else {
                segments.push(Some(segment.to_owned()));
            }
        }
        if tail && body.is_empty() {
            return Ok(PathSyntax::Segments {
                segments: Vec::new(),
                tail,
            });
        }
        if !needs_regex {
            return Ok(PathSyntax::Segments { segments, tail });
        }
        pattern_to_regex(body, tail).map(PathSyntax::Regex)
    }
}

impl PathSyntax {
    /// The anchored regular expression of the paths this pattern matches, the same set the
    /// compiled matcher accepts: the checker decides coverage between patterns on it.
    pub(crate) fn to_regex(&self) -> String {
        match self {
            PathSyntax::Any => "^.*$".to_owned(),
            PathSyntax::Regex(regex) => regex.clone(),
            PathSyntax::Segments { segments, tail } if segments.is_empty() => {
                debug_assert!(*tail, "only `/*` has no segments");
                "^/.*$".to_owned()
            }
            PathSyntax::Segments { segments, tail } => {
                let segments: Vec<String> = segments
                    .iter()
                    .map(|segment| match segment {
                        Some(literal) => regex::escape(literal),
                        None => "[^/]+".to_owned(),
                    })
                    .collect();
                let tail = if *tail { "(?:/.*)?" } else { "" };
                format!("^/{}{tail}$", segments.join("/"))
            }
        }
    }
}

/// axum 0.8 writes a parameter `{id}` and a tail `{*rest}`: the same as `:id` and `*`, so that
/// route strings can be copied as they are.
fn axum_to_colon_syntax(pattern: &str) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err("`{` starts a parameter and `}` ends it, as in \"/users/{id}\"".into());
        };
        let inside = &after[..close];
        rest = &after[close + 1..];
        match inside.strip_prefix('*') {
            Some(name) if is_param_name(name) && rest.is_empty() && out.ends_with('/') => {
                out.push('*')
            }
            Some(_) => {
                return Err(format!(
                    "`{{{inside}}}` takes the rest of the path: it stands last, after a `/`, with a name, as in \"/files/{{*rest}}\""
                ));
            }
            None if is_param_name(inside) => {
                out.push(':');
                out.push_str(inside);
            }
            None => {
                return Err(format!(
                    "`{{{inside}}}` is not a parameter: name it with letters, digits and `_`, as in \"/users/{{id}}\""
                ));
            }
        }
    }
    if rest.contains('}') {
        return Err("`}` ends a parameter that `{` starts, as in \"/users/{id}\"".into());
    }
    out.push_str(rest);
    Ok(out)
}

fn is_param_name(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `*` matches any run of characters (`/` included), `:name` one non-empty segment, and every
/// other character itself.
fn pattern_to_regex(body: &str, tail: bool) -> Result<String, String> {
    let mut regex = String::from("^");
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' => regex.push_str(".*"),
            ':' if chars
                .peek()
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == '_') =>
            {
                while chars
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_')
                {
                    chars.next();
                }
                regex.push_str("[^/]+");
            }
            ':' => {
                return Err(
                    "`:` starts a parameter and must be followed by its name, as in \"/users/:id\""
                        .into(),
                );
            }
            other => regex.push_str(&regex::escape(other.encode_utf8(&mut [0; 4]))),
        }
    }
    if tail {
        regex.push_str("(?:/.*)?");
    }
    regex.push('$');
    Ok(regex)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(pattern: &'static str) -> impl Fn(&str) -> bool {
        let syntax = PathSyntax::parse(pattern).unwrap();
        move |path| match &syntax {
            PathSyntax::Any => true,
            PathSyntax::Segments { segments, tail } => {
                let segments: Vec<Segment> = segments
                    .iter()
                    .map(|s| match s {
                        Some(literal) => Segment::Literal(literal.as_str().into()),
                        None => Segment::Param,
                    })
                    .collect();
                segments_match(&segments, *tail, path)
            }
            PathSyntax::Regex(regex) => Regex::new(regex).unwrap().is_match(path),
        }
    }

    #[test]
    fn tail_wildcard_covers_the_prefix_and_below_but_not_longer_names() {
        let public = matcher("/public/*");
        for path in ["/public", "/public/", "/public/a", "/public/a/b"] {
            assert!(public(path), "{path}");
        }
        for path in ["/publicity", "/pub", "/", "", "/x/public"] {
            assert!(!public(path), "{path}");
        }
        let everything = matcher("/*");
        assert!(everything("/") && everything("/a/b"));
        assert!(!everything(""));
    }

    #[test]
    fn params_take_exactly_one_non_empty_segment() {
        let user = matcher("/users/:id");
        assert!(user("/users/42"));
        for path in ["/users/", "/users", "/users/42/x", "/users/42/"] {
            assert!(!user(path), "{path}");
        }
        let nested = matcher("/users/:id/posts/*");
        assert!(nested("/users/1/posts") && nested("/users/1/posts/9"));
        assert!(!nested("/users//posts/9"));
    }

    #[test]
    fn literal_paths_match_exactly_and_keep_their_trailing_slash() {
        let list = matcher("/file/list_all/");
        assert!(list("/file/list_all/"));
        assert!(!list("/file/list_all"));
        let root = matcher("/");
        assert!(root("/") && !root("/x"));
    }

    #[test]
    fn inner_wildcards_and_special_characters() {
        let json = matcher("/files/*.json");
        assert!(json("/files/a.json") && json("/files/a/b.json"));
        assert!(!json("/files/a.txt") && !json("/files/ajson"));
        let literal = matcher("/v1.0/$batch+(x)");
        assert!(literal("/v1.0/$batch+(x)"));
        assert!(!literal("/v1x0/$batch+(x)"));
        let inline_param = matcher("/files/:name.json");
        assert!(inline_param("/files/a.json") && !inline_param("/files/a/b.json"));
    }

    #[test]
    fn axum_route_syntax_means_the_same() {
        let user = matcher("/users/{id}");
        assert!(user("/users/42") && !user("/users/") && !user("/users/42/x"));
        let files = matcher("/files/{*rest}");
        assert!(files("/files") && files("/files/a/b") && !files("/filesystem"));
        let nested = matcher("/users/{id}/posts/{*rest}");
        assert!(nested("/users/1/posts") && nested("/users/1/posts/9"));
        let inline = matcher("/files/{name}.json");
        assert!(inline("/files/a.json") && !inline("/files/a/b.json"));
        assert_eq!(
            PathSyntax::parse("/users/{id}"),
            PathSyntax::parse("/users/:id")
        );
        for bad in [
            "/users/{id",
            "/users/id}",
            "/{*rest}/x",
            "/a{*rest}",
            "/users/{}",
            "/{a-b}",
        ] {
            assert!(PathSyntax::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn malformed_patterns_are_refused() {
        assert!(
            PathSyntax::parse("api/*")
                .unwrap_err()
                .contains("\"/api/*\"")
        );
        assert!(PathSyntax::parse("/search?q=1").is_err());
        assert!(PathSyntax::parse("/a b").is_err());
        assert!(PathSyntax::parse("/time/1:2").is_err());
    }
}
