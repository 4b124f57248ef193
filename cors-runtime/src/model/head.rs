use http::{HeaderMap, Method, Request, Uri};

/// A borrowed view of a request's head: what origin functions and `if:` conditions decide on,
/// and what [`Cors::decide`](crate::Cors::decide) takes.
///
/// ```
/// use corsage::RequestHead;
///
/// let request = http::Request::get("/items").body(()).unwrap();
/// let head = RequestHead::from(&request);
/// assert_eq!(head.uri().path(), "/items");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct RequestHead<'a> {
    method: &'a Method,
    uri: &'a Uri,
    headers: &'a HeaderMap,
}

impl<'a> RequestHead<'a> {
    /// A view of these parts of a request.
    pub fn new(method: &'a Method, uri: &'a Uri, headers: &'a HeaderMap) -> Self {
        RequestHead {
            method,
            uri,
            headers,
        }
    }

    /// The request method.
    pub fn method(&self) -> &'a Method {
        self.method
    }

    /// The request target; CORS rules match its path.
    pub fn uri(&self) -> &'a Uri {
        self.uri
    }

    /// The request headers.
    pub fn headers(&self) -> &'a HeaderMap {
        self.headers
    }
}

impl<'a, B> From<&'a Request<B>> for RequestHead<'a> {
    /// The request's head, with the URI the client sent: behind `Router::nest`, axum strips the
    /// prefix from the request's URI, and keeps the original in the extensions, which the policy
    /// (written with full paths) is matched against (`axum` feature, on by default).
    fn from(request: &'a Request<B>) -> Self {
        let uri = original_uri(request.extensions()).unwrap_or(request.uri());
        RequestHead::new(request.method(), uri, request.headers())
    }
}

impl<'a> From<&'a http::request::Parts> for RequestHead<'a> {
    fn from(parts: &'a http::request::Parts) -> Self {
        let uri = original_uri(&parts.extensions).unwrap_or(&parts.uri);
        RequestHead::new(&parts.method, uri, &parts.headers)
    }
}

#[cfg(feature = "axum")]
pub(crate) fn original_uri(extensions: &http::Extensions) -> Option<&Uri> {
    extensions
        .get::<axum::extract::OriginalUri>()
        .map(|original| &original.0)
}

#[cfg(not(feature = "axum"))]
pub(crate) fn original_uri(_: &http::Extensions) -> Option<&Uri> {
    None
}
