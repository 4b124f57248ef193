//! Printing: JSON for programs, text for people, with colour only on a terminal.

use std::io::{IsTerminal, Write};

/// Prints one line on standard output, as `println!` does, except that a reader that went away
/// (`corsage diff OLD NEW | head -1`) is no panic: the rest of the output is dropped, and the
/// exit code still gives the answer.
macro_rules! say {
    ($($arguments:tt)*) => {
        $crate::output::line(format_args!($($arguments)*))
    };
}

pub(crate) fn line(arguments: std::fmt::Arguments<'_>) {
    let _ = writeln!(std::io::stdout().lock(), "{arguments}");
}

/// `text` in colour `code` (an ANSI SGR number) when standard output is a terminal.
pub(crate) fn paint(text: &str, code: u8) -> String {
    match std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        true => format!("\x1b[{code}m{text}\x1b[0m"),
        false => text.to_owned(),
    }
}

pub(crate) const RED: u8 = 31;
pub(crate) const GREEN: u8 = 32;
pub(crate) const BOLD: u8 = 1;

/// Prints a JSON value on one line.
pub(crate) fn json(value: &serde_json::Value) {
    say!("{value}");
}
