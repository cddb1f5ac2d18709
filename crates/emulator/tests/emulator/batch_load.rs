//! `$batch` under load, through a real loopback socket: a 1,000-person team looked up 20 at a time
//! over four keep-alive connections at once gets a well-formed answer for every request; with
//! throttling on, the only other answer is a 429 that says how long to wait.

use std::net::SocketAddr;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Method, Request, StatusCode};
use hyper_util::rt::TokioIo;
use qrbadge_emulator::store::seed::SeedSpec;
use qrbadge_emulator::throttle::ThrottleSettings;
use qrpin::http::retry_after_seconds;
use serde_json::{json, Value};

use crate::common::*;

const TEAM: usize = 1000;
const CONNECTIONS: usize = 4;

/// Worker `n` (1-based) has a badge code when `n` is a multiple of 4, as in the e2e suite's team seed.
fn team_seed() -> SeedSpec {
    let mut seed: Value = serde_json::from_str(include_str!("../../seed/default-seed.json"))
        .expect("the built-in seed is JSON");
    let users = seed["users"].as_array_mut().expect("users");
    for n in 1..=TEAM {
        let mut user = json!({
            "id": worker_id(n),
            "userPrincipalName": format!("worker{n:04}@contoso.com"),
            "displayName": format!("Worker {n}"),
        });
        if n.is_multiple_of(4) {
            user["qrCodePinMethod"] = json!({
                "createdDateTime": "now-30d",
                "standardQRCode": {"startDateTime": "now-30d", "expireDateTime": "now+300d"},
                "pin": {"code": "58203914", "forceChangePinNextSignIn": false}
            });
        }
        users.push(user);
    }
    SeedSpec::parse(&seed.to_string()).expect("a valid seed")
}

fn worker_id(n: usize) -> String {
    format!("7e000000-0000-4000-8000-{n:012}")
}

/// The lookups of the whole team, 20 per `$batch`, item ids = worker numbers.
fn lookup_bodies() -> Vec<Value> {
    let numbers: Vec<usize> = (1..=TEAM).collect();
    numbers
        .chunks(20)
        .map(|chunk| {
            let requests: Vec<Value> = chunk
                .iter()
                .map(|n| {
                    json!({
                        "id": n.to_string(),
                        "method": "GET",
                        "url": format!("/users/{}/authentication/qrCodePinMethod", worker_id(*n)),
                    })
                })
                .collect();
            json!({ "requests": requests })
        })
        .collect()
}

/// What one connection found: the problems, and how many requests were throttled.
#[derive(Default)]
struct Findings {
    problems: Vec<String>,
    throttled: usize,
}

/// Sends every `CONNECTIONS`-th lookup batch, from the `first`, over one keep-alive connection.
async fn look_up_share(
    address: SocketAddr,
    token: String,
    first: usize,
    throttled: bool,
) -> Findings {
    let stream = tokio::net::TcpStream::connect(address)
        .await
        .expect("connect");
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .expect("handshake");
    tokio::spawn(connection);
    let mut findings = Findings::default();
    for body in lookup_bodies().into_iter().skip(first).step_by(CONNECTIONS) {
        let request = Request::builder()
            .method(Method::POST)
            .uri("/beta/$batch")
            .header(hyper::header::HOST, address.to_string())
            .header(hyper::header::AUTHORIZATION, format!("Bearer {token}"))
            .header(hyper::header::CONTENT_TYPE, "application/json")
            .body(Full::new(Bytes::from(body.to_string())))
            .expect("request");
        sender.ready().await.expect("connection ready");
        let response = sender.send_request(request).await.expect("an answer");
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("a whole body")
            .to_bytes();
        if status != StatusCode::OK {
            findings.problems.push(format!("$batch answered {status}"));
            continue;
        }
        let Ok(answer) = serde_json::from_slice::<Value>(&bytes) else {
            let text = String::from_utf8_lossy(&bytes);
            findings.problems.push(format!("not JSON: {text}"));
            continue;
        };
        findings.throttled += answer["responses"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|item| item["status"] == 429)
            .count();
        findings
            .problems
            .extend(check_answer(&body, &answer, throttled));
    }
    findings
}

