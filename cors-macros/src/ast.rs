//! Parsing: the policy's tokens into a syntax tree that keeps every span, checking only what
//! the grammar itself needs.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, LitBool, LitInt, LitStr, Token, braced, bracketed, parenthesized};

use crate::errors::unknown_word;

pub struct Policy {
    pub settings: Vec<Setting>,
    pub blocks: Vec<AllowBlock>,
    pub span: Span,
}

pub struct Setting {
    pub name: Ident,
    pub value: Value,
}

pub struct AllowBlock {
    /// `unsafe allow { ... }`: the policy acknowledges credentials with origins that cannot be
    /// proved safe (plain http, wildcards, regexes, functions).
    pub unsafe_keyword: Option<Ident>,
    pub keyword: Ident,
    /// `allow "tenants" { ... }`: the name code addresses the block by.
    pub name: Option<LitStr>,
    pub origins: Vec<OriginsStatement>,
    pub tenants: Vec<TenantsStatement>,
    pub resources: Vec<ResourceStatement>,
}

/// `tenants from path;` or `tenants from host "{tenant}.api.example.com";`.
pub struct TenantsStatement {
    pub keyword: Ident,
    pub source: TenantSource,
}

pub enum TenantSource {
    Path,
    Host(LitStr),
}

pub struct OriginsStatement {
    pub keyword: Ident,
    pub origins: Vec<Origin>,
}

pub enum Origin {
    Literal(LitStr),
    Regex(LitStr),
    Closure(syn::ExprClosure),
    Function(syn::Path),
}

pub struct ResourceStatement {
    pub path: PathPattern,
    pub options: Vec<ResourceOption>,
}

pub enum PathPattern {
    Literal(LitStr),
    Regex(LitStr),
}

pub struct ResourceOption {
    pub name: Ident,
    pub value: Value,
}

/// An option's value, in the shapes the grammar allows; `valid` decides which shape each option
/// takes.
pub enum Value {
    Word(Ident),
    Str(LitStr),
    Int(LitInt),
    Bool(LitBool),
    List(Span, Vec<ListItem>),
    Function(Box<syn::Expr>),
}

pub enum ListItem {
    Word(Ident),
    Str(LitStr),
}

const POLICY_KEYWORDS: &[&str] = &["allow", "settings"];
const BLOCK_KEYWORDS: &[&str] = &["origins", "tenants", "resource"];

impl Parse for Policy {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let span = input.span();
        let mut settings = Vec::new();
        let mut blocks = Vec::new();
        while !input.is_empty() {
            let keyword: Ident = input.call(Ident::parse_any)?;
            match keyword.to_string().as_str() {
                "allow" => blocks.push(parse_allow_block(None, keyword, input)?),
                "unsafe" => {
                    let allow: Ident = input.call(Ident::parse_any)?;
                    if allow != "allow" {
                        return Err(syn::Error::new_spanned(
                            allow,
                            "`unsafe` marks an `allow` block, as in `unsafe allow { ... }`",
                        ));
                    }
                    blocks.push(parse_allow_block(Some(keyword), allow, input)?);
                }
                "settings" => {
                    let content;
                    braced!(content in input);
                    settings.extend(parse_settings(&content)?);
                }
                _ => return Err(unknown_word(&keyword, "keyword", POLICY_KEYWORDS)),
            }
        }
        Ok(Policy {
            settings,
            blocks,
            span,
        })
    }
}

fn parse_settings(input: ParseStream) -> syn::Result<Vec<Setting>> {
    let mut settings = Vec::new();
    while !input.is_empty() {
        let name: Ident = input.call(Ident::parse_any)?;
        input.parse::<Token![:]>()?;
        let value = parse_value(input)?;
        settings.push(Setting { name, value });
        if !input.is_empty() {
            input.parse::<Token![;]>()?;
        }
    }
    Ok(settings)
}

fn parse_allow_block(
    unsafe_keyword: Option<Ident>,
    keyword: Ident,
    input: ParseStream,
) -> syn::Result<AllowBlock> {
    let name = if input.peek(LitStr) {
        Some(input.parse()?)
    } else {
        None
    };
    let content;
    braced!(content in input);
    let mut block = AllowBlock {
        unsafe_keyword,
        keyword,
        name,
        origins: Vec::new(),
        tenants: Vec::new(),
        resources: Vec::new(),
    };
    while !content.is_empty() {
        let statement: Ident = content.call(Ident::parse_any)?;
        match statement.to_string().as_str() {
            "origins" => {
                let origins = parse_until_semicolon(&content, parse_origin)?;
                block.origins.push(OriginsStatement {
                    keyword: statement,
                    origins,
                });
            }
            "tenants" => block.tenants.push(parse_tenants(statement, &content)?),
            "resource" => block.resources.push(parse_resource(&content)?),
            _ => return Err(unknown_word(&statement, "statement", BLOCK_KEYWORDS)),
        }
    }
    Ok(block)
}

/// `from path;` or `from host "{tenant}.api.example.com";`, after `tenants`.
fn parse_tenants(keyword: Ident, input: ParseStream) -> syn::Result<TenantsStatement> {
    let expected =
        "write `tenants from path;` or `tenants from host \"{tenant}.api.example.com\";`";
    let from: Ident = input.call(Ident::parse_any)?;
    if from != "from" {
        return Err(syn::Error::new_spanned(from, expected));
    }
    let word: Ident = input.call(Ident::parse_any)?;
    let source = match word.to_string().as_str() {
        "path" => TenantSource::Path,
        "host" => TenantSource::Host(input.parse()?),
        _ => return Err(syn::Error::new_spanned(word, expected)),
    };
    if !input.is_empty() {
        input.parse::<Token![;]>()?;
    }
    Ok(TenantsStatement { keyword, source })
}

