//! A gRPC service for browsers: tonic's server machinery, tonic-web's translation from gRPC-web,
//! and corsage in front, in one axum app on 127.0.0.1 (port 8002, or `PORT`).
//!
//! `hello.Greeter/SayHello` answers `Hello, NAME!`, or the status `INVALID_ARGUMENT` for an
//! empty name. The messages are written with prost's derive and the service by hand (what
//! tonic's code generator would write), so that the example needs no `protoc`.
//!
//!     RUST_LOG=corsage=debug cargo run --example grpc_web

use std::convert::Infallible;
use std::future::{Ready, ready};
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::Router;
use corsage::{Cors, cors};
use tonic::server::{Grpc, NamedService, UnaryService};
use tonic::{Request, Response, Status};
use tonic_prost::ProstCodec;

pub static CORS: Cors = cors! {
    allow {
        origins "http://localhost:3000", "http://127.0.0.1:3000";
        // Every gRPC-web call is a POST, with the headers grpc-web clients send (content-type
        // is always allowed); a failed call's status travels in headers, which scripts read
        // only when exposed.
        resource "/hello.Greeter/*",
            methods: post,
            headers: ["x-grpc-web", "x-user-agent", "grpc-timeout"],
            expose: ["grpc-status", "grpc-message", "grpc-status-details-bin"];
    }
};

#[derive(Clone, PartialEq, prost::Message)]
pub struct HelloRequest {
    #[prost(string, tag = "1")]
    pub name: String,
}

#[derive(Clone, PartialEq, prost::Message)]
pub struct HelloReply {
    #[prost(string, tag = "1")]
    pub message: String,
}

/// The `hello.Greeter` service.
#[derive(Clone, Copy)]
pub struct Greeter;

impl NamedService for Greeter {
    const NAME: &'static str = "hello.Greeter";
}

struct SayHello;

impl UnaryService<HelloRequest> for SayHello {
    type Response = HelloReply;
    type Future = Ready<Result<Response<HelloReply>, Status>>;

    fn call(&mut self, request: Request<HelloRequest>) -> Self::Future {
        let name = request.into_inner().name;
        ready(match name.is_empty() {
            true => Err(Status::invalid_argument("name is empty")),
            false => Ok(Response::new(HelloReply {
                message: format!("Hello, {name}!"),
            })),
        })
    }
}

type Body = tonic::body::Body;
type BoxFuture<T> = Pin<Box<dyn std::future::Future<Output = T> + Send>>;

impl tower::Service<http::Request<Body>> for Greeter {
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<Result<http::Response<Body>, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        Box::pin(async move {
            Ok(match request.uri().path() {
                "/hello.Greeter/SayHello" => {
                    let mut grpc = Grpc::new(ProstCodec::<HelloReply, HelloRequest>::default());
                    grpc.unary(SayHello, request).await
                }
                _ => Status::unimplemented("no such method").into_http(),
            })
        })
    }
}

/// The whole app: corsage outermost, then tonic-web's translation, then the service.
pub fn app() -> Router {
    let grpc_web = tonic_web::GrpcWebLayer::new();
    Router::new()
        .route_service(
            &format!("/{}/{{method}}", Greeter::NAME),
            tower::Layer::layer(&grpc_web, Greeter),
        )
        .layer(CORS)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    // `RUST_LOG=corsage=debug` prints every CORS decision, with its reason and rule.
    let filter = tracing_subscriber::EnvFilter::from_default_env();
    tracing_subscriber::fmt().with_env_filter(filter).init();
    let port: u16 = std::env::var("PORT").map_or(8002, |port| port.parse().expect("a port"));
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("gRPC-web behind corsage on http://127.0.0.1:{port}/hello.Greeter/SayHello");
    axum::serve(listener, app()).await
}
