//! Public sockets. A browser sends the user's cookies with a WebSocket handshake, and the page
//! then reads and writes the socket, so a handshake is let through only by a rule that grants
//! credentials, unless the rule says the socket is public (`public_socket: true`). A public
//! socket on a path where another rule grants credentials would be both: refused.

use crate::check::checked::CheckedBlock;

use super::automaton::{Language, Term, shortest_witness};
use super::problem::Spelling;
use super::shadow::path_regex;
use crate::model::names::OptionName;

use super::{Location, Problem};

pub(super) fn check_public_sockets(blocks: &[CheckedBlock], problems: &mut Vec<Problem>) {
    let rules = || {
        blocks.iter().enumerate().flat_map(|(b, block)| {
            block
                .resources
                .iter()
                .enumerate()
                .map(move |(r, resource)| ((b, r), resource))
        })
    };
    // The same rule with both is refused where resources are checked.
    let public_sockets = rules().filter(|(_, r)| r.public_socket && !r.credentials);
    for ((block, resource), public) in public_sockets {
        let location = Location::Option {
            block,
            resource,
            option: OptionName::PublicSocket,
        };
        let Ok(language) = Language::new(&path_regex(&public.path)) else {
            continue;
        };
        let shared = rules()
            .filter(|(_, r)| r.credentials)
            .find_map(|(at, other)| {
                let other_language = Language::new(&path_regex(&other.path)).ok();
                let witness = other_language.map(|other_language| {
                    shortest_witness(&[
                        Term {
                            language: &language,
                            prefix: "",
                            member: true,
                        },
                        Term {
                            language: &other_language,
                            prefix: "",
                            member: true,
                        },
                    ])
                });
                match witness {
                    Some(Ok(Some(path))) => Some((at, Some(path))),
                    Some(Ok(None)) => None,
                    // Not proved apart: refused rather than guessed.
                    None | Some(Err(_)) => Some((at, None)),
                }
            });
        if let Some(((b, r), path)) = shared {
            let shown = match &path {
                Some(path) => format!("both cover {path:?}"),
                None => "their paths could not be proved apart".to_owned(),
            };
            problems.push(
                Problem::spelt(location, |spelling: Spelling| {
                    format!(
                        "{} on a path where another rule grants credentials ({shown}): the handshake carries the user's cookies either way; give the public socket a path of its own",
                        spelling.option(OptionName::PublicSocket, "true"),
                    )
                })
                .related(
                    Location::Option {
                        block: b,
                        resource: r,
                        option: OptionName::Credentials,
                    },
                    "credentials granted here",
                ),
            );
        }
    }
}
