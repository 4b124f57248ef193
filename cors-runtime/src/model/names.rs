//! The names of a resource's options and of the settings, as the `cors!` macro and a file spell
//! them: one list, which the macro's grammar and the checker's places use, so that a rename is
//! a compile error rather than a misplaced diagnostic (and a test holds a file's keys to it). Not
//! `#[non_exhaustive]`: a new option is meant to fail to compile wherever it is not handled yet,
//! the macro's grammar first.

use std::fmt;

macro_rules! names {
    ($(#[$meta:meta])* $name:ident { $($(#[$variant_meta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$variant_meta])* $variant,)*
        }

        impl $name {
            /// Every name, in the order the guide lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// As written in the macro and in a file.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// The name written `text`, if there is one.
            pub fn named(text: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|name| name.as_str() == text)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

names! {
    /// A resource's option.
    OptionName {
        /// `methods`.
        Methods = "methods",
        /// `headers`.
        Headers = "headers",
        /// `expose`.
        Expose = "expose",
        /// `max_age`.
        MaxAge = "max_age",
        /// `credentials`.
        Credentials = "credentials",
        /// `if`.
        If = "if",
        /// `vary`.
        Vary = "vary",
        /// `private_network`.
        PrivateNetwork = "private_network",
        /// `refuse_others`.
        RefuseOthers = "refuse_others",
        /// `public_socket`.
        PublicSocket = "public_socket",
    }
}

names! {
    /// A setting of the policy.
    SettingName {
        /// `refused_preflight_status`.
        RefusedPreflightStatus = "refused_preflight_status",
        /// `allowed_preflight_status`.
        AllowedPreflightStatus = "allowed_preflight_status",
        /// `debug_header`.
        DebugHeader = "debug_header",
        /// `decision_in_extensions`.
        DecisionInExtensions = "decision_in_extensions",
        /// `hosts`.
        Hosts = "hosts",
        /// `refuse_other_hosts`.
        RefuseOtherHosts = "refuse_other_hosts",
    }
}
