//! qrbadge-emulator: a local stand-in for Microsoft Graph's QR code + PIN authentication method API and the
//! Entra ID v2.0 sign-in endpoints, faithful enough that the portal is built and tested against it.
//!
//! The binary (`main.rs`) only parses flags and binds a socket; everything else is here so tests, the load
//! example and the binary share one router ([`app::build_router`]).

pub mod app;
pub mod cli;
pub mod clock;
pub mod config;
pub mod control;
pub mod domain;
pub mod faults;
pub mod graph;
pub mod http;
pub mod ids;
pub mod loadgen;
pub mod oidc;
pub mod portal_config;
pub mod server;
pub mod static_files;
pub mod store;
pub mod throttle;
pub mod timefmt;
