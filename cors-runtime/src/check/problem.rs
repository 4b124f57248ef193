//! What the checker reports: every problem it found, each at a place in the policy model with a
//! sentence that names the fix. Each front end maps the place to its own: the macro to a token,
//! a file to a path such as `allow[1].resource[0].headers[2]`.

use std::fmt;

use crate::model::names::{OptionName, SettingName};

/// Where in a [`Policy`](crate::Policy) a problem is. Blocks, origins, resources and list items
/// are counted from zero in the order written.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// The policy as a whole.
    Policy,
    /// A setting, by name.
    Setting(SettingName),
    /// One item of a setting's list (`hosts`).
    SettingItem {
        /// The setting's name.
        setting: SettingName,
        /// The item's position in the list.
        item: usize,
    },
    /// An `allow` block as a whole.
    Block {
        /// The block.
        block: usize,
    },
    /// A block's name.
    BlockName {
        /// The block.
        block: usize,
    },
    /// A block's `unsafe` acknowledgement.
    Unsafe {
        /// The block.
        block: usize,
    },
    /// A block's `tenants` statement.
    Tenants {
        /// The block.
        block: usize,
    },
    /// A block's list of origins as a whole.
    Origins {
        /// The block.
        block: usize,
    },
    /// One origin.
    Origin {
        /// The block.
        block: usize,
        /// The origin's position in the block's list.
        origin: usize,
    },
    /// A resource's path pattern.
    Resource {
        /// The block.
        block: usize,
        /// The resource.
        resource: usize,
    },
    /// A resource's option (`methods`, `headers`, `expose`, `max_age`, `credentials`, `if`,
    /// `vary`, `private_network`) as a whole.
    Option {
        /// The block.
        block: usize,
        /// The resource.
        resource: usize,
        /// The option's name.
        option: OptionName,
    },
    /// One item of a resource option's list.
    Item {
        /// The block.
        block: usize,
        /// The resource.
        resource: usize,
        /// The option's name.
        option: OptionName,
        /// The item's position in the list.
        item: usize,
    },
}

/// A resource's place in the policy, from which the places of its path, options and their items
/// are made.
#[derive(Clone, Copy)]
pub(crate) struct Place {
    pub block: usize,
    pub resource: usize,
}

impl Place {
    pub(crate) fn path(self) -> Location {
        Location::Resource {
            block: self.block,
            resource: self.resource,
        }
    }

    pub(crate) fn option(self, option: OptionName) -> Location {
        Location::Option {
            block: self.block,
            resource: self.resource,
            option,
        }
    }

    pub(crate) fn item(self, option: OptionName, item: usize) -> Location {
        Location::Item {
            block: self.block,
            resource: self.resource,
            option,
            item,
        }
    }
}

impl Location {
    /// Where the place comes in a policy as written: settings, then each block (its name,
    /// `unsafe`, tenants and origins, then its resources, each path before its options, the
    /// options in the grammar's order), so that problems are reported in the order written.
    pub(crate) fn written_order(&self) -> (u8, usize, u8, usize, usize, usize) {
        let resource = |block, resource, part, item| (2, block, 6, resource, part, item);
        match *self {
            Location::Policy => (0, 0, 0, 0, 0, 0),
            Location::Setting(setting) => (1, setting as usize, 0, 0, 0, 0),
            Location::SettingItem { setting, item } => (1, setting as usize, 1, item, 0, 0),
            Location::Block { block } => (2, block, 0, 0, 0, 0),
            Location::BlockName { block } => (2, block, 1, 0, 0, 0),
            Location::Unsafe { block } => (2, block, 2, 0, 0, 0),
            Location::Tenants { block } => (2, block, 3, 0, 0, 0),
            Location::Origins { block } => (2, block, 4, 0, 0, 0),
            Location::Origin { block, origin } => (2, block, 5, origin, 0, 0),
            Location::Resource { block, resource: r } => resource(block, r, 0, 0),
            Location::Option {
                block,
                resource: r,
                option,
            } => resource(block, r, 1 + option as usize, 0),
            Location::Item {
                block,
                resource: r,
                option,
                item,
            } => resource(block, r, 1 + option as usize, 1 + item),
        }
    }
}

impl fmt::Display for Location {
    /// The path of the place in a configuration file, as in `allow[1].resource[0].headers[2]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Location::Policy => f.write_str("policy"),
            Location::Setting(name) => write!(f, "settings.{name}"),
            Location::SettingItem { setting, item } => write!(f, "settings.{setting}[{item}]"),
            Location::Block { block } => write!(f, "allow[{block}]"),
            Location::BlockName { block } => write!(f, "allow[{block}].name"),
            Location::Unsafe { block } => write!(f, "allow[{block}].unsafe"),
            Location::Origins { block } => write!(f, "allow[{block}].origins"),
            Location::Tenants { block } => write!(f, "allow[{block}].tenants"),
            Location::Origin { block, origin } => write!(f, "allow[{block}].origins[{origin}]"),
            Location::Resource { block, resource } => {
                write!(f, "allow[{block}].resource[{resource}].path")
            }
            Location::Option {
                block,
                resource,
                option,
            } => write!(f, "allow[{block}].resource[{resource}].{option}"),
            Location::Item {
                block,
                resource,
                option,
                item,
            } => write!(f, "allow[{block}].resource[{resource}].{option}[{item}]"),
        }
    }
}

