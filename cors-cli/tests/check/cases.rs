//! Every case of the macro's compile-fail suite (`cors-macros/tests/ui/`), as a file: the same mistake
//! written in TOML, or, where the mistake is one of the macro's own syntax, the format error
//! the file's version of it gets.

/// A UI case whose problem is the checker's, and the same mistake in a file: the lines of an
/// `[[allow]]` table (a resource `/api/*` added unless it writes its own), or a whole file when
/// it starts with a table header.
pub const CHECKED: &[(&str, &str)] = &[
    (
        "block_named_twice",
        "[[allow]]\nname = \"tenants\"\norigins = [\"https://a.example.com\"]\nresource = [{ path = \"/a/*\" }]\n[[allow]]\nname = \"tenants\"\norigins = [\"https://b.example.com\"]\nresource = [{ path = \"/b/*\" }]",
    ),
    (
        "credentials_lan_origin_warns_in_debug_builds",
        "origins = [\"http://192.168.1.10:3000\"]\n[[allow.resource]]\npath = \"/api/*\"\ncredentials = true",
    ),
    (
        "credentials_with_function_origin",
        "origins = [{ function = \"tenant_origin\" }]\n[[allow.resource]]\npath = \"/api/*\"\ncredentials = true",
    ),
    (
        "credentials_with_null",
        "origins = [\"null\", \"https://app.example.com\"]\n[[allow.resource]]\npath = \"/api/*\"\ncredentials = true",
    ),
    (
        "credentials_with_plain_http_origin",
        "origins = [\"http://app.example.com\"]\n[[allow.resource]]\npath = \"/x\"\ncredentials = true",
    ),
    (
        "credentials_with_regex_origin",
        "origins = [{ regex = '^https://(app|admin)\\.example\\.com$' }]\n[[allow.resource]]\npath = \"/api/*\"\ncredentials = true",
    ),
    (
        "credentials_with_star",
        "origins = [\"*\"]\n[[allow.resource]]\npath = \"/x\"\ncredentials = true",
    ),
    (
        "credentials_with_wildcard_origin",
        "origins = [\"https://*.example.com\"]\n[[allow.resource]]\npath = \"/api/*\"\ncredentials = true",
    ),
    ("empty_policy", "[settings]\ndebug_header = true"),
    (
        "expose_any_with_credentials",
        "origins = [\"https://app.example.com\"]\n[[allow.resource]]\npath = \"/api/*\"\nexpose = \"any\"\ncredentials = true",
    ),
    (
        "expose_set_cookie",
        "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/x\"\nexpose = [\"set-cookie\"]",
    ),
    (
        "expose_star_with_credentials",
        "origins = [\"https://app.example.com\"]\n[[allow.resource]]\npath = \"/api/*\"\nexpose = [\"*\", \"x-total\"]\ncredentials = true",
    ),
    (
        "header_access_control_name",
        "origins = [\"https://app.example.com\"]\n[[allow.resource]]\npath = \"/api/*\"\nheaders = [\"Access-Control-Allow-Origin\"]",
    ),
    (
        "header_forbidden_request_header",
        "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/x\"\nheaders = [\"cookie\"]",
    ),
    (
        "header_list_in_one_string",
        "origins = [\"https://app.example.com\"]\n[[allow.resource]]\npath = \"/api/*\"\nheaders = [\"x-token, x-tenant\"]",
    ),
    (
        "header_listed_twice",
        "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/x\"\nheaders = [\"x-token\", \"X-Token\"]",
    ),
    (
        "header_not_a_token",
        "origins = [\"https://app.example.com\"]\n[[allow.resource]]\npath = \"/api/*\"\nheaders = [\"x-token\", \"x token\"]",
    ),
    (
        "header_star",
        "origins = [\"https://app.example.com\"]\n[[allow.resource]]\npath = \"/api/*\"\nheaders = [\"*\"]",
    ),
    (
        "max_age_out_of_range",
        "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/x\"\nmax_age = 100000",
    ),
    (
        "method_forbidden",
        "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/x\"\nmethods = [\"GET\", \"TRACE\"]",
    ),
    (
        "method_listed_twice",
        "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/x\"\nmethods = [\"GET\", \"GET\"]",
    ),
    (
        "method_near_miss_and_ambiguous_names",
        "origins = [\"https://app.example.com\"]\n[[allow.resource]]\npath = \"/api/*\"\nmethods = [\"PSOT\", \"gett\", \"PROPFIND\"]",
    ),
    (
        "method_not_a_token",
        "origins = [\"https://app.example.com\"]\n[[allow.resource]]\npath = \"/api/*\"\nmethods = [\"GET POST\"]",
    ),
    (
        "method_star",
        "origins = [\"https://app.example.com\"]\n[[allow.resource]]\npath = \"/api/*\"\nmethods = [\"*\"]",
    ),
    ("missing_origins", "[[allow.resource]]\npath = \"/api/*\""),
    (
        "missing_resource",
        "[[allow]]\norigins = [\"https://app.example.com\"]",
    ),
    (
        "option_methods_empty",
        "origins = [\"https://app.example.com\"]\n[[allow.resource]]\npath = \"/api/*\"\nmethods = []",
    ),
    (
        "option_vary_any",
        "origins = [\"https://app.example.com\"]\n[[allow.resource]]\npath = \"/api/*\"\nvary = \"any\"",
    ),
    (
        "option_vary_star",
        "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/x\"\nvary = [\"*\"]",
    ),
    (
        "origin_default_port",
        r#"origins = ["https://app.example.com:443"]"#,
    ),
    ("origin_empty", r#"origins = [""]"#),
    (
        "origin_file_scheme",
        r#"origins = ["file:///home/me/index.html"]"#,
    ),
    (
        "origin_fragment",
        r#"origins = ["https://app.example.com#top"]"#,
    ),
    (
        "origin_host_invalid",
        r#"origins = ["https://app..example.com"]"#,
    ),
    (
        "origin_ipv4_shorthand",
        r#"origins = ["http://127.1:3000"]"#,
    ),
    (
        "origin_ipv6_followed_by_garbage",
        r#"origins = ["http://[::1]x"]"#,
    ),
    ("origin_ipv6_invalid", r#"origins = ["http://[fe80::zz]"]"#),
    (
        "origin_ipv6_not_shortest",
        r#"origins = ["http://[0:0:0:0:0:0:0:1]:8080"]"#,
    ),
    ("origin_ipv6_unclosed", r#"origins = ["http://[::1"]"#),
    (
        "origin_listed_twice",
        r#"origins = ["https://app.example.com", "https://app.example.com"]"#,
    ),
    ("origin_null_uppercase", r#"origins = ["NULL"]"#),
    (
        "origin_path",
        r#"origins = ["https://app.example.com/api"]"#,
    ),
    (
        "origin_port_leading_zero",
        r#"origins = ["https://app.example.com:08443"]"#,
    ),
    (
        "origin_port_out_of_range",
        r#"origins = ["https://app.example.com:70000"]"#,
    ),
    (
        "origin_port_wildcard_on_public_host",
        r#"origins = ["https://app.example.com:*"]"#,
    ),
    (
        "origin_query",
        r#"origins = ["https://app.example.com?x=1"]"#,
    ),
    (
        "origin_regex_invalid",
        r#"origins = [{ regex = '^https://(app|admin\.example\.com$' }]"#,
    ),
    (
        "origin_scheme_invalid",
        r#"origins = ["1http://app.example.com"]"#,
    ),
    (
        "origin_trailing_slash",
        r#"origins = ["https://app.example.com/"]"#,
    ),
    (
        "origin_uppercase",
        r#"origins = ["https://App.example.com"]"#,
    ),
    (
        "origin_userinfo",
        r#"origins = ["https://user@app.example.com"]"#,
    ),
    (
        "origin_websocket_scheme",
        r#"origins = ["wss://app.example.com"]"#,
    ),
    (
        "origin_wildcard_inside_label",
        r#"origins = ["https://app-*.example.com"]"#,
    ),
    (
        "origin_wildcard_on_ip_address",
        r#"origins = ["http://*.168.0.1:3000"]"#,
    ),
    (
        "origin_wildcard_on_multi_label_public_suffix",
        r#"origins = ["https://*.co.uk"]"#,
    ),
    (
        "origin_wildcard_on_public_suffix",
        r#"origins = ["https://*.github.io"]"#,
    ),
    ("origin_wildcard_on_tld", r#"origins = ["https://*.com"]"#),
    (
        "origin_with_space",
        r#"origins = ["https://app .example.com"]"#,
    ),
    ("origin_without_host", r#"origins = ["https://"]"#),
    (
        "overridden_by_an_earlier_rule_with_other_credentials",
        "[[allow]]\norigins = [\"*\"]\nresource = [{ path = \"/api/status\" }]\n[[allow]]\norigins = [\"https://app.example.com\"]\nresource = [{ path = \"/api/*\", methods = [\"get\", \"post\"], credentials = true }]",
    ),
    (
        "overridden_by_an_earlier_rule_with_other_methods",
        "[[allow]]\norigins = [\"https://*.example.com\"]\nresource = [{ path = \"/api/items\", methods = [\"get\"] }]\n[[allow]]\norigins = [\"https://app.example.com\"]\nresource = [{ path = \"/api/*\", methods = [\"get\", \"post\", \"delete\"] }]",
    ),
    (
        "own_hosts_as_requests_name_them",
        "[settings]\nhosts = [\"http://localhost:8000/\"]\n[[allow]]\norigins = [\"https://app.example.com\"]\nresource = [{ path = \"/api/*\" }]",
    ),
    (
        "path_parameter_without_name",
        "origins = [\"https://app.example.com\"]\n[[allow.resource]]\npath = \"/time/1:2\"",
    ),
    (
        "path_regex_invalid",
        "origins = [\"https://app.example.com\"]\n[[allow.resource]]\npath = { regex = '/api/v[0-9+' }",
    ),
    (
        "path_regex_without_leading_slash",
        "origins = [\"https://app.example.com\"]\n[[allow.resource]]\npath = { regex = 'api/.*' }",
    ),
    (
        "path_with_query",
        "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/api?x\"",
    ),
    (
        "path_without_leading_slash",
        "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"api/*\"",
    ),
    (
        "private_network_with_null",
        "origins = [\"null\"]\n[[allow.resource]]\npath = \"/device/*\"\nprivate_network = true",
    ),
    (
        "private_network_with_star",
        "origins = [\"*\"]\n[[allow.resource]]\npath = \"/x\"\nprivate_network = true",
    ),
    (
        "public_socket_where_credentials_are_granted",
        "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/x\"\ncredentials = true\npublic_socket = true",
    ),
    (
        "refuse_others_with_star",
        "origins = [\"*\"]\n[[allow.resource]]\npath = \"/transfer\"\nmethods = [\"post\"]\nrefuse_others = true",
    ),
    (
        "refused_status_invalid",
        "[settings]\nrefused_preflight_status = 302\n[[allow]]\norigins = [\"https://app.example.com\"]\nresource = [{ path = \"/api/*\" }]",
    ),
    (
        "regex_origin_accepts_null",
        r#"origins = [{ regex = '^(null|https://app\.example\.com)$' }]"#,
    ),
    (
        "regex_origin_any_top_level_domain",
        r#"origins = [{ regex = '^https://example\.[a-z]+$' }]"#,
    ),
    (
        "regex_origin_http_twin",
        r#"origins = [{ regex = '^https?://app\.example\.com$' }]"#,
    ),
    (
        "regex_origin_prefix_attack",
        r#"origins = [{ regex = '^https://.*example\.com$' }]"#,
    ),
    (
        "regex_origin_scheme_not_written",
        r#"origins = [{ regex = '^[a-z]+://app\.example\.com$' }]"#,
    ),
    (
        "regex_origin_suffix_attack",
        r#"origins = [{ regex = '^https://app\.example\.com.*' }]"#,
    ),
    (
        "regex_origin_too_complex",
        r#"origins = [{ regex = '^https://[ab]*a[ab]{20}\.example\.com$' }]"#,
    ),
    (
        "regex_origin_under_public_suffix",
        r#"origins = [{ regex = '^https://[a-z]+\.github\.io$' }]"#,
    ),
    (
        "regex_origin_unescaped_dot",
        r#"origins = [{ regex = '^https://app.example\.com$' }]"#,
    ),
    (
        "regex_origin_unescaped_dot_in_optional_group",
        r#"origins = [{ regex = '^https://(www.)?example\.com$' }]"#,
    ),
    (
        "regex_origin_without_scheme",
        r#"origins = [{ regex = 'example\.com' }]"#,
    ),
    (
        "resource_repeated",
        "origins = [\"https://app.example.com\"]\nresource = [{ path = \"/api/*\", methods = [\"get\"] }, { path = \"/users/:id\" }, { path = \"/api/*\", methods = [\"post\"] }]",
    ),
    (
        "setting_allowed_status_invalid",
        "[settings]\nallowed_preflight_status = 404\n[[allow]]\norigins = [\"https://app.example.com\"]\nresource = [{ path = \"/api/*\" }]",
    ),
    (
        "shadowed_by_a_regex_path",
        "[[allow]]\norigins = [\"https://app.example.com\"]\nresource = [{ path = { regex = '^/(api|files)/.*$' } }]\n[[allow]]\norigins = [\"https://app.example.com\"]\nresource = [{ path = \"/api/account/*\", credentials = true }]",
    ),
    (
        "shadowed_by_an_earlier_star_block",
        "[[allow]]\norigins = [\"*\"]\nresource = [{ path = \"/api/*\" }]\n[[allow]]\norigins = [\"https://app.example.com\"]\nresource = [{ path = \"/api/account\", credentials = true }]",
    ),
    (
        "shadowed_by_an_earlier_wildcard",
        "[[allow]]\norigins = [\"https://*.example.com\"]\nresource = [{ path = \"*\" }]\n[[allow]]\norigins = [\"https://app.example.com\", \"https://admin.example.com\"]\nresource = [{ path = \"/admin/*\", methods = \"any\" }]",
    ),
    (
        "shadowed_by_an_inner_wildcard",
        "origins = [\"https://app.example.com\"]\nresource = [{ path = \"/api*\" }, { path = \"/api/admin/*\", methods = [\"get\", \"delete\"] }]",
    ),
    (
        "shadowed_within_a_block",
        "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/api/*\"\n[[allow.resource]]\npath = \"/api/users\"",
    ),
    (
        "unsafe_without_need",
        "unsafe = true\norigins = [\"https://a.example\"]",
    ),
];

/// A UI case whose mistake is one of the macro's syntax: the line a file written the nearest
/// way has in a resource's table, refused at its place with this sentence (the format's, or the
/// checker's for what a file can only write as a string).
pub const OWN_SENTENCE: &[(&str, &str, &str)] = &[
    (
        "method_any_in_list",
        "methods = [\"get\", \"any\"]",
        "\"any\" here names a method called `any`, not any method; write `methods = \"any\"`",
    ),
    (
        "option_credentials_not_a_bool",
        "credentials = \"yes\"",
        "invalid type: string \"yes\", expected a boolean",
    ),
    (
        "option_headers_not_a_header",
        "headers = 7",
        "a list of names is expected here, as in [\"x-token\"], or \"any\"",
    ),
    (
        "option_max_age_not_a_number",
        "max_age = \"ten\"",
        "invalid type: string \"ten\"",
    ),
    (
        "option_methods_not_a_method",
        "methods = [7]",
        "a list of names is expected here",
    ),
    (
        "option_private_network_not_a_bool",
        "private_network = 1",
        "invalid type: integer `1`, expected a boolean",
    ),
    (
        "option_refuse_others_not_a_bool",
        "refuse_others = \"no\"",
        "invalid type: string \"no\", expected a boolean",
    ),
    (
        "option_twice",
        "credentials = true\ncredentials = true",
        "duplicate key",
    ),
    (
        "unknown_option",
        "credntials = true",
        "unknown key `credntials`; did you mean `credentials`?",
    ),
];

/// UI cases with no form in a file: the mistake cannot be written in TOML (its values are typed
/// strings, numbers and tables), so there is nothing to refuse.
pub const NO_FILE_FORM: &[(&str, &str)] = &[
    (
        "every_problem_at_once",
        "the macro's report of many problems at once; a file's is tested by `a_problem_is_printed_at_its_file_line_and_column`",
    ),
    (
        "header_as_word",
        "a header written as a bare word: a file's names are strings",
    ),
    (
        "method_misspelt",
        "a method written as a bare word: a file's `\"psot\"` is a string, a near miss (`method_near_miss_and_ambiguous_names`)",
    ),
    (
        "method_ruby_symbol",
        "rack-cors's `:get`: a file's methods are strings",
    ),
    (
        "origin_not_a_string",
        "an origin written as a bare word: a file's are strings",
    ),
    (
        "origins_twice",
        "two `origins` statements: a file has one `origins` key (a second is `option_twice`'s duplicate key)",
    ),
    (
        "path_not_a_string",
        "a path written as a bare word: a file's are strings",
    ),
    (
        "regex_with_two_arguments",
        "`regex(a, b)`: a file's regex is one string",
    ),
    ("separator_missing_after_origins", "the macro's `;`"),
    ("separator_missing_between_options", "the macro's `,`"),
    (
        "setting_debug_header_not_a_bool",
        "as `option_credentials_not_a_bool`, in `[settings]`",
    ),
    (
        "setting_decision_in_extensions_not_a_bool",
        "as `option_credentials_not_a_bool`, in `[settings]`",
    ),
    ("setting_given_twice", "as `option_twice`, in `[settings]`"),
    (
        "setting_refused_status_not_a_number",
        "as `option_max_age_not_a_number`, in `[settings]`",
    ),
    (
        "tenants_written_wrong",
        "the macro's `tenants from path;` statement; a file's `tenants` is a string or a table",
    ),
    ("unknown_keyword", "a statement of the macro's grammar"),
    ("unknown_setting", "as `unknown_option`, in `[settings]`"),
    ("unknown_statement", "a statement of the macro's grammar"),
    (
        "unsafe_not_before_allow",
        "the macro's `unsafe allow`; a file's `unsafe = true` has no order",
    ),
];
