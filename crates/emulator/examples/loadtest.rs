//! Bounded loopback load test: starts an emulator on 127.0.0.1:0 (or targets `--addr` of a running one with
//! `--test-control`), sends `--requests` (default 10 000) over `--connections` (default 4) keep-alive
//! connections with per-user throttling switched on, and prints requests/s, status counts and lost writes.
//!
//! `cargo run --release -p qrbadge-emulator --example loadtest -- [--requests N] [--connections C] [--throttle-limit N] [--addr 127.0.0.1:PORT]`

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use qrbadge_emulator::app::{build_router, Emulator};
use qrbadge_emulator::config::EmulatorConfig;
use qrbadge_emulator::loadgen::{self, LoadPlan};
use qrbadge_emulator::oidc::jwt::SigningKeys;
use qrbadge_emulator::throttle::ThrottleSettings;

fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|arg| arg == name)
        .and_then(|index| args.get(index + 1).cloned())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let requests = flag(&args, "--requests")
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let connections = flag(&args, "--connections")
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    // Requests per user per second before 429s; 0 switches throttling off.
    let throttle_limit: u32 = flag(&args, "--throttle-limit")
        .and_then(|v| v.parse().ok())
        .unwrap_or(600);
    let address: SocketAddr = match flag(&args, "--addr") {
        Some(text) => match text.parse::<SocketAddr>() {
            Ok(address) if address.ip().is_loopback() => address,
            _ => {
                eprintln!("--addr must be a loopback address");
                return ExitCode::from(2);
            }
        },
        None => match start_in_process(throttle_limit).await {
            Ok(address) => address,
            Err(message) => {
                eprintln!("{message}");
                return ExitCode::FAILURE;
            }
        },
    };
    match loadgen::run(
        address,
        LoadPlan {
            total_requests: requests,
            connections,
        },
    )
    .await
    {
        Ok(report) => {
            println!(
                "{} requests ({} planned) over {connections} connections in {:.2} s: {:.0} requests/s",
                report.requests,
                requests,
                report.elapsed.as_secs_f64(),
                report.requests_per_second()
            );
            println!("status counts: {:?}", report.statuses);
            println!(
                "PIN changes: {}, lost writes: {}, unexpected answers: {}",
                report.pin_changes,
                report.lost_writes,
                report.unexpected.len()
            );
            for line in report.unexpected.iter().take(5) {
                println!("  {line}");
            }
            if report.unexpected.is_empty() && report.lost_writes == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(error) => {
            eprintln!("load test failed: {error}");
            ExitCode::FAILURE
        }
    }
}

/// An emulator with test control and per-user throttling (`limit` requests per second per user).
async fn start_in_process(limit: u32) -> Result<SocketAddr, String> {
    let keys = SigningKeys::generate().map_err(|e| e.to_string())?;
    let config = EmulatorConfig {
        test_control: true,
        ..EmulatorConfig::default()
    };
    let emulator = Arc::new(Emulator::new(config, Arc::new(keys)).map_err(|e| e.to_string())?);
    if limit > 0 {
        emulator.throttle.configure(Some(ThrottleSettings {
            limit,
            window_seconds: 1.0,
            writes_only: false,
        }));
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    tokio::spawn(qrbadge_emulator::server::serve(
        listener,
        build_router(emulator),
    ));
    Ok(address)
}
