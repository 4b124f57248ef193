//! The `cors!` macro of [corsage](https://docs.rs/corsage): parses a CORS policy, checks it, and
//! expands it into a static table. Depend on `corsage`, which re-exports it.

mod ast;
mod expand;
mod suggest;
mod valid;

use proc_macro::TokenStream;

/// Compiles a CORS policy into a `corsage::Cors`. The grammar is in corsage's README.
#[proc_macro]
pub fn cors(input: TokenStream) -> TokenStream {
    let policy = syn::parse_macro_input!(input as ast::Policy);
    valid::check(&policy)
        .map(|checked| expand::expand(&checked))
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
