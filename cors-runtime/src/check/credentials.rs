//! Every rule about credentials in one place: which origins may be granted them (never `"*"` or
//! `"null"`; plain http, wildcards, regexes and functions only under `unsafe allow`; plain-http
//! private-network addresses in debug builds only), what cannot be said with them (`expose: any`),
//! and that `unsafe` acknowledges something. Public sockets and tenants' origins ask the same
//! question through `BlockOrigins::could_all_be_credentialed` and `tenants::tenant_origin`.

use crate::model::names::OptionName;
use crate::model::policy::{AllowBlock, Resource};

use super::origins::BlockOrigins;
use super::{Location, Problem};

/// `credentials: true` in a block that any site may call through (`"*"`, `"null"`).
pub(super) fn check_any_site(
    block: usize,
    resource: usize,
    written: &Resource,
    origins: &BlockOrigins,
    problems: &mut Vec<Problem>,
) {
    let (true, Some((origin, name))) = (written.credentials, origins.any_site()) else {
        return;
    };
    let location = Location::Option {
        block,
        resource,
        option: OptionName::Credentials,
    };
    problems.push(
        Problem::spelt(location, |spelling| {
            format!(
                "{} cannot be used in a block that allows {name}: any site could read its users' data; move the origins that may send credentials to a block of their own",
                spelling.option(OptionName::Credentials, "true")
            )
        })
        .related(Location::Origin { block, origin }, "allowed here"),
    );
}

/// `expose: any` with credentials, which browsers read as a header named `*`.
pub(super) fn expose_any(location: Location) -> Problem {
    Problem::spelt(location, |spelling| {
        format!(
            "{} (or `\"*\"`) is not honoured with credentials (browsers read `*` as a header named \"*\"); list the header names",
            spelling.option(OptionName::Expose, "any")
        )
    })
}

/// Credentials with origins that cannot be proved safe need the block to say `unsafe allow`;
/// an `unsafe` with nothing to acknowledge is refused too, so it stays meaningful in review.
pub(super) fn check_credentials_acknowledged(
    block: usize,
    allow: &AllowBlock,
    origins: &BlockOrigins,
    problems: &mut Vec<Problem>,
) {
    let credentials = allow.resource.iter().position(|r| r.credentials);
    if let (false, Some(resource), Some((origin, host))) = (
        allow.acknowledged,
        credentials,
        origins.private_network.first(),
    ) {
        problems.push(
            Problem::spelt(
                Location::Option {
                    block,
                    resource,
                    option: OptionName::Credentials,
                },
                |spelling| format!("{} with the plain-http private-network address {host}: every café and office network reuses such addresses, and whoever holds {host} there can read your users' data; debug builds accept it for development, a release build needs {}, or the front end over https", spelling.option(OptionName::Credentials, "true"), spelling.unsafe_block()),
            )
            .related(
                Location::Origin {
                    block,
                    origin: *origin,
                },
                "this origin",
            )
            .in_release_builds(),
        );
    }
    if let (false, Some(resource), Some((origin, why))) =
        (allow.acknowledged, credentials, origins.unprovable.first())
    {
        problems.push(
            Problem::spelt(
                Location::Option {
                    block,
                    resource,
                    option: OptionName::Credentials,
                },
                |spelling| format!("{} with {why}; if that is what you mean, write {} to say so, or list exact https origins", spelling.option(OptionName::Credentials, "true"), spelling.unsafe_block()),
            )
            .related(
                Location::Origin {
                    block,
                    origin: *origin,
                },
                "this origin",
            ),
        );
    }
    // A private-network address is something `unsafe` acknowledges, in every build. A named
    // block's `unsafe` also covers the origins it may be given while serving: narrowing its list
    // (revoking a wildcard) must not need the acknowledgement to be taken back first.
    let nothing_to_acknowledge = credentials.is_none()
        || (origins.unprovable.is_empty() && origins.private_network.is_empty());
    if allow.acknowledged && allow.name.is_none() && nothing_to_acknowledge {
        problems.push(Problem::new(
            Location::Unsafe { block },
            "this block needs no `unsafe`: it allows no credentials with origins that cannot be proved safe; remove it",
        ));
    }
}
