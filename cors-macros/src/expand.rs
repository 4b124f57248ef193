//! Generating: the checked policy as one static table, with every header value prebuilt.

use cors_runtime::__private::PathSyntax;
use cors_runtime::syntax::{exact_origin_slots, ALWAYS_ALLOWED_HEADERS};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::valid::{Block, Path, Policy, Resource};

/// The items the table refers to: lazily built regexes and the users' functions as constants.
#[derive(Default)]
struct Items {
    definitions: Vec<TokenStream>,
    count: usize,
}

impl Items {
    fn regex(&mut self, pattern: &str) -> Ident {
        let name = self.next_name("REGEX");
        self.definitions.push(quote! {
            static #name: ::corsage::__private::LazyLock<::corsage::__private::Regex> =
                ::corsage::__private::LazyLock::new(|| {
                    ::corsage::__private::Regex::new(#pattern)
                        .expect("cors! checked this regular expression at compile time")
                });
        });
        name
    }

    /// Resources hold `HeaderValue`s, which a static table cannot borrow as temporaries
    /// (they have interior mutability): each block's resources are a static of their own.
    fn resources(&mut self, resources: &[Resource]) -> Ident {
        let expanded: Vec<TokenStream> = resources
            .iter()
            .map(|resource| expand_resource(resource, self))
            .collect();
        let name = self.next_name("RESOURCES");
        let count = expanded.len();
        self.definitions.push(quote! {
            static #name: [::corsage::__private::Resource; #count] = [#(#expanded),*];
        });
        name
    }

    fn constant(&mut self, ty: TokenStream, value: &TokenStream) -> Ident {
        let name = self.next_name("FUNCTION");
        self.definitions.push(quote! { const #name: #ty = #value; });
        name
    }

    fn next_name(&mut self, kind: &str) -> Ident {
        self.count += 1;
        format_ident!(
            "__CORSAGE_{}_{}",
            kind,
            self.count,
            span = Span::mixed_site()
        )
    }
}

pub fn expand(policy: &Policy) -> TokenStream {
    let mut items = Items::default();
    let blocks: Vec<TokenStream> = policy
        .blocks
        .iter()
        .map(|block| expand_block(block, &mut items))
        .collect();
    let exact_origins = expand_exact_origins(policy);
    let status = policy.settings.refused_preflight_status;
    let debug_header = policy.settings.debug_header;
    let origin_patterns = policy.blocks.iter().any(|block| {
        block.any_origin
            || block.null_origin
            || !block.subdomains.is_empty()
            || !block.regexes.is_empty()
            || !block.predicates.is_empty()
    });
    let definitions = &items.definitions;
    let table = Ident::new("__CORSAGE_POLICY", Span::mixed_site());
    quote! {
        {
            #(#definitions)*
            static #table: ::corsage::__private::Policy = ::corsage::__private::Policy {
                blocks: &[#(#blocks),*],
                exact_origins: #exact_origins,
                origin_patterns: #origin_patterns,
                refused_preflight_status: #status,
                debug_header: #debug_header,
            };
            ::corsage::Cors::from_table(&#table)
        }
    }
}

fn expand_block(block: &Block, items: &mut Items) -> TokenStream {
    let any_origin = block.any_origin;
    let acknowledged = block.acknowledged;
    let null_origin = block.null_origin;
    let subdomains = block.subdomains.iter().map(|(scheme, suffix)| {
        let scheme = match scheme {
            Some(scheme) => quote!(::core::option::Option::Some(#scheme)),
            None => quote!(::core::option::Option::None),
        };
        quote!(::corsage::__private::Subdomains { scheme: #scheme, suffix: #suffix })
    });
    let regexes: Vec<Ident> = block.regexes.iter().map(|r| items.regex(r)).collect();
    let predicate_type = quote!(::corsage::__private::OriginPredicate);
    let predicates: Vec<Ident> = block
        .predicates
        .iter()
        .map(|p| items.constant(predicate_type.clone(), p))
        .collect();
    let resources = items.resources(&block.resources);
    quote! {
        ::corsage::__private::Block {
            any_origin: #any_origin,
            null_origin: #null_origin,
            subdomains: &[#(#subdomains),*],
            regexes: &[#(&#regexes),*],
            predicates: &[#(#predicates),*],
            resources: &#resources,
            acknowledged: #acknowledged,
        }
    }
}

fn header_value(text: &str) -> TokenStream {
    quote!(::corsage::__private::HeaderValue::from_static(#text))
}

fn expand_resource(resource: &Resource, items: &mut Items) -> TokenStream {
    let pattern = &resource.pattern;
    let path = match &resource.path {
        Path::Syntax(PathSyntax::Any) => quote!(::corsage::__private::PathPattern::Any),
        Path::Syntax(PathSyntax::Segments { segments, tail }) => {
            let segments = segments.iter().map(|segment| match segment {
                Some(literal) => quote!(::corsage::__private::Segment::Literal(#literal)),
                None => quote!(::corsage::__private::Segment::Param),
            });
            quote!(::corsage::__private::PathPattern::Segments { segments: &[#(#segments),*], tail: #tail })
        }
        Path::Syntax(PathSyntax::Regex(regex)) | Path::Regex(regex) => {
            let regex = items.regex(regex);
            quote!(::corsage::__private::PathPattern::Regex(&#regex))
        }
    };
    let methods = &resource.methods;
    let allow_methods = header_value(&resource.methods.join(", "));
    let headers = match &resource.headers {
        None => quote!(::corsage::__private::AllowedHeaders::Any),
        Some(names) => {
            let mut listed: Vec<&str> = ALWAYS_ALLOWED_HEADERS.to_vec();
            listed.extend(
                names
                    .iter()
                    .map(String::as_str)
                    .filter(|n| !ALWAYS_ALLOWED_HEADERS.contains(n)),
            );
            quote!(::corsage::__private::AllowedHeaders::Listed(&[#(#listed),*]))
        }
    };
    let expose = match &resource.expose {
        Some(list) => {
            let value = header_value(list);
            quote!(::core::option::Option::Some(#value))
        }
        None => quote!(::core::option::Option::None),
    };
    let max_age = header_value(&resource.max_age.to_string());
    let credentials = resource.credentials;
    let private_network = resource.private_network;
    let condition = match &resource.condition {
        Some(condition) => {
            let name = items.constant(quote!(::corsage::__private::Condition), condition);
            quote!(::core::option::Option::Some(#name))
        }
        None => quote!(::core::option::Option::None),
    };
    let vary_names: Vec<String> = std::iter::once("origin".to_owned())
        .chain(resource.vary.iter().filter(|n| *n != "origin").cloned())
        .collect();
    let vary = header_value(
        &std::iter::once("Origin")
            .chain(vary_names[1..].iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(", "),
    );
    quote! {
        ::corsage::__private::Resource {
            pattern: #pattern,
            path: #path,
            methods: &[#(#methods),*],
            allow_methods: #allow_methods,
            headers: #headers,
            expose: #expose,
            max_age: #max_age,
            credentials: #credentials,
            condition: #condition,
            vary: #vary,
            vary_names: &[#(#vary_names),*],
            private_network: #private_network,
        }
    }
}

/// Places every exact origin in an open-addressing table at most half full, probing linearly,
/// with the hash the runtime looks it up with.
fn expand_exact_origins(policy: &Policy) -> TokenStream {
    let mut listing: std::collections::BTreeMap<&str, Vec<u16>> = Default::default();
    for (index, block) in policy.blocks.iter().enumerate() {
        for origin in &block.exact {
            let blocks = listing.entry(origin).or_default();
            let index = u16::try_from(index).expect("valid limits the number of blocks");
            if !blocks.contains(&index) {
                blocks.push(index);
            }
        }
    }
    let listing: Vec<(&str, Vec<u16>)> = listing.into_iter().collect();
    let origins: Vec<&str> = listing.iter().map(|(origin, _)| *origin).collect();
    let (slots, max_probes) = exact_origin_slots(&origins);
    let slots = slots.iter().map(|slot| {
        let (origin, blocks): (&str, &[u16]) = match slot {
            Some(position) => (listing[*position].0, &listing[*position].1),
            None => ("", &[]),
        };
        quote!(::corsage::__private::ExactSlot { origin: #origin, blocks: &[#(#blocks),*] })
    });
    quote! {
        ::corsage::__private::ExactOrigins { slots: &[#(#slots),*], max_probes: #max_probes }
    }
}
