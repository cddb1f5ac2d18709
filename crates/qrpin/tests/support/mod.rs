//! The team and batch behind `tests/fixtures/batch/team-run-mixed-response.json`, shared by the batch tests.

use std::path::PathBuf;

use chrono::{DateTime, TimeZone, Utc};
use qrpin::batch::{
    batches, plan, BadgeWindow, BatchRequest, KnownMethod, PlannedUser, TeamMember,
};

pub fn fixture(relative: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 1, 12, 0, 0).unwrap()
}

pub fn window() -> BadgeWindow {
    BadgeWindow {
        start: now(),
        expire: Utc.with_ymd_and_hms(2025, 12, 19, 12, 0, 0).unwrap(),
    }
}

/// The eight users behind `tests/fixtures/batch/team-run-mixed-response.json`, ids "1" to "8" in this order.
pub fn team() -> Vec<TeamMember> {
    let put = KnownMethod::NoMethod;
    let patch = KnownMethod::NoActiveStandardCode;
    [
        (
            "a1b2c3d4-0000-4000-8000-000000000001",
            "adele@contoso.com",
            put,
        ),
        (
            "0b5c3c2e-58a4-4d8e-9f4a-2f0b6c1d7e90",
            "alex@contoso.com",
            patch,
        ),
        (
            "7c4999f7-9c25-4f8e-8b84-766eb28a1b49",
            "diego@contoso.com",
            put,
        ),
        (
            "a1b2c3d4-0000-4000-8000-000000000004",
            "grady@contoso.com",
            put,
        ),
        (
            "a1b2c3d4-0000-4000-8000-000000000005",
            "isaiah@contoso.com",
            patch,
        ),
        (
            "a1b2c3d4-0000-4000-8000-000000000006",
            "johanna@contoso.com",
            put,
        ),
        (
            "a1b2c3d4-0000-4000-8000-000000000007",
            "lee@contoso.com",
            put,
        ),
        (
            "a1b2c3d4-0000-4000-8000-000000000008",
            "lynne@contoso.com",
            patch,
        ),
    ]
    .map(|(id, upn, method)| TeamMember {
        id: id.into(),
        upn: upn.into(),
        display_name: upn.into(),
        method,
    })
    .to_vec()
}

pub fn planned() -> Vec<PlannedUser> {
    plan(&team(), window(), now()).unwrap()
}

pub fn the_batch() -> BatchRequest {
    batches(&planned(), 20).remove(0)
}

pub fn mixed_response() -> String {
    fixture("tests/fixtures/batch/team-run-mixed-response.json")
}
