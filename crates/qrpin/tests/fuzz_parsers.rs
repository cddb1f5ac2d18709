//! Fuzzes every parser that reads what Graph sends: none may panic, whatever the bytes.
//! `cargo test` runs a bounded number of cases; `FUZZ_CASES=1000000 cargo test --release -p qrpin
//! --test fuzz_parsers` runs longer.

mod fuzz_support;

use chrono::{Duration, Utc};
use fuzz_support::{corpus, mutate, Rng};
use qrpin::batch::{
    batches, plan, read_batch_failure, read_batch_response, BadgeWindow, BatchRequest, KnownMethod,
    TeamMember,
};
use qrpin::model::{
    parse_entity, Collection, GraphErrorBody, QrCode, QrCodePinMethod, QrCodePinPolicy, QrPin, User,
};

/// A two-item team batch whose answers the fuzzer forges.
fn sample_batch() -> BatchRequest {
    let now = Utc::now();
    let member = |id: &str, method| TeamMember {
        id: id.into(),
        upn: format!("{id}@contoso.com"),
        display_name: id.into(),
        method,
    };
    let window = BadgeWindow {
        start: now,
        expire: now + Duration::days(100),
    };
    let planned = plan(
        &[
            member("a", KnownMethod::NoMethod),
            member("b", KnownMethod::NoActiveStandardCode),
        ],
        window,
        now,
    )
    .expect("valid window");
    batches(&planned, 20).remove(0)
}

fn exercise(bytes: &[u8], batch: &BatchRequest) {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(method) = parse_entity::<QrCodePinMethod>(&text) {
        for code in [&method.standard_qr_code, &method.temporary_qr_code]
            .into_iter()
            .flatten()
        {
            if let Some(image) = &code.image {
                // Drawing what Graph sent must fail with an error, never a panic.
                let _ = qrpin::qr::matrix_from_image(image);
            }
            let _ = qrpin::rules::code_state(code, Utc::now());
        }
    }
    if let Ok(code) = parse_entity::<QrCode>(&text) {
        if let Some(image) = &code.image {
            let _ = qrpin::qr::matrix_from_image(image);
        }
    }
    let _ = parse_entity::<QrPin>(&text);
    let _ = parse_entity::<QrCodePinPolicy>(&text)
        .map(|p| (p.min_pin_length(), p.standard_lifetime_days()));
    let _ = parse_entity::<User>(&text);
    let _ = serde_json::from_str::<Collection<User>>(&text);
    let _ = serde_json::from_str::<GraphErrorBody>(&text);
    let _ = qrpin::rules::check_pin(&text, 8);
    let _ = read_batch_response(&text, batch);
    let _ = read_batch_failure(Some(429), Some(&text), &text, batch);
}

#[test]
fn parsers_never_panic_on_mutated_graph_payloads() {
    let cases: usize = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let seeds = corpus();
    assert!(
        seeds.len() > 20,
        "the Graph examples are the starting corpus"
    );
    let batch = sample_batch();
    let mut rng = Rng::new(0x5eed_cafe);
    for seed in &seeds {
        exercise(seed, &batch);
    }
    for _ in 0..cases {
        let seed = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, seed);
        exercise(&input, &batch);
    }
}