/// Items separated by commas up to a `;` (optional at the end of the block).
fn parse_until_semicolon<T>(
    input: ParseStream,
    item: fn(ParseStream) -> syn::Result<T>,
) -> syn::Result<Vec<T>> {
    let mut items = vec![item(input)?];
    while input.parse::<Option<Token![,]>>()?.is_some() {
        if input.peek(Token![;]) || input.is_empty() {
            break;
        }
        items.push(item(input)?);
    }
    if !input.is_empty() {
        input.parse::<Token![;]>().map_err(|_| {
            input.error("expected `,` before another origin, or `;` to end the `origins` statement")
        })?;
    }
    Ok(items)
}

fn is_regex_call(input: ParseStream) -> bool {
    let fork = input.fork();
    fork.call(Ident::parse_any)
        .is_ok_and(|ident| ident == "regex")
        && fork.peek(syn::token::Paren)
}

fn parse_regex(input: ParseStream) -> syn::Result<LitStr> {
    input.call(Ident::parse_any)?;
    let content;
    parenthesized!(content in input);
    let pattern: LitStr = content.parse()?;
    if !content.is_empty() {
        return Err(content.error("`regex(...)` takes one string literal, as in regex(r\"^https://(a|b)\\.example\\.com$\")"));
    }
    Ok(pattern)
}

fn parse_origin(input: ParseStream) -> syn::Result<Origin> {
    if input.peek(LitStr) {
        return Ok(Origin::Literal(input.parse()?));
    }
    if is_regex_call(input) {
        return Ok(Origin::Regex(parse_regex(input)?));
    }
    if input.peek(Token![|]) || input.peek(Token![||]) || input.peek(Token![move]) {
        return Ok(Origin::Closure(input.parse()?));
    }
    if input.peek(Ident) || input.peek(Token![::]) {
        return Ok(Origin::Function(input.parse()?));
    }
    Err(input.error(
        "expected an origin: a string such as \"https://app.example.com\", regex(r\"...\"), a closure |origin, request| ..., or the path of a function",
    ))
}

fn parse_resource(input: ParseStream) -> syn::Result<ResourceStatement> {
    let path = if is_regex_call(input) {
        PathPattern::Regex(parse_regex(input)?)
    } else if input.peek(LitStr) {
        PathPattern::Literal(input.parse()?)
    } else {
        return Err(input.error(
            "expected the resource's path pattern: a string such as \"/api/*\", or regex(r\"...\")",
        ));
    };
    let mut options = Vec::new();
    while input.parse::<Option<Token![,]>>()?.is_some() {
        if input.peek(Token![;]) || input.is_empty() {
            break;
        }
        let name: Ident = input.call(Ident::parse_any)?;
        input.parse::<Token![:]>()?;
        let value = if name == "if" {
            Value::Function(Box::new(input.parse()?))
        } else {
            parse_value(input)?
        };
        options.push(ResourceOption { name, value });
    }
    if !input.is_empty() {
        input.parse::<Token![;]>().map_err(|_| {
            let after = match options.last() {
                Some(option) => format!("after `{}`", option.name),
                None => "after the path".to_owned(),
            };
            input.error(format!(
                "expected `,` before another option, or `;` to end this resource ({after})"
            ))
        })?;
    }
    Ok(ResourceStatement { path, options })
}

/// Ruby's symbols (`:get`) are plain words here: say so, at the symbol.
fn refuse_ruby_symbol(input: ParseStream) -> syn::Result<()> {
    if !input.peek(Token![:]) || input.peek(Token![::]) {
        return Ok(());
    }
    let fork = input.fork();
    let colon: Token![:] = fork.parse()?;
    match fork.call(Ident::parse_any) {
        Ok(word) => {
            let span = colon.span.join(word.span()).unwrap_or(word.span());
            Err(syn::Error::new(
                span,
                format!("write `{word}`, without the `:`: Ruby's symbols are plain words here"),
            ))
        }
        Err(_) => Ok(()),
    }
}

fn parse_value(input: ParseStream) -> syn::Result<Value> {
    refuse_ruby_symbol(input)?;
    let lookahead = input.lookahead1();
    if lookahead.peek(LitStr) {
        Ok(Value::Str(input.parse()?))
    } else if lookahead.peek(LitInt) {
        Ok(Value::Int(input.parse()?))
    } else if lookahead.peek(LitBool) {
        Ok(Value::Bool(input.parse()?))
    } else if lookahead.peek(syn::token::Bracket) {
        let content;
        let brackets = bracketed!(content in input);
        let items = Punctuated::<ListItem, Token![,]>::parse_terminated_with(&content, |item| {
            refuse_ruby_symbol(item)?;
            if item.peek(LitStr) {
                Ok(ListItem::Str(item.parse()?))
            } else {
                Ok(ListItem::Word(item.call(Ident::parse_any)?))
            }
        })?;
        Ok(Value::List(
            brackets.span.join(),
            items.into_iter().collect(),
        ))
    } else if lookahead.peek(Ident::peek_any) {
        Ok(Value::Word(input.call(Ident::parse_any)?))
    } else {
        Err(lookahead.error())
    }
}

impl Value {
    pub fn span(&self) -> Span {
        match self {
            Value::Word(word) => word.span(),
            Value::Str(literal) => literal.span(),
            Value::Int(literal) => literal.span(),
            Value::Bool(literal) => literal.span,
            Value::List(span, _) => *span,
            Value::Function(expr) => syn::spanned::Spanned::span(expr),
        }
    }
}

impl ListItem {
    pub fn span(&self) -> Span {
        match self {
            ListItem::Word(word) => word.span(),
            ListItem::Str(literal) => literal.span(),
        }
    }
}