/// Every request answered exactly once: a worker with a badge code 200 with the method, the others 404;
/// with throttling, a 429 with a readable `Retry-After` instead.
fn check_answer(sent: &Value, answer: &Value, throttled: bool) -> Vec<String> {
    let responses = answer["responses"].as_array().cloned().unwrap_or_default();
    let mut problems = Vec::new();
    let asked = sent["requests"].as_array().map(Vec::len).unwrap_or(0);
    if responses.len() != asked {
        problems.push(format!("{} answers for {asked} requests", responses.len()));
    }
    for request in sent["requests"].as_array().into_iter().flatten() {
        let id = request["id"].as_str().unwrap_or_default();
        let n: usize = id.parse().unwrap_or(0);
        let found: Vec<&Value> = responses.iter().filter(|r| r["id"] == id).collect();
        let [item] = found.as_slice() else {
            problems.push(format!("item {id}: answered {} times", found.len()));
            continue;
        };
        let status = item["status"].as_u64().unwrap_or(0);
        let well_formed = match status {
            200 => {
                n.is_multiple_of(4)
                    && item["body"]["id"].is_string()
                    && item["body"]["standardQRCode"]["expireDateTime"].is_string()
            }
            404 => !n.is_multiple_of(4) && item["body"]["error"]["code"].is_string(),
            429 => {
                throttled
                    && item["headers"]["Retry-After"]
                        .as_str()
                        .or(item["headers"]["retry-after"].as_str())
                        .and_then(retry_after_seconds)
                        .is_some()
            }
            _ => false,
        };
        if !well_formed {
            problems.push(format!("item {id}: {item}"));
        }
    }
    problems
}

async fn hammer(app: &TestApp, throttled: bool) -> Findings {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let address = listener.local_addr().expect("an address");
    tokio::spawn(qrbadge_emulator::server::serve(
        listener,
        app.router.clone(),
    ));
    let token = app.token(MEGAN);
    let runs: Vec<_> = (0..CONNECTIONS)
        .map(|first| tokio::spawn(look_up_share(address, token.clone(), first, throttled)))
        .collect();
    let mut all = Findings::default();
    for run in runs {
        let findings = run.await.expect("a connection's run finished");
        all.problems.extend(findings.problems);
        all.throttled += findings.throttled;
    }
    all
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_lookups_on_four_connections_are_each_answered_well_formed() {
    let app = TestApp::new();
    app.emulator
        .store
        .replace_seed(team_seed(), app.now())
        .expect("seeded");
    let Findings { problems, .. } = hammer(&app, false).await;
    assert!(
        problems.is_empty(),
        "{:?}",
        &problems[..problems.len().min(5)]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttled_lookups_are_answered_or_told_when_to_come_back() {
    let app = TestApp::new();
    app.emulator
        .store
        .replace_seed(team_seed(), app.now())
        .expect("seeded");
    app.emulator.throttle.configure(Some(ThrottleSettings {
        limit: 100,
        window_seconds: 0.5,
        writes_only: false,
    }));
    let Findings {
        problems,
        throttled,
    } = hammer(&app, true).await;
    assert!(
        problems.is_empty(),
        "{:?}",
        &problems[..problems.len().min(5)]
    );
    assert!(
        throttled > 0,
        "1,000 lookups at 100 per 0.5 s were throttled"
    );
}

#[tokio::test]
async fn a_malformed_fault_answers_one_lookup_with_a_body_no_one_can_read() {
    let app = TestApp::new();
    app.emulator
        .store
        .replace_seed(team_seed(), app.now())
        .expect("seeded");
    let second = worker_id(2);
    let fault = json!({
        "method": "GET",
        "path": format!("*/users/{second}/authentication/qrCodePinMethod"),
        "kind": "malformed",
    });
    let added = app
        .call("POST", "/_emulator/faults", None, Some(fault))
        .await;
    assert_eq!(added.status, 201, "{}", added.text());
    let token = app.token(MEGAN);
    let first_batch = lookup_bodies().remove(0);
    let answer = app
        .call(
            "POST",
            "/beta/$batch",
            Some(&token),
            Some(first_batch.clone()),
        )
        .await
        .json();
    let item = |id: &str| {
        answer["responses"]
            .as_array()
            .and_then(|items| items.iter().find(|item| item["id"] == id))
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(item("2")["status"], 200);
    let body = item("2")["body"].as_str().unwrap_or_default().to_string();
    assert!(serde_json::from_str::<Value>(&body).is_err(), "{body}");
    let mut others = answer.clone();
    if let Some(items) = others["responses"].as_array_mut() {
        items.retain(|item| item["id"] != "2");
    }
    let mut asked = first_batch;
    if let Some(requests) = asked["requests"].as_array_mut() {
        requests.retain(|request| request["id"] != "2");
    }
    assert_eq!(check_answer(&asked, &others, false), Vec::<String>::new());
    let again = app
        .call(
            "POST",
            "/beta/$batch",
            Some(&token),
            Some(lookup_bodies().remove(0)),
        )
        .await;
    assert_eq!(
        check_answer(&lookup_bodies()[0], &again.json(), false),
        Vec::<String>::new(),
        "the fault applied once"
    );
}
