//! A smaller run of the load generator (the example runs 10 000 requests): with throttling on, the only
//! non-success answers are 429s, and no PIN change is lost.

use std::sync::Arc;

use qrbadge_emulator::app::{build_router, Emulator};
use qrbadge_emulator::loadgen::{self, LoadPlan};
use qrbadge_emulator::throttle::ThrottleSettings;

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn loopback_load_has_no_errors_but_throttling_and_no_lost_write() {
    let emulator = Arc::new(Emulator::new(test_config(), shared_keys()).unwrap());
    emulator.throttle.configure(Some(ThrottleSettings {
        limit: 150,
        window_seconds: 0.25,
        writes_only: false,
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(qrbadge_emulator::server::serve(
        listener,
        build_router(emulator.clone()),
    ));
    let report = loadgen::run(
        address,
        LoadPlan {
            total_requests: 2000,
            connections: 4,
        },
    )
    .await
    .unwrap();
    assert!(
        report.unexpected.is_empty(),
        "{:?}",
        &report.unexpected[..report.unexpected.len().min(5)]
    );
    assert_eq!(report.lost_writes, 0);
    assert_eq!(report.pin_changes, 400);
    let statuses: Vec<u16> = report.statuses.keys().copied().collect();
    assert!(
        statuses.iter().all(|s| [200, 204, 429].contains(s)),
        "{statuses:?}"
    );
    // The stored PIN hashes changed exactly as acknowledged: every user's PIN is no longer the seeded one.
    for (upn, seeded) in loadgen::LOAD_USERS {
        let pin = emulator
            .store
            .read(|d| {
                d.find_user(upn)
                    .and_then(|u| d.methods.get(&u.id))
                    .map(|m| m.pin.clone())
            })
            .unwrap();
        assert!(!qrbadge_emulator::store::pin_hash::pin_matches(
            &pin, seeded
        ));
        assert!(!pin.force_change_pin_next_sign_in);
    }
}
