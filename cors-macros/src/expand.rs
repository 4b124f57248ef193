//! Generating: the checked policy model as code that builds it, with the functions it names, so
//! that the runtime builds the table from it on first use exactly as it builds one read from a
//! file.

use cors_runtime::{AllowBlock, Names, Origin, Path, Policy, Resource, TenantKey};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::check::ReleaseOnly;
use crate::lower::{FunctionKind, Lowered};

pub fn expand(lowered: &Lowered, release_only: &[ReleaseOnly]) -> TokenStream {
    // A release build refuses what only it refuses; a debug build compiles, and says so with a
    // warning at the same token (the deprecation lint is the one warning a macro can raise on
    // stable Rust), so that the first build that fails is never the release one.
    let release_errors = release_only.iter().map(|problem| {
        let message = &problem.message;
        let warning = format!("a release build refuses this policy: {message}");
        quote::quote_spanned! {problem.span=>
            #[cfg(not(debug_assertions))]
            ::core::compile_error!(#message);
            #[cfg(debug_assertions)]
            const _: () = {
                #[deprecated(note = #warning)]
                const RELEASE_BUILDS_REFUSE_THIS_POLICY: () = ();
                RELEASE_BUILDS_REFUSE_THIS_POLICY
            };
        }
    });
    let policy = policy(&lowered.policy);
    let functions = lowered.functions.iter().map(|function| {
        let name = &function.name;
        let code = &function.code;
        match function.kind {
            FunctionKind::Origin => quote! {
                .origin(#name, {
                    const FUNCTION: fn(&str, &::corsage::RequestHead<'_>) -> bool = #code;
                    FUNCTION
                })
            },
            FunctionKind::Condition => quote! {
                .condition(#name, {
                    const FUNCTION: fn(&::corsage::RequestHead<'_>) -> bool = #code;
                    FUNCTION
                })
            },
        }
    });
    let table = Ident::new("__CORSAGE_POLICY", Span::mixed_site());
    quote! {
        {
            #(#release_errors)*
            static #table: ::corsage::__private::LazyLock<::corsage::__private::MacroPolicy> =
                ::corsage::__private::LazyLock::new(|| {
                    ::corsage::__private::MacroPolicy::new(
                        #policy,
                        ::corsage::Functions::new() #(#functions)*,
                    )
                });
            ::corsage::Cors::from_macro(&#table)
        }
    }
}

fn string(text: &str) -> TokenStream {
    quote!(::std::string::String::from(#text))
}

fn option<T>(value: &Option<T>, expand: impl Fn(&T) -> TokenStream) -> TokenStream {
    match value {
        Some(value) => {
            let value = expand(value);
            quote!(::core::option::Option::Some(#value))
        }
        None => quote!(::core::option::Option::None),
    }
}

fn policy(policy: &Policy) -> TokenStream {
    let status = policy.settings.refused_preflight_status;
    let allowed_status = policy.settings.allowed_preflight_status;
    let debug_header = policy.settings.debug_header;
    let decision_in_extensions = policy.settings.decision_in_extensions;
    let hosts = policy.settings.hosts.iter().map(|host| string(host));
    let refuse_other_hosts = policy.settings.refuse_other_hosts;
    let blocks = policy.allow.iter().map(block);
    quote! {
        ::corsage::Policy {
            settings: ::corsage::Settings {
                refused_preflight_status: #status,
                allowed_preflight_status: #allowed_status,
                debug_header: #debug_header,
                decision_in_extensions: #decision_in_extensions,
                hosts: ::std::vec![#(#hosts),*],
                refuse_other_hosts: #refuse_other_hosts,
            },
            allow: ::std::vec![#(#blocks),*],
        }
    }
}

fn block(block: &AllowBlock) -> TokenStream {
    let name = option(&block.name, |name| string(name));
    let acknowledged = block.acknowledged;
    // A static list and one call, however many origins: code per origin would make a policy of
    // thousands slow to compile.
    let origins = block.origins.iter().map(|origin| match origin {
        Origin::Pattern(pattern) => quote!(::corsage::__private::StaticOrigin::Pattern(#pattern)),
        Origin::Regex { regex } => quote!(::corsage::__private::StaticOrigin::Regex(#regex)),
        Origin::Function { function } => {
            quote!(::corsage::__private::StaticOrigin::Function(#function))
        }
    });
    let resources = block.resource.iter().map(resource);
    let tenants = option(&block.tenants, |key| match key {
        TenantKey::Path => quote!(::corsage::TenantKey::Path),
        TenantKey::Host(pattern) => {
            let pattern = string(pattern);
            quote!(::corsage::TenantKey::Host(#pattern))
        }
    });
    quote! {
        ::corsage::AllowBlock {
            name: #name,
            acknowledged: #acknowledged,
            tenants: #tenants,
            origins: ::corsage::__private::StaticOrigin::to_model(&[#(#origins),*]),
            resource: ::std::vec![#(#resources),*],
        }
    }
}

fn names(names: &Names) -> TokenStream {
    match names {
        Names::Any => quote!(::corsage::Names::Any),
        Names::List(list) => quote!(::corsage::Names::from_static(&[#(#list),*])),
    }
}

fn resource(resource: &Resource) -> TokenStream {
    let path = match &resource.path {
        Path::Pattern(pattern) => {
            let pattern = string(pattern);
            quote!(::corsage::Path::Pattern(#pattern))
        }
        Path::Regex { regex } => {
            let regex = string(regex);
            quote!(::corsage::Path::Regex { regex: #regex })
        }
    };
    let methods = option(&resource.methods, names);
    let headers = option(&resource.headers, names);
    let expose = option(&resource.expose, names);
    let vary = option(&resource.vary, names);
    let max_age = option(&resource.max_age, |seconds| quote!(#seconds));
    let credentials = resource.credentials;
    let condition = option(&resource.condition, |name| string(name));
    let private_network = resource.private_network;
    let refuse_others = resource.refuse_others;
    let public_socket = resource.public_socket;
    quote! {
        ::corsage::Resource {
            path: #path,
            methods: #methods,
            headers: #headers,
            expose: #expose,
            max_age: #max_age,
            credentials: #credentials,
            condition: #condition,
            vary: #vary,
            private_network: #private_network,
            refuse_others: #refuse_others,
            public_socket: #public_socket,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{ast, check, lower};

    fn expansion(source: &str) -> String {
        let policy: ast::Policy = syn::parse_str(source).unwrap();
        let lowered = lower::lower(&policy).unwrap();
        let release_only = check::check(&lowered).unwrap_or_else(|e| panic!("{e}"));
        super::expand(&lowered, &release_only).to_string()
    }

    /// A private-network address with credentials compiles in debug builds and is a compile
    /// error in release builds.
    #[test]
    fn release_builds_refuse_private_network_addresses_with_credentials() {
        let lan = expansion(
            r#"allow { origins "http://192.168.1.10:3000"; resource "/api/*", credentials: true; }"#,
        );
        assert!(lan.contains("# [cfg (not (debug_assertions))] :: core :: compile_error !"));
        assert!(lan.contains("every café and office network reuses such addresses"));
        let acknowledged = expansion(
            r#"unsafe allow { origins "http://192.168.1.10:3000"; resource "/api/*", credentials: true; }"#,
        );
        assert!(!acknowledged.contains("compile_error"));
        let loopback = expansion(
            r#"allow { origins "http://localhost:3000"; resource "/api/*", credentials: true; }"#,
        );
        assert!(!loopback.contains("compile_error"));
    }
}
