//! A bounded loopback load generator (used by `examples/loadtest.rs` and the load test): N requests over C
//! keep-alive connections, each connection acting as its own seeded user with a mix of reads and PIN
//! changes. Every PIN change names the previous PIN, so a lost or reordered write shows up as a refused
//! change; 429s are honoured by waiting `Retry-After` and retrying.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1::SendRequest;
use hyper::{Method, Request, StatusCode};
use hyper_util::rt::TokioIo;
use qrpin::api::{GraphVersion, METHOD_PATH, UPDATE_PIN_PATH};
use qrpin::http::retry_after_seconds;
use serde_json::{json, Value};

/// Seeded users that have a QR code + PIN method, with their seeded PINs.
pub const LOAD_USERS: [(&str, &str); 4] = [
    ("adele.vance@contoso.com", "58203914"),
    ("isaiah.langer@contoso.com", "40617293"),
    ("lynne.robbins@contoso.com", "73918265"),
    ("grady.archie@contoso.com", "86402751"),
];

#[derive(Clone, Debug)]
pub struct LoadPlan {
    pub total_requests: usize,
    pub connections: usize,
}

#[derive(Debug, Default)]
pub struct LoadReport {
    pub requests: usize,
    pub elapsed: Duration,
    pub statuses: BTreeMap<u16, usize>,
    /// Answers that are neither expected successes nor throttling.
    pub unexpected: Vec<String>,
    pub pin_changes: usize,
    /// PIN changes whose `currentPin` (the last accepted one) was refused.
    pub lost_writes: usize,
}

impl LoadReport {
    pub fn requests_per_second(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    fn merge(&mut self, other: LoadReport) {
        self.requests += other.requests;
        for (status, count) in other.statuses {
            *self.statuses.entry(status).or_default() += count;
        }
        self.unexpected.extend(other.unexpected);
        self.pin_changes += other.pin_changes;
        self.lost_writes += other.lost_writes;
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("connection failed: {0}")]
    Connect(#[from] std::io::Error),
    #[error("HTTP failure: {0}")]
    Http(#[from] hyper::Error),
    #[error("bad request: {0}")]
    Request(#[from] hyper::http::Error),
    #[error("unexpected answer: {0}")]
    Unexpected(String),
}

struct Connection {
    sender: SendRequest<Full<Bytes>>,
    host: String,
}

impl Connection {
    async fn open(address: SocketAddr) -> Result<Connection, LoadError> {
        let stream = tokio::net::TcpStream::connect(address).await?;
        stream.set_nodelay(true)?;
        let (sender, connection) =
            hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
        tokio::spawn(connection);
        Ok(Connection {
            sender,
            host: address.to_string(),
        })
    }

    async fn send(
        &mut self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Result<(StatusCode, Option<String>, Bytes), LoadError> {
        let mut builder = Request::builder()
            .method(method)
            .uri(path)
            .header(hyper::header::HOST, &self.host);
        if let Some(token) = token {
            builder = builder.header(hyper::header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let payload = match body {
            Some(body) => {
                builder = builder.header(hyper::header::CONTENT_TYPE, "application/json");
                Bytes::from(body.to_string())
            }
            None => Bytes::new(),
        };
        self.sender.ready().await?;
        let response = self
            .sender
            .send_request(builder.body(Full::new(payload))?)
            .await?;
        let status = response.status();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|value| value.to_str().ok())
            .map(str::to_string);
        let body = response.into_body().collect().await?.to_bytes();
        Ok((status, retry_after, body))
    }
}

/// Mints a token for `upn` through test control (the server must run with `--test-control`).
pub async fn mint_token(address: SocketAddr, upn: &str) -> Result<String, LoadError> {
    let mut connection = Connection::open(address).await?;
    let (status, _, body) = connection
        .send(
            Method::POST,
            "/_emulator/tokens",
            None,
            Some(json!({ "user": upn })),
        )
        .await?;
    let parsed: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    match (status, parsed["access_token"].as_str()) {
        (StatusCode::OK, Some(token)) => Ok(token.to_string()),
        _ => Err(LoadError::Unexpected(format!(
            "token minting answered {status}"
        ))),
    }
}

/// Runs the plan against a server at `address` (loopback) and reports.
pub async fn run(address: SocketAddr, plan: LoadPlan) -> Result<LoadReport, LoadError> {
    let connections = plan.connections.clamp(1, LOAD_USERS.len());
    let mut workers = Vec::new();
    let started = Instant::now();
    for (index, (upn, pin)) in LOAD_USERS.iter().take(connections).enumerate() {
        let token = mint_token(address, upn).await?;
        let share = plan.total_requests / connections
            + usize::from(index < plan.total_requests % connections);
        let connection = Connection::open(address).await?;
        workers.push(tokio::spawn(drive(
            connection,
            token,
            pin.to_string(),
            share,
        )));
    }
    let mut report = LoadReport::default();
    for worker in workers {
        match worker.await {
            Ok(result) => report.merge(result?),
            Err(error) => report.unexpected.push(format!("worker panicked: {error}")),
        }
    }
    report.elapsed = started.elapsed();
    Ok(report)
}

/// One connection's share: reads of the method and of /me, and every fifth request a PIN change.
async fn drive(
    mut connection: Connection,
    token: String,
    mut current_pin: String,
    requests: usize,
) -> Result<LoadReport, LoadError> {
    let mut report = LoadReport::default();
    let mut digits = 0u64;
    let mut sent = 0;
    let me = format!("/{}/me", GraphVersion::Beta.segment());
    let (method_path, update_pin_path) = (
        format!("{me}{METHOD_PATH}"),
        format!("{me}{UPDATE_PIN_PATH}"),
    );
    while sent < requests {
        let (method, path, body, is_pin_change, next_pin) = match sent % 5 {
            4 => {
                let next = qrpin::rules::generate_pin(8, || {
                    digits = digits
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (digits >> 33) as u8
                });
                let body = json!({ "currentPin": current_pin, "newPin": next });
                (
                    Method::POST,
                    update_pin_path.as_str(),
                    Some(body),
                    true,
                    Some(next),
                )
            }
            1 => (Method::GET, me.as_str(), None, false, None),
            _ => (Method::GET, method_path.as_str(), None, false, None),
        };
        let (status, retry_after, body) = connection.send(method, path, Some(&token), body).await?;
        report.requests += 1;
        *report.statuses.entry(status.as_u16()).or_default() += 1;
        if status == StatusCode::TOO_MANY_REQUESTS {
            let wait = retry_after
                .as_deref()
                .and_then(retry_after_seconds)
                .unwrap_or(1.0);
            tokio::time::sleep(Duration::from_secs_f64(wait.clamp(0.0, 30.0))).await;
            continue; // retried, not counted as one of the planned requests
        }
        sent += 1;
        match (is_pin_change, status) {
            (true, StatusCode::NO_CONTENT) => {
                report.pin_changes += 1;
                if let Some(next) = next_pin {
                    current_pin = next;
                }
            }
            (true, StatusCode::BAD_REQUEST)
                if String::from_utf8_lossy(&body).contains("current PIN") =>
            {
                report.lost_writes += 1
            }
            (false, StatusCode::OK) => {}
            (_, other) => report.unexpected.push(format!(
                "{path}: {other} {}",
                String::from_utf8_lossy(&body)
            )),
        }
    }
    Ok(report)
}
