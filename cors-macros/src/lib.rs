#![deny(missing_docs)]
#![forbid(unsafe_code)]
//! The `cors!` macro of [corsage](https://docs.rs/corsage): parses a CORS policy, checks it, and
//! expands it into a static table. Depend on `corsage`, which re-exports it.

mod ast;
mod check;
mod errors;
mod expand;
mod lower;
mod values;

use proc_macro::TokenStream;

/// Compiles a CORS policy into a `corsage::Cors`: parses it, checks it with every rule of
/// corsage's checker at compile time, and expands into code that builds its table on first use.
/// The grammar is on [corsage's front page](https://docs.rs/corsage/latest/corsage/#grammar).
///
/// ```
/// use corsage::cors;
///
/// static CORS: corsage::Cors = cors! {
///     allow {
///         origins "https://app.example.com", "localhost:3000";
///         resource "/api/*", methods: [get, post], headers: "x-token", max_age: 600;
///     }
///     allow {
///         origins "*";
///         resource "/public/*";
///     }
/// };
/// ```
///
/// Mistakes are compile errors that point at the token and say what to write:
///
/// ```compile_fail
/// # use corsage::cors;
/// static CORS: corsage::Cors = cors! {
///     allow {
///         origins "https://app.example.com/"; // an origin has no trailing slash
///         resource "/api/*";
///     }
/// };
/// ```
#[proc_macro]
pub fn cors(input: TokenStream) -> TokenStream {
    let policy = syn::parse_macro_input!(input as ast::Policy);
    lower::lower(&policy)
        .and_then(|lowered| {
            check::check(&lowered).map(|release_only| expand::expand(&lowered, &release_only))
        })
        .unwrap_or_else(compile_errors)
        .into()
}

/// Every message of `error` (some point at two places) as one expression, so that the macro
/// can stand where a value is expected.
fn compile_errors(error: syn::Error) -> proc_macro2::TokenStream {
    let errors = error.into_iter().map(|error| error.to_compile_error());
    quote::quote! { { #(#errors);* } }
}
