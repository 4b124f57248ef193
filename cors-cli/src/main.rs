//! `corsage`: check policy files, explain a decision, diff two policies exactly, verify a
//! running server. Exit codes are part of the interface: 0 the answer is yes (passes, allowed,
//! same, agrees), 2 it is no, 1 the question could not be answered.

// First: its `say!` macro is used by the commands.
#[macro_use]
mod output;

mod check;
mod console;
mod diff;
mod explain;
mod http1;
mod load;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Check, explain, compare and verify CORS policies written for corsage (TOML files).
#[derive(Parser)]
#[command(name = "corsage", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Text for people, or JSON for programs.
    #[arg(long, value_enum, default_value_t = Format::Text, global = true)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Every problem of every file, at its line and column (exit 2 if any).
    Check {
        /// Policy files (TOML).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// The decision on one request: the rule, the reason, the headers the layer sends, and for a
    /// refusal what the browser's console says and what to change (exit 2 if refused).
    Explain(explain::Request),
    /// Every change in who may do what from OLD to NEW, each with a request that shows it (exit
    /// 2 if access differs).
    Diff {
        /// The policy before the change.
        old: PathBuf,
        /// The policy after it.
        new: PathBuf,
    },
    /// Sends requests derived from the policy to a running server and reports every answer that
    /// disagrees with the policy (exit 2 if any).
    Verify(verify::Options),
}

fn main() -> ExitCode {
    // A usage error is a question that could not be answered: 1, not clap's 2.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() { 1 } else { 0 };
            error.print().ok();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Check { files } => check::run(&files, cli.format),
        Command::Explain(request) => explain::run(&request, cli.format),
        Command::Diff { old, new } => diff::run(&old, &new, cli.format),
        Command::Verify(options) => verify::run(&options, cli.format),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(2),
        Err(error) => {
            eprintln!("corsage: {error}");
            ExitCode::from(1)
        }
    }
}
