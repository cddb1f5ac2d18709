//! `qrbadge-emulator --addr 127.0.0.1:<port> [--dist DIR] [--seed FILE] [--test-control] [--state FILE] …`

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use qrbadge_emulator::app::{build_router, Emulator};
use qrbadge_emulator::cli::Args;
use qrbadge_emulator::oidc::jwt::SigningKeys;
use qrbadge_emulator::server;

fn main() -> ExitCode {
    let args = Args::parse();
    if !args.addr.ip().is_loopback() {
        eprintln!(
            "qrbadge emulator: refusing to listen on {}: loopback addresses only",
            args.addr
        );
        return ExitCode::from(2);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("qrbadge emulator: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(args))
}

async fn run(args: Args) -> ExitCode {
    let addr = args.addr;
    let config = args.into_config();
    let keys = match SigningKeys::generate() {
        Ok(keys) => Arc::new(keys),
        Err(error) => {
            eprintln!("qrbadge emulator: cannot generate the signing key: {error}");
            return ExitCode::FAILURE;
        }
    };
    let emulator = match Emulator::new(config, keys) {
        Ok(emulator) => Arc::new(emulator),
        Err(error) => {
            eprintln!("qrbadge emulator: {error}");
            return ExitCode::FAILURE;
        }
    };
    emulator.external.refresh_in_background();
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("qrbadge emulator: cannot listen on {addr}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let bound = listener.local_addr().unwrap_or(addr);
    println!("qrbadge emulator listening on http://{bound}");
    let router = build_router(emulator);
    tokio::select! {
        result = server::serve(listener, router) => {
            if let Err(error) = result {
                eprintln!("qrbadge emulator: {error}");
                return ExitCode::FAILURE;
            }
        }
        _ = tokio::signal::ctrl_c() => {}
    }
    ExitCode::SUCCESS
}
