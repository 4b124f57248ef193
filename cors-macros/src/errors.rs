//! The macro's errors: every problem of a policy at once, combined into one `syn::Error`, and the
//! one "unknown word, did you mean" message for keywords, statements, settings and options.

use syn::Error;

/// Every grammar problem found so far, combined.
#[derive(Default)]
pub(crate) struct Errors(Option<Error>);

impl Errors {
    pub(crate) fn push(&mut self, error: Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    pub(crate) fn finish<T>(self, value: T) -> Result<T, Error> {
        match self.0 {
            Some(error) => Err(error),
            None => Ok(value),
        }
    }
}

pub(crate) fn unknown_word(token: &syn::Ident, what: &str, known: &[&str]) -> Error {
    Error::new_spanned(
        token,
        cors_runtime::__private::unknown_word(what, &token.to_string(), known),
    )
}