/// How a policy is written, for the fix a message names: in the `cors!` macro's syntax, or in a
/// configuration file's (whose keys are the policy model's fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Spelling {
    Macro,
    File,
}

impl Spelling {
    /// An option with its value, as in `credentials: true` or `credentials = true`.
    pub(crate) fn option(self, name: impl fmt::Display, value: &str) -> String {
        match (self, value) {
            (Spelling::Macro, _) => format!("`{name}: {value}`"),
            (Spelling::File, "any") => format!("`{name} = \"any\"`"),
            (Spelling::File, _) => format!("`{name} = {value}`"),
        }
    }

    /// The acknowledgement that a block's origins cannot be proved safe.
    pub(crate) fn unsafe_block(self) -> &'static str {
        match self {
            Spelling::Macro => "`unsafe allow { ... }`",
            Spelling::File => "`unsafe = true` in the `[[allow]]` table",
        }
    }
}

/// One problem: where, what to do about it, and, for some, a second place it concerns (the
/// earlier rule that shadows this one, the origin that needs `unsafe`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    location: Location,
    message: String,
    /// The message in the `cors!` macro's syntax, where it names a fix that is spelt otherwise
    /// in a file.
    in_macro: Option<String>,
    related: Option<(Location, &'static str)>,
    release_only: bool,
}

impl Problem {
    pub(crate) fn new(location: Location, message: impl Into<String>) -> Problem {
        Problem {
            location,
            message: message.into(),
            in_macro: None,
            related: None,
            release_only: false,
        }
    }

    /// A problem whose fix is written one way in a file and another in the `cors!` macro: the
    /// message is made in each spelling.
    pub(crate) fn spelt(location: Location, message: impl Fn(Spelling) -> String) -> Problem {
        Problem {
            in_macro: Some(message(Spelling::Macro)),
            ..Problem::new(location, message(Spelling::File))
        }
    }

    /// A problem that only a release build refuses: what is fine on a developer's machine but
    /// must not ship.
    pub(crate) fn in_release_builds(mut self) -> Problem {
        self.release_only = true;
        self
    }

    /// Whether only a release build (`debug_assertions` off) refuses the policy for it: a debug
    /// build accepts it, so development stays easy.
    pub fn release_only(&self) -> bool {
        self.release_only
    }

    pub(crate) fn related(mut self, location: Location, what: &'static str) -> Problem {
        self.related = Some((location, what));
        self
    }

    /// Where the problem is.
    pub fn location(&self) -> Location {
        self.location
    }

    /// What is wrong, and what to write instead, as a configuration file (or the policy model's
    /// fields) spells it.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The message as the `cors!` macro spells its fix.
    #[doc(hidden)]
    pub fn message_in_macro(&self) -> &str {
        self.in_macro.as_deref().unwrap_or(&self.message)
    }

    /// A second place the problem concerns, and what it is (such as "the earlier resource").
    pub fn related_location(&self) -> Option<(Location, &'static str)> {
        self.related
    }
}

impl Problem {
    fn write(&self, f: &mut fmt::Formatter<'_>, spelling: Spelling) -> fmt::Result {
        let message = match spelling {
            Spelling::Macro => self.message_in_macro(),
            Spelling::File => self.message(),
        };
        write!(f, "{}: {message}", self.location)?;
        if let Some((location, what)) = self.related {
            write!(f, " ({what}: {location})")?;
        }
        Ok(())
    }
}

impl fmt::Display for Problem {
    /// The location and the message, in a file's spelling.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, Spelling::File)
    }
}

/// Every problem the checker found in a policy, in the order of the policy; never empty.
///
/// ```
/// use corsage::{AllowBlock, Functions, Origin, Policy, Resource};
///
/// let policy = Policy {
///     allow: vec![AllowBlock {
///         origins: vec![Origin::from("https://app.example.com/"), Origin::from("HTTPS://b.example")],
///         resource: vec![Resource { path: "/api/*".into(), ..Resource::default() }],
///         ..AllowBlock::default()
///     }],
///     ..Policy::default()
/// };
/// let problems = policy.check(&Functions::new()).unwrap_err();
/// assert_eq!(problems.len(), 2);
/// assert_eq!(
///     problems.to_string(),
///     "allow[0].origins[0]: an origin has no trailing slash, and browsers never send one; write \"https://app.example.com\"\n\
///      allow[0].origins[1]: browsers send origins in lowercase, so this one would never match; write \"https://b.example\"",
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(Vec<Problem>, Spelling);

impl Problems {
    pub(crate) fn from_vec(problems: Vec<Problem>) -> Problems {
        debug_assert!(!problems.is_empty());
        Problems(problems, Spelling::File)
    }

    /// The same problems, displayed with the fixes in `spelling` (a live policy that the
    /// `cors!` macro started is told in the macro's words).
    pub(crate) fn spelt_in(self, spelling: Spelling) -> Problems {
        Problems(self.0, spelling)
    }

    /// How many problems there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: a `Problems` holds at least one.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The problems, in the order of the policy.
    pub fn iter(&self) -> std::slice::Iter<'_, Problem> {
        self.0.iter()
    }
}

impl<'a> IntoIterator for &'a Problems {
    type Item = &'a Problem;
    type IntoIter = std::slice::Iter<'a, Problem>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for Problems {
    /// One problem per line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            problem.write(f, self.1)?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}
