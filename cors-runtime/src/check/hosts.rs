//! The server's own hosts: each as requests name it, each once, under a domain of the server's
//! own; and refusing other hosts needs some to be declared.

use crate::model::names::SettingName;
use crate::model::policy::Settings;
use crate::syntax::{OwnHostSyntax, parse_own_host};

use super::problem::Spelling;
use super::{Location, Problem, public_suffix};

pub(super) fn check_hosts(settings: &Settings, problems: &mut Vec<Problem>) -> Vec<OwnHostSyntax> {
    let mut hosts: Vec<OwnHostSyntax> = Vec::new();
    for (item, entry) in settings.hosts.iter().enumerate() {
        let location = Location::SettingItem {
            setting: SettingName::Hosts,
            item,
        };
        let host = match parse_own_host(entry) {
            Ok(host) => host,
            Err(error) => {
                problems.push(Problem::new(location, error.to_string()));
                continue;
            }
        };
        let suffix = format!(".{}", host.host);
        if let Some(problem) = host
            .subdomains
            .then(|| public_suffix::check(&suffix, ""))
            .flatten()
        {
            problems.push(Problem::new(location, problem));
            continue;
        }
        if hosts.contains(&host) {
            problems.push(Problem::new(
                location,
                format!("{entry:?} is listed twice; remove one"),
            ));
            continue;
        }
        hosts.push(host);
    }
    if settings.refuse_other_hosts && settings.hosts.is_empty() {
        problems.push(Problem::spelt(
            Location::Setting(SettingName::RefuseOtherHosts),
            |spelling| {
                let hosts = match spelling {
                    Spelling::Macro => "`hosts: [\"api.example.com\"]`",
                    Spelling::File => "`hosts = [\"api.example.com\"]`",
                };
                format!(
                    "{} with no host declared would refuse every request; list the server's own hosts, such as {hosts}",
                    spelling.option(SettingName::RefuseOtherHosts, "true")
                )
            },
        ));
    }
    hosts
}
